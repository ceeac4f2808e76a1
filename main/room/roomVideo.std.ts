import type { VideoFrame } from '../../contract/room/roomEvents.std';
import type { SfuRequest, VideoState } from '../../contract/room/sfuSignalling.std';

// What a room needs of its SFU (main/sfu/showSfu.node.ts provides it); a room without a worker
// gets `videoOff`, and its text side runs the same.
export interface ViewerVideo {
  handle(request: SfuRequest): Promise<unknown>;
  close(): void;
}

export interface RoomVideo {
  videoState(): VideoState;
  openViewer(notify: (frame: VideoFrame) => void): ViewerVideo;
}

export function videoOff(reason: string): RoomVideo {
  const state: VideoState = { available: false, producers: 0, reason };
  return {
    videoState: () => state,
    openViewer: () => ({
      handle: () => Promise.reject(new Error(reason)),
      close: () => {},
    }),
  };
}
