import type { StreamState } from '../../contract/schemas/status.std';

// The go-live states and their only transitions. The controller feeds it what happened; an
// event that makes no sense in the current state changes nothing (it is logged by the caller).

export type GoLiveEvent =
  | { type: 'start' }
  | { type: 'encoderRunning' }
  | { type: 'encoderLost' }
  | { type: 'failed' }
  | { type: 'stop' }
  | { type: 'stopped' };

export function nextStreamState(state: StreamState, event: GoLiveEvent): StreamState {
  switch (event.type) {
    case 'start':
      return state === 'offline' ? 'starting' : state;
    case 'encoderRunning':
      return state === 'starting' || state === 'reconnecting' ? 'live' : state;
    case 'encoderLost':
      return state === 'live' || state === 'starting' ? 'reconnecting' : state;
    case 'failed':
      return state === 'starting' ? 'offline' : state;
    case 'stop':
      return state === 'offline' ? state : 'ending';
    case 'stopped':
      return state === 'ending' ? 'offline' : state;
    default: {
      const never: never = event;
      return never;
    }
  }
}
