import { decodeMediaFrame, type MediaFrameHeader, type MediaKind } from '../../contract/media.std';
import type { Logger } from '../log/logger.std';

export interface MediaFrame {
  header: MediaFrameHeader;
  payload: Uint8Array;
}

/** Where composed frames go: the encoder's stdin (issue 5). It resolves when it can take more. */
export interface FrameSink {
  write(frame: MediaFrame): Promise<void> | void;
}

export interface MediaIngestStats {
  /** Video frames taken from the program's sender. */
  framesReceived: number;
  /** Audio chunks (20 ms of PCM each) taken from the program's sender. */
  audioChunksReceived: number;
  /** Video frames the sender produced but did not send (no credit, or late), seen as sequence gaps. */
  framesDropped: number;
  framesMalformed: number;
  /** Video frames whose sequence number did not move forward (a sender bug, or a restart). */
  framesOutOfOrder: number;
  bytesReceived: number;
  /** Video frames per second over the last second; null when no video arrives. */
  framesPerSecond: number | null;
  lastFrameAt: number | null;
}

export const noMediaYet: Readonly<MediaIngestStats> = {
  framesReceived: 0,
  audioChunksReceived: 0,
  framesDropped: 0,
  framesMalformed: 0,
  framesOutOfOrder: 0,
  bytesReceived: 0,
  framesPerSecond: null,
  lastFrameAt: null,
};

export interface MediaSession {
  receive(message: Uint8Array): void;
  close(): void;
}

export interface MediaIngest {
  /** A sender connected; `grant` gives it credits (frames it may send). */
  openSession(grant: (credits: number) => void, senderId: string): MediaSession;
  setSink(sink: FrameSink): void;
  stats(): MediaIngestStats;
  /** The newest video frame (kept by reference, not copied): for snapshots and pixel checks. */
  latestVideoFrame(): MediaFrame | null;
  /** Calls `listener` with each video frame as it arrives (by reference); returns the unsubscribe. */
  onVideoFrame(listener: (frame: MediaFrame) => void): () => void;
}

export interface MediaIngestDeps {
  log: Logger;
  nowMs: () => number;
  /** Frames a sender may have in flight: enough to hide one round trip, few enough to bound memory. */
  credits?: number;
}

const discardingSink: FrameSink = { write: () => undefined };

/**
 * The core's end of the media channel. Each frame is handed to the sink and its credit returned
 * only when the sink has taken it, so a slow encoder slows the sender, which drops frames instead
 * of queueing them.
 */
export function createMediaIngest(deps: MediaIngestDeps): MediaIngest {
  const credits = deps.credits ?? 3;
  let sink = discardingSink;
  const stats: MediaIngestStats = { ...noMediaYet };
  const recentVideoFrames: number[] = [];
  let lastVideoFrameAt: number | null = null;
  let latestVideo: MediaFrame | null = null;
  const videoListeners = new Set<(frame: MediaFrame) => void>();
  let sessions = 0;
  // One program at a time: for each kind, the newest sender that sends it owns it (a studio
  // window opened later takes over); older senders get no more credit for it, so they stop, and
  // resume when the owner goes away.
  interface Sender {
    id: number;
    grant: (credits: number) => void;
    starved: Set<MediaKind>;
  }
  const owners = new Map<MediaKind, Sender>();
  const senders = new Set<Sender>();

  function countVideoFrame(at: number): void {
    recentVideoFrames.push(at);
    while (recentVideoFrames.length > 0 && (recentVideoFrames[0] ?? 0) <= at - 1000) recentVideoFrames.shift();
  }

  return {
    openSession(grant, senderId) {
      sessions += 1;
      const session = sessions;
      const log = deps.log.child(`media#${session}`);
      let lastVideoSequence: number | null = null;
      let open = true;
      let malformedLogged = 0;
      const sender: Sender = { id: session, grant, starved: new Set() };
      senders.add(sender);
      log.info('media sender connected', { senderId });
      grant(credits);
      return {
        receive(message) {
          if (!open) return;
          const decoded = decodeMediaFrame(message);
          if (!decoded.ok) {
            stats.framesMalformed += 1;
            // A broken sender would flood the log at 30 lines a second; the count keeps the rest.
            if (malformedLogged < 5) log.warn('malformed media frame', { reason: decoded.reason, senderId });
            malformedLogged += 1;
            grant(1);
            return;
          }
          const { header, payload } = decoded;
          const owner = owners.get(header.kind);
          if (owner !== sender) {
            if (owner && owner.id > sender.id) {
              sender.starved.add(header.kind);
              return;
            }
            if (owner) {
              owner.starved.add(header.kind);
              log.info('this sender took over the program', { kind: header.kind, senderId });
            }
            owners.set(header.kind, sender);
          }
          const at = deps.nowMs();
          if (header.kind === 'video-i420') stats.framesReceived += 1;
          else stats.audioChunksReceived += 1;
          stats.bytesReceived += message.byteLength;
          stats.lastFrameAt = at;
          if (header.kind === 'video-i420') {
            if (lastVideoSequence !== null && header.sequence > lastVideoSequence + 1) {
              stats.framesDropped += header.sequence - lastVideoSequence - 1;
            } else if (lastVideoSequence !== null && header.sequence <= lastVideoSequence) {
              stats.framesOutOfOrder += 1;
            }
            latestVideo = { header, payload };
            for (const listener of videoListeners) listener(latestVideo);
            lastVideoSequence = header.sequence;
            countVideoFrame(at);
            lastVideoFrameAt = at;
          }
          Promise.resolve()
            .then(() => sink.write({ header, payload }))
            .catch((error: unknown) => log.error('frame sink failed', { error }))
            .finally(() => {
              if (open && !sender.starved.has(header.kind)) grant(1);
            });
        },
        close() {
          open = false;
          senders.delete(sender);
          for (const [kind, owner] of owners) {
            if (owner !== sender) continue;
            owners.delete(kind);
            const next = [...senders].filter((candidate) => candidate.starved.has(kind)).sort((a, b) => b.id - a.id)[0];
            if (next) {
              next.starved.delete(kind);
              owners.set(kind, next);
              next.grant(credits);
            }
          }
          log.info('media sender disconnected', { senderId, ...stats });
        },
      };
    },
    setSink(next) {
      sink = next;
    },
    latestVideoFrame: () => latestVideo,
    onVideoFrame(listener) {
      videoListeners.add(listener);
      return () => videoListeners.delete(listener);
    },
    stats() {
      const now = deps.nowMs();
      const fresh = recentVideoFrames.filter((at) => at > now - 1000).length;
      return { ...stats, framesPerSecond: lastVideoFrameAt !== null && now - lastVideoFrameAt < 2000 ? fresh : null };
    },
  };
}
