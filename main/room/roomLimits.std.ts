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
  viewerCommentsPerSecond: 20,
  maxViewerBufferBytes: 512 * 1024,
  maxStudioBufferBytes: 64 * 1024 * 1024,
};
