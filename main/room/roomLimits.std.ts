import type { RateLimit } from './rateLimiter.std';

// How much one viewer, one address and one socket may do. Defaults suit a public room; tests and
// benchmarks that drive thousands of sockets from one address raise the per-address ones.
export interface RoomRateLimits {
  commentPerViewer: RateLimit;
  commentPerAddress: RateLimit;
  orderPerViewer: RateLimit;
  orderPerAddress: RateLimit;
  /** Every message a socket sends, whatever it is. */
  messagePerSocket: RateLimit;
  /** Refusals in a row after which a flooding socket is closed. */
  floodCloseAfter: number;
  socketsPerAddress: number;
  /**
   * Viewer keys new to the room per address: each adds a row, so a storm of fresh keys must not
   * write without bound. The burst lets an address fill all its sockets with new viewers at once
   * (a carrier NAT at a show's start); past it, one a second.
   */
  newViewersPerAddress: RateLimit;
  /** A socket that has not said hello by then is closed: it holds a slot and a count. */
  helloTimeoutMs: number;
  viewerCommentsPerSecond: number;
  maxViewerBufferBytes: number;
  maxStudioBufferBytes: number;
}

export const defaultRoomLimits: RoomRateLimits = {
  commentPerViewer: { rate: 1, burst: 5 },
  // Many phones share one address behind a carrier's NAT.
  commentPerAddress: { rate: 50, burst: 100 },
  orderPerViewer: { rate: 1, burst: 5 },
  orderPerAddress: { rate: 50, burst: 100 },
  messagePerSocket: { rate: 20, burst: 40 },
  floodCloseAfter: 200,
  socketsPerAddress: 200,
  newViewersPerAddress: { rate: 1, burst: 200 },
  // The hello goes out as the socket opens, one round trip after the server accepted it.
  helloTimeoutMs: 5000,
  viewerCommentsPerSecond: 20,
  maxViewerBufferBytes: 512 * 1024,
  maxStudioBufferBytes: 64 * 1024 * 1024,
};
