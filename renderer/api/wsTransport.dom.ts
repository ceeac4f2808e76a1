import { buildOutcomeApi, type OutcomeApi } from '../../contract/api.std';
import { eventFrameSchema, responseFrameSchema, type Outcome } from '../../contract/envelope.std';
import { isEventChannel, type EventChannel } from '../../contract/events.std';
import { connectionLossOf, type ConnectionLoss } from './connectionLoss.std';

export interface WsConnection {
  outcomes: OutcomeApi;
  /** Resolves when the socket closes: the core stopped, or it ended this session (revoked, expired) and said why. */
  closed: Promise<ConnectionLoss>;
}

/** The contract over the browser studio's WebSocket: same OutcomeApi as Electron's preload. */
export function connectWebSocket(url: string): Promise<WsConnection> {
  const socket = new WebSocket(url);
  const pending = new Map<number, (outcome: Outcome<unknown>) => void>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    if (typeof message.data !== 'string') return;
    const data: unknown = JSON.parse(message.data);
    const event = eventFrameSchema.safeParse(data);
    if (event.success) {
      if (isEventChannel(event.data.event)) for (const listener of listeners.get(event.data.event) ?? []) listener(event.data.payload);
      return;
    }
    const response = responseFrameSchema.safeParse(data);
    if (!response.success || response.data.id === null) return;
    const settle = pending.get(response.data.id);
    pending.delete(response.data.id);
    settle?.(response.data.ok ? { ok: true, value: response.data.value } : { ok: false, error: response.data.error });
  });

  const closed = new Promise<ConnectionLoss>((resolve) => {
    socket.addEventListener('close', (event) => {
      for (const settle of pending.values()) {
        settle({ ok: false, error: { code: 'internal', message: 'The connection to the studio was lost.' } });
      }
      pending.clear();
      resolve(connectionLossOf(event.code, event.reason));
    });
  });

  const outcomes = buildOutcomeApi(
    (channel, payload) =>
      new Promise((resolve) => {
        if (socket.readyState !== WebSocket.OPEN) {
          resolve({ ok: false, error: { code: 'internal', channel, message: 'The studio is not connected.' } });
          return;
        }
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, payload }));
      }),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve({ outcomes, closed }), { once: true });
    socket.addEventListener('error', () => reject(new Error('The studio refused the connection.')), { once: true });
  });
}
