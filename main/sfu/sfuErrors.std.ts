import type { RoomErrorCode } from '../../contract/room/roomEvents.std';

// One error type for everything the SFU layer refuses, with a code each transport maps to its own
// vocabulary: HTTP statuses in broadcasterApi.node.ts, room error codes in the room server.

export type SfuErrorCode =
  | 'invalid' // the caller's parameters are wrong (mediasoup refused them, or they failed validation)
  | 'not-found' // an unknown broadcaster, transport, producer or consumer id
  | 'conflict' // the id exists already, a limit is reached, or the object is in the wrong state
  | 'video-off' // no SFU worker: the room runs without video
  | 'failed'; // the SFU itself failed

export class SfuError extends Error {
  override readonly name = 'SfuError';
  constructor(
    readonly code: SfuErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * mediasoup throws TypeError for parameters it can't accept (its own validation and the
 * worker's), UnsupportedError for codecs the router lacks, InvalidStateError on closed objects.
 */
export function sfuErrorFrom(error: unknown, doing: string): SfuError {
  if (error instanceof SfuError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'TypeError':
    case 'UnsupportedError':
      return new SfuError('invalid', `${doing}: ${message}`);
    case 'InvalidStateError':
      return new SfuError('conflict', `${doing}: ${message}`);
    default:
      return new SfuError('failed', `${doing}: ${message}`);
  }
}

const roomCodeOf: Record<SfuErrorCode, RoomErrorCode> = {
  invalid: 'invalid',
  'not-found': 'not-found',
  // The room protocol has no "conflict": a viewer's SFU call that hits one simply failed.
  conflict: 'failed',
  'video-off': 'video-off',
  failed: 'failed',
};

/** The room socket's error code for whatever a viewer's SFU request threw. */
export function roomErrorCodeOf(error: unknown): RoomErrorCode {
  return error instanceof SfuError ? roomCodeOf[error.code] : 'failed';
}
