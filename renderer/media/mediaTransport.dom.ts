import type { MediaCreditMessage } from '../../contract/media.std';
import { createMediaSender, type MediaSender } from '../../contract/mediaSender.std';
import { requestCorePort } from '../api/corePorts.dom';

/**
 * How a media sender reaches the core: the browser studio's /media WebSocket, or in Electron a
 * MessagePort straight to the core process (handed over by main, which never sees a frame). Both
 * can be handed to a Worker (a URL, or a transferred port).
 */
export type MediaTransportSpec = { kind: 'websocket'; url: string } | { kind: 'port'; port: MessagePort };

/** On the page: asks for a fresh media transport (one per sender: video, audio). */
export async function requestMediaTransport(): Promise<MediaTransportSpec> {
  const bridge = window.shopcast;
  if (!bridge) {
    const url = new URL('/media', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return { kind: 'websocket', url: url.toString() };
  }
  return { kind: 'port', port: await requestCorePort(bridge, 'media') };
}

export interface MediaConnection {
  sender: MediaSender;
  /** Resolves once the core can receive (credits arrive right after). */
  opened: Promise<void>;
  /** Resolves when the connection ends. */
  closed: Promise<void>;
  close(): void;
}

/** Connects a MediaSender over a transport; works on the page and in a Worker. */
export function connectMedia(spec: MediaTransportSpec): MediaConnection {
  const onControl = (data: unknown, sender: MediaSender) => {
    const message = (typeof data === 'string' ? JSON.parse(data) : data) as MediaCreditMessage;
    if (message?.type === 'credit' && Number.isInteger(message.grant)) sender.grant(message.grant);
  };
  if (spec.kind === 'websocket') {
    const socket = new WebSocket(spec.url);
    socket.binaryType = 'arraybuffer';
    // WebSocket.send copies the bytes before it returns.
    const sender = createMediaSender((message) => socket.send(message), { transportCopies: true });
    socket.addEventListener('message', (event) => onControl(event.data, sender));
    return {
      sender,
      opened: new Promise((resolve, reject) => {
        socket.addEventListener('open', () => resolve(), { once: true });
        socket.addEventListener('error', () => reject(new Error('The studio refused the media connection.')), { once: true });
      }),
      closed: new Promise((resolve) => socket.addEventListener('close', () => resolve(), { once: true })),
      close: () => socket.close(),
    };
  }
  const { port } = spec;
  // Transfer the buffer: the frame is not copied again on its way to the core process.
  const sender = createMediaSender((message) => port.postMessage(message, [message]));
  port.addEventListener('message', (event) => onControl(event.data, sender));
  let markClosed = () => {};
  // Electron's 'close' on a page's MessagePort: the core process at the other end is gone.
  port.addEventListener('close', () => markClosed());
  port.start();
  return {
    sender,
    opened: Promise.resolve(),
    closed: new Promise((resolve) => (markClosed = resolve)),
    close: () => {
      port.close();
      markClosed();
    },
  };
}
