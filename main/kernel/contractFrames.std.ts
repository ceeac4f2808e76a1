import { requestFrameSchema, type ResponseFrame } from '../../contract/envelope.std';
import { mayHear } from '../../contract/roles.std';
import type { Logger } from '../log/logger.std';
import type { Dispatch, Sender } from './dispatcher.std';
import type { EventHub } from './eventHub.std';

// The contract as JSON text frames, whatever carries them: the browser studio's and the staff
// consoles' WebSocket (main/http/apiSocket.node.ts) and the Electron window's MessagePort in
// the core process (main/appCore/coreProcess.node.ts). Request frames in, response and event
// frames out; events the sender's role may not hear never leave the process.

export interface ServedContract {
  /** One frame as it arrived: JSON text, or anything else (answered as malformed). */
  receive(data: unknown): void;
  /** The carrier closed: events stop, answers still in flight are dropped. */
  close(): void;
}

export function serveContractFrames(send: (text: string) => void, sender: Sender, dispatch: Dispatch, events: EventHub, log: Logger): ServedContract {
  let open = true;
  const sendFrame = (frame: unknown) => {
    if (open) send(JSON.stringify(frame));
  };
  const unsubscribe = events.subscribe((event, payload) => {
    if (mayHear(sender.role, event)) sendFrame({ event, payload });
  });

  async function answer(data: unknown): Promise<ResponseFrame> {
    let parsed: unknown;
    try {
      if (typeof data !== 'string') throw new Error('not text');
      parsed = JSON.parse(data);
    } catch {
      log.warn('malformed frame', { sender: sender.id });
      return { id: null, ok: false, error: { code: 'malformed', message: 'The studio only understands JSON request frames here.' } };
    }
    const frame = requestFrameSchema.safeParse(parsed);
    if (!frame.success) {
      log.warn('malformed request frame', { sender: sender.id });
      const id = typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'number' ? parsed.id : null;
      return { id, ok: false, error: { code: 'malformed', message: 'A request frame needs exactly an integer id, a channel name and a payload.' } };
    }
    const outcome = await dispatch(frame.data.channel, frame.data.payload, sender);
    return { id: frame.data.id, ...outcome };
  }

  return {
    receive: (data) => void answer(data).then(sendFrame),
    close() {
      open = false;
      unsubscribe();
    },
  };
}
