// The media channel's wire format. Requests and events are JSON; media is binary, one message per
// frame, with a fixed little-endian header so neither side parses JSON per frame.
//
//   0  u32  magic 'SCMF'
//   4  u8   version (1)
//   5  u8   kind (1 = video I420, 2 = audio PCM s16le interleaved)
//   6  u16  width (video) | channels (audio)
//   8  u16  height (video) | 0
//  10  u16  reserved
//  12  u32  sequence number
//  16  f64  capture timestamp, ms (performance.timeOrigin based, so sender clocks compare)
//  24  u32  sample rate (audio) | 0
//  28  u32  payload byte length
//  32       payload
//
// The receiver grants credits: a sender may have at most `credits` frames in flight and drops
// (and counts) a frame when it has none, so a slow consumer never grows a queue.

export const MEDIA_MAGIC = 0x53434d46; // 'SCMF'
export const MEDIA_VERSION = 1;
export const MEDIA_HEADER_BYTES = 32;
export const MAX_FRAME_DIMENSION = 4096;

export type MediaKind = 'video-i420' | 'audio-s16';

export interface MediaFrameHeader {
  kind: MediaKind;
  /** Video: width and height. Audio: channels in width, 0 in height. */
  width: number;
  height: number;
  sequence: number;
  captureTimeMs: number;
  sampleRate: number;
  payloadBytes: number;
}

const kindCodes: Record<MediaKind, number> = { 'video-i420': 1, 'audio-s16': 2 };

export function i420Bytes(width: number, height: number): number {
  const chromaWidth = Math.ceil(width / 2);
  const chromaHeight = Math.ceil(height / 2);
  return width * height + 2 * chromaWidth * chromaHeight;
}

export function encodeMediaHeader(header: MediaFrameHeader, target: DataView): void {
  target.setUint32(0, MEDIA_MAGIC, true);
  target.setUint8(4, MEDIA_VERSION);
  target.setUint8(5, kindCodes[header.kind]);
  target.setUint16(6, header.width, true);
  target.setUint16(8, header.height, true);
  target.setUint16(10, 0, true);
  target.setUint32(12, header.sequence >>> 0, true);
  target.setFloat64(16, header.captureTimeMs, true);
  target.setUint32(24, header.sampleRate, true);
  target.setUint32(28, header.payloadBytes, true);
}

/** Allocates one message: header followed by `payloadBytes` for the caller to fill. */
export function allocateMediaFrame(header: Omit<MediaFrameHeader, 'payloadBytes'> & { payloadBytes: number }): {
  message: ArrayBuffer;
  payload: Uint8Array;
} {
  const message = new ArrayBuffer(MEDIA_HEADER_BYTES + header.payloadBytes);
  encodeMediaHeader(header, new DataView(message, 0, MEDIA_HEADER_BYTES));
  return { message, payload: new Uint8Array(message, MEDIA_HEADER_BYTES) };
}

export type DecodedMediaFrame =
  | { ok: true; header: MediaFrameHeader; payload: Uint8Array }
  | { ok: false; reason: string };

/** Validates one received message; anything that does not describe itself exactly is refused. */
export function decodeMediaFrame(message: Uint8Array): DecodedMediaFrame {
  if (message.byteLength < MEDIA_HEADER_BYTES) return { ok: false, reason: 'shorter than the header' };
  const view = new DataView(message.buffer, message.byteOffset, MEDIA_HEADER_BYTES);
  if (view.getUint32(0, true) !== MEDIA_MAGIC) return { ok: false, reason: 'bad magic' };
  if (view.getUint8(4) !== MEDIA_VERSION) return { ok: false, reason: `unsupported version ${view.getUint8(4)}` };
  const kindCode = view.getUint8(5);
  const kind = kindCode === 1 ? 'video-i420' : kindCode === 2 ? 'audio-s16' : null;
  if (!kind) return { ok: false, reason: `unknown kind ${kindCode}` };
  const header: MediaFrameHeader = {
    kind,
    width: view.getUint16(6, true),
    height: view.getUint16(8, true),
    sequence: view.getUint32(12, true),
    captureTimeMs: view.getFloat64(16, true),
    sampleRate: view.getUint32(24, true),
    payloadBytes: view.getUint32(28, true),
  };
  if (header.payloadBytes !== message.byteLength - MEDIA_HEADER_BYTES) {
    return { ok: false, reason: 'payload length does not match the header' };
  }
  if (!Number.isFinite(header.captureTimeMs)) return { ok: false, reason: 'bad timestamp' };
  if (kind === 'video-i420') {
    if (header.width === 0 || header.height === 0 || header.width > MAX_FRAME_DIMENSION || header.height > MAX_FRAME_DIMENSION) {
      return { ok: false, reason: `bad frame size ${header.width}×${header.height}` };
    }
    if (header.payloadBytes !== i420Bytes(header.width, header.height)) {
      return { ok: false, reason: 'payload is not one I420 frame of the stated size' };
    }
  } else {
    const bytesPerSampleFrame = 2 * header.width;
    if (header.width < 1 || header.width > 8 || header.sampleRate < 8000 || header.sampleRate > 192000) {
      return { ok: false, reason: 'bad audio format' };
    }
    if (header.payloadBytes % bytesPerSampleFrame !== 0) return { ok: false, reason: 'partial audio sample' };
  }
  return { ok: true, header, payload: message.subarray(MEDIA_HEADER_BYTES) };
}

// Control messages from the receiver back to the sender, as JSON text on the same socket.
export interface MediaCreditMessage {
  type: 'credit';
  /** Frames the sender may send now, on top of what it already may. */
  grant: number;
}
