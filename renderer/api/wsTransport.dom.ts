import type { OutcomeApi } from '../../contract/api.std';
import { connectionLossOf, type ConnectionLoss } from './connectionLoss.std';
import { createFrameClient } from './frameClient.std';

export interface WsConnection {
  outcomes: OutcomeApi;
  /** Resolves when the socket closes: the core stopped, or it ended this session (revoked, expired) and said why. */
  closed: Promise<ConnectionLoss>;
}

/** The contract over the browser studio's WebSocket: the same frames as the Electron window's port. */
export function connectWebSocket(url: string): Promise<WsConnection> {
  const socket = new WebSocket(url);
  const client = createFrameClient((text) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(text);
  });
  socket.addEventListener('message', (message) => client.receive(message.data));
  const closed = new Promise<ConnectionLoss>((resolve) => {
    socket.addEventListener('close', (event) => {
      client.end();
      resolve(connectionLossOf(event.code, event.reason));
    });
  });
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve({ outcomes: client.outcomes, closed }), { once: true });
    socket.addEventListener('error', () => reject(new Error('The studio refused the connection.')), { once: true });
  });
}
