import type { types } from 'mediasoup';
import type { SfuRequest, SfuResults, VideoState } from '../../contract/room/sfuSignalling.std';
import type { VideoFrame } from '../../contract/room/roomEvents.std';
import type { PipeAnswer, PipeRequest } from './sfuPipeSchemas.std';

// The SFU side of one live room ("show"), as the room server and the broadcaster API see it.
// Two implementations: showSfu.node.ts (a mediasoup router) and videoOffShow.std.ts (no worker:
// every call refused with the reason, so the room's text side runs the same way).

export interface BroadcasterDevice {
  name: string;
  version?: string | undefined;
}

export interface BroadcasterInput {
  id: string;
  displayName: string;
  device: BroadcasterDevice;
  /** When given, the answer lists the other broadcasters' producers it can consume (as mediasoup-demo). */
  rtpCapabilities?: types.RtpCapabilities | undefined;
}

/** mediasoup-demo's answer to "create broadcaster": the peers already in the room. */
export interface BroadcasterPeer {
  id: string;
  displayName: string;
  device: { flag: 'broadcaster'; name: string; version?: string | undefined };
  producers: { id: string; kind: types.MediaKind }[];
}

export interface PlainTransportOptions {
  comedia: boolean;
  rtcpMux: boolean;
}

/** mediasoup-demo's field names: ffmpeg.sh reads them with jq. */
export interface PlainTransportAnswer {
  id: string;
  ip: string;
  port: number;
  /** Absent with rtcpMux (RTCP travels on `port`). */
  rtcpPort?: number | undefined;
}

export interface PlainTransportRemote {
  ip: string;
  port: number;
  rtcpPort?: number | undefined;
}

export interface ProduceInput {
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
  paused?: boolean | undefined;
}

export interface BroadcasterInfo {
  id: string;
  displayName: string;
  device: BroadcasterPeer['device'];
  transports: PlainTransportAnswer[];
  /** score: mediasoup's 0–10 for the best stream; 0 until RTP arrives. */
  producers: { id: string; kind: types.MediaKind; paused: boolean; score: number }[];
}

export type ViewerNotify = (frame: VideoFrame) => void;

export interface ViewerSfu {
  handle<R extends SfuRequest>(request: R): Promise<SfuResults[R['method']]>;
  /** Closes the viewer's transport and consumers; later requests are refused. */
  close(): void;
}

export interface ShowSfu {
  readonly roomId: string;
  rtpCapabilities(): Promise<types.RtpCapabilities>;
  videoState(): VideoState;
  createBroadcaster(input: BroadcasterInput): Promise<{ peers: BroadcasterPeer[] }>;
  /** Throws SfuError not-found when the broadcaster is gone (deleted, or dropped by a worker restart). */
  broadcaster(broadcasterId: string): BroadcasterInfo;
  deleteBroadcaster(broadcasterId: string): void;
  createPlainTransport(broadcasterId: string, options: PlainTransportOptions): Promise<PlainTransportAnswer>;
  connectPlainTransport(broadcasterId: string, transportId: string, remote: PlainTransportRemote): Promise<void>;
  produce(broadcasterId: string, transportId: string, input: ProduceInput): Promise<{ id: string }>;
  /**
   * The broadcaster's sender started over (a restarted FFmpeg: new RTP sequence numbers and
   * timestamps on the same SSRCs). Every consumer of its producers waits for the next keyframe and
   * numbers on from it, so viewers' browsers don't drop the new run's frames as older than the ones
   * they already decoded (a backward sequence jump froze the picture until it wrapped past).
   */
  resyncBroadcaster(broadcasterId: string): Promise<void>;
  openViewer(notify: ViewerNotify): ViewerSfu;
  /** Another room node's show asks for this show's broadcasters' producers (sfuPipeSchemas.std.ts). */
  pipeOut(request: PipeRequest, signal: AbortSignal): Promise<PipeAnswer>;
  /** That node let go: what was piped to it closes. */
  dropPipe(node: string): void;
  close(): void;
}
