import { describe, expect, it } from 'vitest';
import { decodeMediaFrame } from './media.std';
import { createMediaSender } from './mediaSender.std';

const header = { kind: 'video-i420' as const, width: 4, height: 2, sampleRate: 0, payloadBytes: 12, captureTimeMs: 1 };

function sentCopies(transportCopies: boolean) {
  const sent: ArrayBuffer[] = [];
  const copies: Uint8Array[] = [];
  const sender = createMediaSender(
    (message) => {
      sent.push(message);
      copies.push(new Uint8Array(message.slice(0)));
    },
    { transportCopies },
  );
  sender.grant(3);
  for (const fill of [1, 2, 3]) sender.offer(header, (payload) => payload.fill(fill));
  return { sent, copies };
}

describe('media sender buffers', () => {
  it('fills one message again for each frame when the transport copies, with each frame its own header', () => {
    const { sent, copies } = sentCopies(true);
    expect(new Set(sent).size).toBe(1);
    const frames = copies.map((copy) => decodeMediaFrame(copy));
    expect(frames.map((frame) => (frame.ok ? [frame.header.sequence, frame.payload[0]] : null))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('gives every frame a new message when the transport transfers it', () => {
    const { sent } = sentCopies(false);
    expect(new Set(sent).size).toBe(3);
  });

  it('never hands out a message that is prepared and not yet sent', () => {
    const sender = createMediaSender(() => undefined, { transportCopies: true });
    sender.grant(3);
    sender.offer(header, () => undefined);
    const first = sender.prepare(header);
    const second = sender.prepare(header);
    expect(first && second).toBeTruthy();
    expect(first?.payload.buffer).not.toBe(second?.payload.buffer);
  });
});
