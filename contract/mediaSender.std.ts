import { allocateMediaFrame, encodeMediaHeader, MEDIA_HEADER_BYTES, type MediaFrameHeader, type MediaKind } from './media.std';

export interface MediaSenderStats {
  sent: number;
  /** Frames not sent: no credit (the consumer is behind) or skipped (the producer is behind). */
  dropped: number;
  credits: number;
}

/** A frame that has its sequence number and its credit: fill `payload`, then `send()` it once. */
export interface PreparedFrame {
  payload: Uint8Array;
  send(): void;
}

export interface MediaSender {
  /**
   * Takes the next sequence number and, when there is credit, a message to fill in place (no
   * copy from a staging buffer); null when there is none, and the frame counts as dropped.
   */
  prepare(header: Omit<MediaFrameHeader, 'sequence'>): PreparedFrame | null;
  /**
   * Offers one frame. `fill` writes the payload into the message buffer only when the frame will
   * be sent, so a dropped frame costs no copy. Returns whether it was sent.
   */
  offer(header: Omit<MediaFrameHeader, 'sequence'>, fill: (payload: Uint8Array) => void): boolean;
  /** A frame was due but not produced in time (render lag): it takes its sequence number, so the receiver counts it too. */
  skip(kind: MediaKind): void;
  /** The sequence number given most recently to a frame of this kind (sent, dropped or skipped). */
  lastSequence(kind: MediaKind): number;
  /** The receiver granted credits (a control message arrived). */
  grant(credits: number): void;
  stats(): MediaSenderStats;
}

export interface MediaSenderOptions {
  /**
   * The transport copies the message as it sends it (a WebSocket does), so one buffer per kind is
   * filled again for the next frame. A fresh 1.4 MB buffer per frame costs a page fault per 4 KB
   * touched, which on some machines is most of a frame's budget. A transport that transfers the
   * buffer (a MessagePort) detaches it, and gets a new one each time.
   */
  transportCopies?: boolean;
}

/**
 * The sending half of the media channel, for any transport that can send an ArrayBuffer (a
 * WebSocket in the browser studio, a MessagePort in Electron). Every offered frame takes the next
 * sequence number of its kind (video and audio count separately), sent or not, so the receiver
 * counts drops from the gaps.
 */
export function createMediaSender(send: (message: ArrayBuffer) => void, options: MediaSenderOptions = {}): MediaSender {
  let credits = 0;
  const sequences: Record<MediaKind, number> = { 'video-i420': 0, 'audio-s16': 0 };
  const nextSequence = (kind: MediaKind) => {
    const current = sequences[kind];
    sequences[kind] = (current + 1) >>> 0;
    return current;
  };
  let sent = 0;
  let dropped = 0;
  // Reusable messages, each free again once sent (only with a copying transport).
  const spare = new Map<MediaKind, ArrayBuffer>();
  const message = (header: MediaFrameHeader): { message: ArrayBuffer; payload: Uint8Array } => {
    const reusable = spare.get(header.kind);
    if (!reusable || reusable.byteLength !== MEDIA_HEADER_BYTES + header.payloadBytes) return allocateMediaFrame(header);
    spare.delete(header.kind);
    encodeMediaHeader(header, new DataView(reusable, 0, MEDIA_HEADER_BYTES));
    return { message: reusable, payload: new Uint8Array(reusable, MEDIA_HEADER_BYTES) };
  };
  const prepare = (header: Omit<MediaFrameHeader, 'sequence'>): PreparedFrame | null => {
    const current = nextSequence(header.kind);
    if (credits <= 0) {
      dropped += 1;
      return null;
    }
    credits -= 1;
    const frame = message({ ...header, sequence: current });
    return {
      payload: frame.payload,
      send() {
        sent += 1;
        send(frame.message);
        if (options.transportCopies) spare.set(header.kind, frame.message);
      },
    };
  };
  return {
    prepare,
    offer(header, fill) {
      const frame = prepare(header);
      if (!frame) return false;
      fill(frame.payload);
      frame.send();
      return true;
    },
    skip(kind) {
      nextSequence(kind);
      dropped += 1;
    },
    lastSequence: (kind) => (sequences[kind] - 1) >>> 0,
    grant(more) {
      credits += more;
    },
    stats: () => ({ sent, dropped, credits }),
  };
}
