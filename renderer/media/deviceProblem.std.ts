// What kind of trouble a camera or microphone is in, from the DOMException name getUserMedia
// rejects with (https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia): the
// sources list and the mixer word it for their own place, the pre-flight names the fix.

export type DeviceProblem = 'denied' | 'missing' | 'busy' | 'format' | 'disconnected' | 'other';

export function deviceProblemOf(errorName: string): DeviceProblem {
  switch (errorName) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'missing';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'OverconstrainedError':
      return 'format';
    case 'ended':
      return 'disconnected';
    default:
      return 'other';
  }
}
