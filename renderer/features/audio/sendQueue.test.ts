import { describe, expect, it } from 'vitest';
import { createSendQueue } from './sendQueue.std';

describe('createSendQueue', () => {
  it('sends in order while credits last, and keeps the rest for later', () => {
    const queue = createSendQueue<number>(10);
    const sent: number[] = [];
    let credits = 2;
    const canSend = () => credits > 0;
    const send = (item: number) => {
      credits -= 1;
      sent.push(item);
    };
    for (const item of [1, 2, 3, 4]) queue.push(item, () => undefined);
    queue.drain(canSend, send);
    expect(sent).toEqual([1, 2]);
    expect(queue.length).toBe(2);
    credits = 5;
    queue.push(5, () => undefined);
    queue.drain(canSend, send);
    expect(sent).toEqual([1, 2, 3, 4, 5]);
    expect(queue.length).toBe(0);
  });

  it('drops the oldest when full', () => {
    const queue = createSendQueue<number>(3);
    const dropped: number[] = [];
    for (const item of [1, 2, 3, 4, 5]) queue.push(item, (oldest) => dropped.push(oldest));
    expect(dropped).toEqual([1, 2]);
    const sent: number[] = [];
    queue.drain(() => true, (item) => sent.push(item));
    expect(sent).toEqual([3, 4, 5]);
    queue.push(6, () => undefined);
    queue.clear();
    expect(queue.length).toBe(0);
  });
});
