import type { VideoState } from '../../contract/room/sfuSignalling.std';
import { SfuError } from './sfuErrors.std';
import type { ShowSfu, ViewerSfu } from './showSfuTypes.std';

/**
 * The show of a room without an SFU (openSfu answered unavailable): it says why, and refuses every
 * media call with that reason (broadcaster API: 503; room socket: video-off).
 */
export function createVideoOffShow(roomId: string, reason: string): ShowSfu {
  const refuse = (): never => {
    throw new SfuError('video-off', reason);
  };
  const state: VideoState = { available: false, producers: 0, reason };
  const viewer: ViewerSfu = {
    handle: () => Promise.reject(new SfuError('video-off', reason)),
    close: () => undefined,
  };
  return {
    roomId,
    rtpCapabilities: () => Promise.reject(new SfuError('video-off', reason)),
    videoState: () => ({ ...state }),
    createBroadcaster: () => Promise.reject(new SfuError('video-off', reason)),
    broadcaster: refuse,
    deleteBroadcaster: refuse,
    createPlainTransport: () => Promise.reject(new SfuError('video-off', reason)),
    connectPlainTransport: () => Promise.reject(new SfuError('video-off', reason)),
    produce: () => Promise.reject(new SfuError('video-off', reason)),
    resyncBroadcaster: () => Promise.reject(new SfuError('video-off', reason)),
    openViewer: () => viewer,
    pipeOut: () => Promise.reject(new SfuError('video-off', reason)),
    dropPipe: () => undefined,
    close: () => undefined,
  };
}
