import type { WebSocket } from 'ws';
import { requestFrameSchema, type ResponseFrame } from '../../contract/envelope.std';
import { mayHear } from '../../contract/roles.std';
import type { Dispatch, Sender } from '../core/dispatcher.std';
import type { EventHub } from '../core/eventHub.std';
import type { Logger } from '../log/logger.std';

/**
 * Serves the contract over one WebSocket: request frames in, response and event frames out. Events
 * the sender's role may not hear (a moderator and the destinations, say) never leave the process.
 */
export function serveApiSocket(socket: WebSocket, sender: Sender, dispatch: Dispatch, events: EventHub, log: Logger): void {
  const send = (frame: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const unsubscribe = events.subscribe((event, payload) => {
    if (mayHear(sender.role, event)) send({ event, payload });
  });
  socket.on('close', unsubscribe);
  socket.on('message', (data, isBinary) => {
    void answer(data, isBinary).then(send);
  });

  async function answer(data: unknown, isBinary: boolean): Promise<ResponseFrame> {
    let parsed: unknown;
    try {
      if (isBinary || !(data instanceof Buffer)) throw new Error('binary frame');
      parsed = JSON.parse(data.toString('utf8'));
    } catch {
      log.warn('malformed frame', { sender: sender.id });
      return { id: null, ok: false, error: { code: 'malformed', message: 'The studio only understands JSON request frames here.' } };
    }
    const frame = requestFrameSchema.safeParse(parsed);
    if (!frame.success) {
      log.warn('malformed request frame', { sender: sender.id });
      const id = typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'number' ? parsed.id : null;
      return {
        id,
        ok: false,
        error: { code: 'malformed', message: 'A request frame needs exactly an integer id, a channel name and a payload.' },
      };
    }
    const outcome = await dispatch(frame.data.channel, frame.data.payload, sender);
    return { id: frame.data.id, ...outcome };
  }
}
