// A short queue in front of the media sender for audio. The core grants each sender 3 frames in
// flight; for 20 ms audio chunks that is a 60 ms round trip, which a core busy receiving video (or
// a page busy rendering: the worklet's chunks then arrive in a burst) exceeds now and then.
// Dropping audio is heard at once as a click, so chunks wait here (up to `maxItems`) for credits
// instead; their capture times keep A/V sync.

export interface SendQueue<T> {
  /** Queues an item; when full, the oldest are given to `dropped`. */
  push(item: T, dropped: (item: T) => void): void;
  /** Sends queued items, oldest first, while `canSend()` says so. */
  drain(canSend: () => boolean, send: (item: T) => void): void;
  readonly length: number;
  clear(): void;
}

export function createSendQueue<T>(maxItems: number): SendQueue<T> {
  const items: T[] = [];
  return {
    push(item, dropped) {
      items.push(item);
      while (items.length > maxItems) {
        const oldest = items.shift();
        if (oldest !== undefined) dropped(oldest);
      }
    },
    drain(canSend, send) {
      while (items.length > 0 && canSend()) {
        const next = items.shift();
        if (next !== undefined) send(next);
      }
    },
    get length() {
      return items.length;
    },
    clear() {
      items.length = 0;
    },
  };
}
