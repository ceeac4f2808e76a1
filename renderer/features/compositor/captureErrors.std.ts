/** What a failed capture means for the merchant, and what to do about it. */
export function describeCaptureError(kind: 'camera' | 'screen', error: unknown, format?: string): string {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  if (kind === 'screen') {
    if (name === 'NotAllowedError') return 'Screen sharing was cancelled or not allowed. Press "Share screen" to choose a screen or window.';
    if (name === 'NotSupportedError' || name === 'TypeError') return 'This browser cannot share a screen here.';
    return `Screen sharing failed (${name || String(error)}). Press "Share screen" to try again.`;
  }
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera permission was denied. Allow the camera for Shopcast (the camera icon in the address bar), then press Retry.';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'No camera was found. Plug one in: Shopcast picks it up by itself.';
    case 'NotReadableError':
    case 'TrackStartError':
      return 'The camera is in use by another app (Zoom, Teams, OBS…). Close that app, then press Retry.';
    case 'OverconstrainedError':
      return `This camera cannot capture ${format ?? 'that format'}. Choose another resolution or frame rate.`;
    case 'ended':
      return 'The camera was disconnected. Plug it back in: Shopcast picks it up by itself.';
    default:
      return `The camera could not start (${name || String(error)}). Press Retry.`;
  }
}
