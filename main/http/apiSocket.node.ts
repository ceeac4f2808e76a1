import type { WebSocket } from 'ws';
import { serveContractFrames } from '../kernel/contractFrames.std';
import type { Dispatch, Sender } from '../kernel/dispatcher.std';
import type { EventHub } from '../kernel/eventHub.std';
import type { Logger } from '../log/logger.std';

/**
 * Serves the contract over one WebSocket: the same frames as the app's MessagePort
 * (contractFrames.std.ts); a binary frame is answered as malformed.
 */
export function serveApiSocket(socket: WebSocket, sender: Sender, dispatch: Dispatch, events: EventHub, log: Logger): void {
  const served = serveContractFrames(
    (text) => {
      if (socket.readyState === socket.OPEN) socket.send(text);
    },
    sender,
    dispatch,
    events,
    log,
  );
  socket.on('close', () => served.close());
  socket.on('message', (data, isBinary) => served.receive(!isBinary && data instanceof Buffer ? data.toString('utf8') : null));
}
