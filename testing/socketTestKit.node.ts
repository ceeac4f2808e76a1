import { once } from 'node:events';
import WebSocket from 'ws';

// For tests of the servers that speak the contract over WebSocket (the browser studio, the staff
// console server): sockets that keep every JSON message from the start, so none is missed.

export const hasId = (id: number | null) => (message: unknown) => typeof message === 'object' && message !== null && 'id' in message && message.id === id;
export const isEvent = (event: string) => (message: unknown) =>
  typeof message === 'object' && message !== null && 'event' in message && message.event === event;

export interface JsonSocket {
  socket: WebSocket;
  /** Every JSON message received and not yet taken by `next`. */
  received: unknown[];
  /** The first message (already received or still to come) that matches, and was not taken before. */
  next(match: (message: unknown) => boolean): Promise<unknown>;
  opened: Promise<unknown>;
  /** The close code and reason, once the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
}

export function createSocketKit() {
  const sockets: WebSocket[] = [];

  function connect(url: string, headers: Record<string, string>): JsonSocket {
    const socket = new WebSocket(url, { headers });
    sockets.push(socket);
    const received: unknown[] = [];
    const waiters: { match: (message: unknown) => boolean; resolve: (message: unknown) => void }[] = [];
    socket.on('message', (data, isBinary) => {
      if (isBinary || !Buffer.isBuffer(data)) return;
      const message: unknown = JSON.parse(data.toString('utf8'));
      received.push(message);
      const index = waiters.findIndex((waiter) => waiter.match(message));
      if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message);
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
    const next = (match: (message: unknown) => boolean) =>
      new Promise<unknown>((resolve, reject) => {
        const index = received.findIndex(match);
        if (index >= 0) {
          resolve(received.splice(index, 1)[0]);
          return;
        }
        waiters.push({
          match,
          resolve: (message) => {
            received.splice(received.indexOf(message), 1);
            resolve(message);
          },
        });
        socket.once('close', () => reject(new Error('the socket closed before the message arrived')));
      });
    return { socket, received, next, opened: once(socket, 'open'), closed };
  }

  /** Connects and answers the HTTP status the server refused the upgrade with. */
  function refusedStatus(url: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      sockets.push(socket);
      socket.on('unexpected-response', (request, response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      socket.on('open', () => reject(new Error('the socket was accepted')));
      socket.on('error', () => undefined);
    });
  }

  return {
    connect,
    refusedStatus,
    closeAll: () => {
      for (const socket of sockets.splice(0)) socket.terminate();
    },
  };
}
