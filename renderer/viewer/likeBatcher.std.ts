import { likeMessageSchema } from '../../contract/room/roomMessages.std';

// Hearts are tapped in bursts; the room gets one like message per interval with the count,
// no more than a message allows.

const MAX_PER_MESSAGE = likeMessageSchema.shape.count.maxValue ?? 50;

export interface LikeBatcher {
  tap(count?: number): void;
  /** Sends what is waiting now (the page is being hidden). */
  flush(): void;
  close(): void;
}

export function createLikeBatcher(send: (count: number) => void, schedule: (ms: number, run: () => void) => () => void, intervalMs = 500): LikeBatcher {
  let waiting = 0;
  let cancel: (() => void) | null = null;

  const sendSome = () => {
    cancel = null;
    if (waiting <= 0) return;
    const count = Math.min(waiting, MAX_PER_MESSAGE);
    waiting -= count;
    send(count);
    if (waiting > 0) cancel = schedule(intervalMs, sendSome);
  };

  return {
    tap(count = 1) {
      waiting += Math.max(0, Math.trunc(count));
      cancel ??= schedule(intervalMs, sendSome);
    },
    flush() {
      cancel?.();
      cancel = null;
      while (waiting > 0) {
        const count = Math.min(waiting, MAX_PER_MESSAGE);
        waiting -= count;
        send(count);
      }
    },
    close() {
      cancel?.();
      cancel = null;
      waiting = 0;
    },
  };
}
