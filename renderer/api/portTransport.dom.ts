import type { OutcomeApi } from '../../contract/api.std';
import type { ConnectionLoss } from './connectionLoss.std';
import { createFrameClient } from './frameClient.std';

export interface PortConnection {
  outcomes: OutcomeApi;
  /** Resolves when the port closes (the core process went away) or `end` is called. */
  closed: Promise<ConnectionLoss>;
  /** Ends the connection with why (main said the core stopped). */
  end(loss: ConnectionLoss): void;
}

/**
 * The contract over a MessagePort to the Electron app's core process: the same JSON text frames
 * as the browser studio's WebSocket (frameClient.std.ts), with nothing in between.
 */
export function connectPort(port: MessagePort): PortConnection {
  const client = createFrameClient((text) => port.postMessage(text));
  let resolveClosed: (loss: ConnectionLoss) => void = () => {};
  const closed = new Promise<ConnectionLoss>((resolve) => (resolveClosed = resolve));
  const end = (loss: ConnectionLoss) => {
    client.end();
    port.close();
    resolveClosed(loss);
  };
  port.addEventListener('message', (event: MessageEvent) => client.receive(event.data));
  // Electron gives a page's MessagePort a 'close' event when the other end is gone (the core process died).
  port.addEventListener('close', () => end({ refused: false, reason: null }));
  port.start();
  return { outcomes: client.outcomes, closed, end };
}
