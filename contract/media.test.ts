import { describe, expect, it } from 'vitest';
import {
  allocateMediaFrame,
  decodeMediaFrame,
  encodeMediaHeader,
  i420Bytes,
  MAX_FRAME_DIMENSION,
  MEDIA_HEADER_BYTES,
  MEDIA_MAGIC,
  type MediaFrameHeader,
} from './media.std';

const video: MediaFrameHeader = {
  kind: 'video-i420',
  width: 6,
  height: 4,
  sequence: 41,
  captureTimeMs: 1234.5,
  sampleRate: 0,
  payloadBytes: i420Bytes(6, 4),
};

const audio: MediaFrameHeader = {
  kind: 'audio-s16',
  width: 2,
  height: 0,
  sequence: 7,
  captureTimeMs: 99.25,
  sampleRate: 48_000,
  payloadBytes: 2 * 2 * 480,
};

function frame(header: MediaFrameHeader): Uint8Array {
  const { message, payload } = allocateMediaFrame(header);
  payload.forEach((_, index) => (payload[index] = index % 251));
  return new Uint8Array(message);
}

/** A valid message with one header field overwritten afterwards. */
function patched(header: MediaFrameHeader, edit: (view: DataView) => void): Uint8Array {
  const bytes = frame(header);
  edit(new DataView(bytes.buffer, bytes.byteOffset, MEDIA_HEADER_BYTES));
  return bytes;
}

function refusal(message: Uint8Array): string {
  const decoded = decodeMediaFrame(message);
  if (decoded.ok) throw new Error('expected the frame to be refused');
  return decoded.reason;
}

describe('i420Bytes', () => {
  it('counts one luma plane and two quarter-size chroma planes, rounding odd sizes up', () => {
    expect(i420Bytes(1280, 720)).toBe(1280 * 720 * 1.5);
    expect(i420Bytes(3, 3)).toBe(9 + 2 * 2 * 2);
  });
});

describe('encode and decode', () => {
  it('round-trips a video I420 frame header and payload', () => {
    const bytes = frame(video);
    expect(bytes.byteLength).toBe(MEDIA_HEADER_BYTES + video.payloadBytes);
    expect(new DataView(bytes.buffer).getUint32(0, true)).toBe(MEDIA_MAGIC);

    const decoded = decodeMediaFrame(bytes);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.header).toEqual(video);
    expect([...decoded.payload]).toEqual([...bytes.subarray(MEDIA_HEADER_BYTES)]);
  });

  it('round-trips an audio s16 frame', () => {
    const decoded = decodeMediaFrame(frame(audio));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.header).toEqual(audio);
    expect(decoded.payload.byteLength).toBe(audio.payloadBytes);
  });

  it('decodes a message that sits at an offset inside a larger buffer', () => {
    const inner = frame(video);
    const outer = new Uint8Array(inner.byteLength + 16);
    outer.set(inner, 8);
    const decoded = decodeMediaFrame(outer.subarray(8, 8 + inner.byteLength));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.header).toEqual(video);
    expect(decoded.payload[1]).toBe(1);
  });

  it('writes the sequence number as an unsigned 32-bit value', () => {
    const view = new DataView(new ArrayBuffer(MEDIA_HEADER_BYTES));
    encodeMediaHeader({ ...video, sequence: 2 ** 32 + 5 }, view);
    expect(view.getUint32(12, true)).toBe(5);
  });
});

describe('decodeMediaFrame refuses', () => {
  it('a message shorter than the header', () => {
    expect(refusal(new Uint8Array(MEDIA_HEADER_BYTES - 1))).toBe('shorter than the header');
  });

  it('a bad magic number', () => {
    expect(refusal(patched(video, (view) => view.setUint32(0, 0x12345678, true)))).toBe('bad magic');
  });

  it('another version', () => {
    expect(refusal(patched(video, (view) => view.setUint8(4, 2)))).toBe('unsupported version 2');
  });

  it('an unknown kind', () => {
    expect(refusal(patched(video, (view) => view.setUint8(5, 3)))).toBe('unknown kind 3');
  });

  it('a payload longer or shorter than the header says', () => {
    const bytes = frame(video);
    expect(refusal(bytes.subarray(0, bytes.byteLength - 1))).toBe('payload length does not match the header');
    const longer = new Uint8Array(bytes.byteLength + 1);
    longer.set(bytes);
    expect(refusal(longer)).toBe('payload length does not match the header');
  });

  it('a video frame of zero or oversized dimensions', () => {
    expect(refusal(frame({ ...video, width: 0, payloadBytes: 0 }))).toBe('bad frame size 0×4');
    const tooWide = MAX_FRAME_DIMENSION + 2;
    expect(refusal(frame({ ...video, width: tooWide, height: 2, payloadBytes: i420Bytes(tooWide, 2) }))).toBe(
      `bad frame size ${tooWide}×2`,
    );
  });

  it('a video payload that is not one I420 frame of the stated size', () => {
    expect(refusal(frame({ ...video, payloadBytes: video.payloadBytes - 2 }))).toBe(
      'payload is not one I420 frame of the stated size',
    );
  });

  it('audio with no channels, too many channels or an implausible sample rate', () => {
    expect(refusal(frame({ ...audio, width: 0 }))).toBe('bad audio format');
    expect(refusal(frame({ ...audio, width: 9, payloadBytes: 18 }))).toBe('bad audio format');
    expect(refusal(frame({ ...audio, sampleRate: 4000 }))).toBe('bad audio format');
    expect(refusal(frame({ ...audio, sampleRate: 384_000 }))).toBe('bad audio format');
  });

  it('audio that ends in a partial sample frame', () => {
    expect(refusal(frame({ ...audio, payloadBytes: 2 * 2 * 10 + 2 }))).toBe('partial audio sample');
  });

  it('a timestamp that is not a finite number', () => {
    expect(refusal(frame({ ...video, captureTimeMs: Number.NaN }))).toBe('bad timestamp');
    expect(refusal(frame({ ...audio, captureTimeMs: Number.POSITIVE_INFINITY }))).toBe('bad timestamp');
  });
});
