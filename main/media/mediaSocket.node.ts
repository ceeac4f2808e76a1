import type { RawData, WebSocket } from 'ws';
import type { MediaCreditMessage } from '../../contract/media.std';
import type { MediaIngest } from './mediaIngest.std';

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/** Binds one media WebSocket to the ingest: binary frames in, credit grants out. */
export function serveMediaSocket(socket: WebSocket, ingest: MediaIngest, senderId: string): void {
  const session = ingest.openSession((grant) => {
    if (socket.readyState !== socket.OPEN) return;
    const message: MediaCreditMessage = { type: 'credit', grant };
    socket.send(JSON.stringify(message));
  }, senderId);
  socket.on('message', (data, isBinary) => {
    if (isBinary) session.receive(toBytes(data));
  });
  socket.on('close', () => session.close());
}
