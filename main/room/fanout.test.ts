import { describe, expect, it } from 'vitest';
import { createFanout, spreadSample, type FanoutEvent, type FanoutSocket } from './fanout.std';

function socket(bufferedAmount = 0) {
  const frames: string[] = [];
  let terminated = false;
  const s: FanoutSocket & { frames: string[]; seqs: () => number[]; terminated: () => boolean } = {
    bufferedAmount,
    send: (data) => void frames.push(new TextDecoder().decode(data)),
    terminate: () => void (terminated = true),
    frames,
    seqs: () => frames.flatMap((frame) => (JSON.parse(frame) as { events: { seq: number }[] }).events.map((event) => event.seq)),
    terminated: () => terminated,
  };
  return s;
}

let seq = 0;
const event = (kind: string, owner: string | null = null): FanoutEvent => {
  seq += 1;
  return { seq, kind, owner, json: JSON.stringify({ seq, kind }) };
};

const options = { viewerCommentsPerSecond: 20, viewerGroups: 1, maxViewerBufferBytes: 1000, maxStudioBufferBytes: 1_000_000, onDropped: () => {} };

describe('createFanout', () => {
  it('gives the studio every event, in order, batched per flush', () => {
    const fanout = createFanout(options);
    const studio = socket();
    fanout.addStudio(studio);
    const events = Array.from({ length: 500 }, (_, index) => event(index % 3 === 0 ? 'order' : 'comment', 'v1'));
    for (const e of events) fanout.publish(e);
    fanout.flushStudio();
    expect(studio.frames).toHaveLength(1);
    expect(studio.seqs()).toEqual(events.map((e) => e.seq));
  });

  it('caps the comments a viewer receives at the rate, but always delivers their own and every public event', () => {
    const fanout = createFanout(options);
    const me = socket();
    const other = socket();
    fanout.addViewer(me, 'me');
    fanout.addViewer(other, 'other');
    const mine = event('comment', 'me');
    const myOrder = event('order', 'me');
    const pin = event('pinned');
    const flood = Array.from({ length: 1000 }, () => event('comment', 'someone'));
    for (const e of [mine, myOrder, pin, ...flood]) fanout.publish(e);
    fanout.flushViewers(0);
    fanout.flushViewers(1000);
    const mySeqs = me.seqs();
    expect(mySeqs).toContain(mine.seq);
    expect(mySeqs).toContain(myOrder.seq);
    expect(mySeqs).toContain(pin.seq);
    expect([...mySeqs].sort((a, b) => a - b)).toEqual(mySeqs);
    const otherSeqs = other.seqs();
    expect(otherSeqs).toContain(pin.seq);
    expect(otherSeqs).not.toContain(myOrder.seq);
    // The budget saves up at most half a second: 10 comments from a 1,000-comment flood.
    expect(otherSeqs.length).toBeLessThanOrEqual(11);
  });

  it('keeps the sampled rate over many ticks', () => {
    const fanout = createFanout(options);
    const viewer = socket();
    fanout.addViewer(viewer, 'v');
    for (let tick = 0; tick <= 100; tick += 1) {
      for (let i = 0; i < 100; i += 1) fanout.publish(event('comment', 'x'));
      fanout.flushViewers(tick * 50);
    }
    // 100 ticks of 50 ms = 5 s at 20 comments/s.
    expect(viewer.seqs().length).toBeGreaterThanOrEqual(95);
    expect(viewer.seqs().length).toBeLessThanOrEqual(110);
  });

  it('drops a socket whose buffer is over its cap instead of queueing more', () => {
    const dropped: string[] = [];
    const fanout = createFanout({ ...options, onDropped: (who) => void dropped.push(who) });
    const slow = socket(5000);
    const fine = socket();
    fanout.addViewer(slow, 'slow');
    fanout.addViewer(fine, 'fine');
    fanout.publish(event('pinned'));
    fanout.flushViewers(0);
    expect(slow.terminated()).toBe(true);
    expect(slow.frames).toHaveLength(0);
    expect(fine.frames).toHaveLength(1);
    expect(dropped).toEqual(['viewer']);
    expect(fanout.viewerCount).toBe(1);
  });
});

describe('viewer groups', () => {
  it('gives every viewer each event once, one group per flush', () => {
    const fanout = createFanout({ ...options, viewerGroups: 3 });
    const viewers = Array.from({ length: 6 }, () => socket());
    viewers.forEach((viewer, index) => fanout.addViewer(viewer, `v${index}`));
    const pin = event('pinned');
    fanout.publish(pin);
    fanout.flushViewers(0);
    expect(viewers.filter((viewer) => viewer.frames.length === 1)).toHaveLength(2);
    fanout.flushViewers(10);
    fanout.flushViewers(20);
    expect(viewers.map((viewer) => viewer.seqs())).toEqual(viewers.map(() => [pin.seq]));
    fanout.flushViewers(30);
    expect(viewers.every((viewer) => viewer.frames.length === 1)).toBe(true);
  });
});

describe('spreadSample', () => {
  it('spreads picks over the whole list', () => {
    expect(spreadSample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([1, 3, 5, 7, 9]);
    expect(spreadSample([1, 2], 5)).toEqual([1, 2]);
    expect(spreadSample([1, 2], 0)).toEqual([]);
  });
});
