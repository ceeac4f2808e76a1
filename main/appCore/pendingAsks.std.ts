import type { AnswerMessage } from '../../contract/appProcess.std';

// Asks and answers between Electron's main process and the core process (contract/appProcess.std.ts):
// one numbered ask, one answer. The same code on both sides: main asks the core for a replay's
// file, the core asks main to open a link or a folder.

export interface PendingAsks<Q> {
  ask(question: Q): Promise<unknown>;
  /** An answer arrived; one for no pending ask is ignored. */
  settle(answer: AnswerMessage): void;
  /** The other side went away: every pending ask fails with `message`. */
  failAll(message: string): void;
}

export function createPendingAsks<Q>(post: (message: { type: 'ask'; id: number; ask: Q }) => void): PendingAsks<Q> {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  return {
    ask(question) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'ask', id, ask: question });
      });
    },
    settle(answer) {
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.value);
      else waiting.reject(new Error(answer.message));
    },
    failAll(message) {
      for (const waiting of pending.values()) waiting.reject(new Error(message));
      pending.clear();
    },
  };
}

/** Runs what was asked and posts its answer: the value, or the error's message. */
export function answerAsk(id: number, run: () => Promise<unknown>, post: (answer: AnswerMessage) => void): void {
  run().then(
    (value) => post({ type: 'answer', id, ok: true, value: value ?? null }),
    (error: unknown) => post({ type: 'answer', id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
}
