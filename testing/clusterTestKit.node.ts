import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import WebSocket from 'ws';
import type { AckFrame, RoomEvent, WelcomeFrame } from '../contract/room/roomEvents.std';

// Raw protocol sockets for the cluster's tests: no client library (nothing retried or filtered),
// each frame kept as received, each socket from an address of its own (X-Forwarded-For through a
// trusted proxy), as thousands of phones behind a load balancer are.

export interface ClusterSocket {
  ws: WebSocket;
  frames: { type: string; events?: RoomEvent[] }[];
  welcome: Promise<WelcomeFrame>;
  events(): RoomEvent[];
  send(message: object): void;
  /** Sends a message with a fresh clientId and resolves with its ack. */
  request(message: object): Promise<AckFrame>;
  close(): void;
}

let addresses = 0;

export async function clusterSocket(port: number, roomId: string, hello: object): Promise<ClusterSocket> {
  addresses += 1;
  const address = `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rooms/${roomId}/live`, { headers: { 'X-Forwarded-For': address } });
  const frames: ClusterSocket['frames'] = [];
  const acks = new Map<string, { resolve: (ack: AckFrame) => void; reject: (error: Error) => void }>();
  let onWelcome: (welcome: WelcomeFrame) => void = () => {};
  const welcome = new Promise<WelcomeFrame>((resolve) => (onWelcome = resolve));
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as { type: string; clientId?: string };
    frames.push(frame);
    if (frame.type === 'welcome') onWelcome(frame as unknown as WelcomeFrame);
    if (frame.type === 'ack' && frame.clientId) acks.get(frame.clientId)?.resolve(frame as unknown as AckFrame);
  });
  ws.on('error', () => {});
  // A request whose node died gets no ack: it fails, as the page's would, and is not acknowledged.
  ws.on('close', () => {
    for (const pending of acks.values()) pending.reject(new Error('the socket closed before the ack'));
  });
  await once(ws, 'open');
  ws.send(JSON.stringify(hello));
  const send = (message: object) => ws.send(JSON.stringify(message));
  return {
    ws,
    frames,
    welcome,
    events: () => frames.flatMap((frame) => (frame.type === 'events' ? (frame.events ?? []) : [])),
    send,
    request(message) {
      const clientId = randomUUID();
      const answered = new Promise<AckFrame>((resolve, reject) => acks.set(clientId, { resolve, reject }));
      send({ ...message, clientId });
      return answered;
    },
    close: () => ws.terminate(),
  };
}

export const viewerHello = (resumeFrom?: number, viewerKey = randomUUID().replaceAll('-', '')) => ({ type: 'hello', v: 1, role: 'viewer', viewerKey, ...(resumeFrom === undefined ? {} : { resumeFrom }) });
export const studioHello = (token: string) => ({ type: 'hello', v: 1, role: 'studio', token });

/** Resolves once `predicate` holds, checked on every turn of the loop (frames arrive between). */
export async function until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
