import { buildOutcomeApi, type OutcomeApi } from '../../contract/api.std';
import { eventFrameSchema, responseFrameSchema, type Outcome } from '../../contract/envelope.std';
import { isEventChannel, type EventChannel } from '../../contract/events.std';

// The renderer's half of the contract as JSON text frames, whatever carries them: the browser
// studio's WebSocket (wsTransport.dom.ts) or the Electron window's MessagePort to the core
// process (portTransport.dom.ts). The core's half is main/kernel/contractFrames.std.ts.

export interface FrameClient {
  outcomes: OutcomeApi;
  /** A frame from the core (JSON text); anything else is ignored. */
  receive(data: unknown): void;
  /** The carrier is gone: calls in flight and later calls answer `internal`. */
  end(): void;
}

export function createFrameClient(send: (text: string) => void): FrameClient {
  const pending = new Map<number, (outcome: Outcome<unknown>) => void>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let ended = false;

  const outcomes = buildOutcomeApi(
    (channel, payload) =>
      new Promise((resolve) => {
        if (ended) {
          resolve({ ok: false, error: { code: 'internal', channel, message: 'The studio is not connected.' } });
          return;
        }
        const id = nextId++;
        pending.set(id, resolve);
        send(JSON.stringify({ id, channel, payload }));
      }),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );

  return {
    outcomes,
    receive(data) {
      if (typeof data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        return;
      }
      const event = eventFrameSchema.safeParse(parsed);
      if (event.success) {
        if (isEventChannel(event.data.event)) for (const listener of listeners.get(event.data.event) ?? []) listener(event.data.payload);
        return;
      }
      const response = responseFrameSchema.safeParse(parsed);
      if (!response.success || response.data.id === null) return;
      const settle = pending.get(response.data.id);
      pending.delete(response.data.id);
      settle?.(response.data.ok ? { ok: true, value: response.data.value } : { ok: false, error: response.data.error });
    },
    end() {
      ended = true;
      for (const settle of pending.values()) settle({ ok: false, error: { code: 'internal', message: 'The connection to the studio was lost.' } });
      pending.clear();
    },
  };
}
