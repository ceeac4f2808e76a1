import type { VideoFrame } from '../../contract/room/roomEvents.std';
import type { SfuRequest, VideoState } from '../../contract/room/sfuSignalling.std';

// What a room needs of its SFU: main/sfu/showSfu.node.ts provides it, or, without a worker,
// main/sfu/videoOffShow.std.ts, which refuses media with the reason; the text side runs the same.
export interface ViewerVideo {
  handle(request: SfuRequest): Promise<unknown>;
  close(): void;
}

export interface RoomVideo {
  videoState(): VideoState;
  openViewer(notify: (frame: VideoFrame) => void): ViewerVideo;
}
