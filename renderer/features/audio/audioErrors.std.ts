// What went wrong with a capture, in words for the merchant. Errors arrive as DOMException names
// (https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia).

export interface CaptureProblem {
  message: string;
  /** Worth trying again by itself when a device is plugged in (devicechange). */
  retryOnDeviceChange: boolean;
}

export type MicrophoneFailure = { kind: 'error'; name: string; detail: string } | { kind: 'ended' };

export function describeMicrophoneProblem(failure: MicrophoneFailure): CaptureProblem {
  if (failure.kind === 'ended') {
    return { message: 'The microphone was disconnected. Plug it back in or choose another one.', retryOnDeviceChange: true };
  }
  switch (failure.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        message: "Shopcast may not use the microphone. Allow it in the browser's site settings (or the system's privacy settings), then try again.",
        retryOnDeviceChange: false,
      };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { message: 'No microphone found. Plug one in: Shopcast picks it up by itself.', retryOnDeviceChange: true };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return {
        message: 'The microphone could not be started: another app may be using it. Close that app, then try again.',
        retryOnDeviceChange: true,
      };
    default:
      return { message: `The microphone could not be started (${failure.name}${failure.detail ? `: ${failure.detail}` : ''}).`, retryOnDeviceChange: false };
  }
}

export type SystemAudioFailure = { kind: 'error'; name: string; detail: string } | { kind: 'no-audio-track' } | { kind: 'ended' };

export function describeSystemAudioProblem(failure: SystemAudioFailure): string {
  switch (failure.kind) {
    case 'ended':
      return "Sharing the computer's sound stopped. Share it again to mix it back in.";
    case 'no-audio-track':
      return 'What you shared has no sound. Browsers share the whole system sound only on Windows and ChromeOS; elsewhere share a browser tab with “Share tab audio” ticked.';
    case 'error':
      if (failure.name === 'NotAllowedError') return "Sharing the computer's sound was cancelled or not allowed.";
      if (failure.name === 'NotReadableError' || failure.name === 'AbortError') return "The computer's sound could not be captured. Try again.";
      if (failure.name === 'NotSupportedError' || failure.name === 'TypeError') return "This browser cannot share the computer's sound.";
      return `The computer's sound could not be shared (${failure.name}${failure.detail ? `: ${failure.detail}` : ''}).`;
  }
}

/** A thrown value as a failure: DOMExceptions keep their name, anything else is "Error". */
export function failureOf(error: unknown): { kind: 'error'; name: string; detail: string } {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return { kind: 'error', name: typeof name === 'string' ? name : 'Error', detail: typeof message === 'string' ? message : '' };
  }
  return { kind: 'error', name: 'Error', detail: String(error) };
}
