import type { MessagePortMain } from 'electron';
import type { MediaCreditMessage } from '../../contract/media.std';
import type { MediaIngest } from './mediaIngest.std';

/** Electron's media channel: a MessagePort per window, bound to the ingest like a media socket. */
export function serveMediaPort(port: MessagePortMain, ingest: MediaIngest, senderId: string): void {
  const session = ingest.openSession((grant) => {
    const message: MediaCreditMessage = { type: 'credit', grant };
    port.postMessage(message);
  }, senderId);
  port.on('message', ({ data }: { data: unknown }) => {
    if (data instanceof ArrayBuffer) session.receive(new Uint8Array(data));
    else if (ArrayBuffer.isView(data)) session.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
  port.on('close', () => session.close());
  port.start();
}
