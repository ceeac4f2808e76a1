import { expect } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createRoomClient, type RoomClient, type RoomSocket } from '../contract/room/roomClient.std';
import type { RoomEvent } from '../contract/room/roomEvents.std';

// Peers of the live room for end-to-end tests: a studio connection over the room protocol, and a
// broadcaster that pushes real FFmpeg RTP through the documented broadcaster API.

export const ROOM_ENTRY = 'dist/main/room.node.js';

export interface StudioFeed {
  client: RoomClient;
  events: RoomEvent[];
  /** Resolves when `predicate` holds over the events received so far. */
  until(predicate: (events: readonly RoomEvent[]) => boolean, timeoutMs?: number): Promise<void>;
}

export function connectStudio(port: number, token: string, roomId = 'shop'): StudioFeed {
  const events: RoomEvent[] = [];
  const waiters = new Set<() => void>();
  const client = createRoomClient({
    url: `ws://127.0.0.1:${port}/rooms/${roomId}/live`,
    openSocket: (url) => new WebSocket(url) as unknown as RoomSocket,
    hello: (resumeFrom) => ({ type: 'hello', v: 1, role: 'studio', token, resumeFrom: resumeFrom ?? 0 }),
    newClientId: randomUUID,
    schedule: (ms, run) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    onEvents: (batch) => {
      events.push(...batch);
      for (const waiter of [...waiters]) waiter();
    },
  });
  return {
    client,
    events,
    until: (predicate, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(events)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`The studio feed did not get there in ${timeoutMs} ms (${events.length} events).`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/** A viewer on a plain room socket (the reference client), with its own viewer key. */
export function socketViewer(origin: string): RoomClient {
  const viewerKey = randomUUID().replaceAll('-', '');
  return createRoomClient({
    url: `${origin.replace('http', 'ws')}/rooms/shop/live`,
    openSocket: (url) => new WebSocket(url) as unknown as RoomSocket,
    hello: (resumeFrom) => ({ type: 'hello', v: 1, role: 'viewer', viewerKey, ...(resumeFrom === undefined ? {} : { resumeFrom }) }),
    newClientId: randomUUID,
    schedule: (ms, run) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
  });
}

export async function comment(client: RoomClient, name: string, text: string): Promise<void> {
  const ack = await client.send({ type: 'comment', name, text });
  expect(ack.ok, `the room takes ${name}'s comment`).toBe(true);
}

async function post(url: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** One RTP plan for both ends: the producer is told exactly what FFmpeg sends. */
const video = { payloadType: 101, ssrc: 22222222 } as const;

/**
 * What mediasoup-demo's broadcasters/ffmpeg.sh does, video only: create a broadcaster, a plain
 * comedia transport, a producer, then FFmpeg pushes H.264 RTP (SPS/PPS in-band) to its port.
 */
export async function pushTestPattern(baseUrl: string, token: string, roomId = 'shop'): Promise<{ ffmpeg: ChildProcess; broadcasterUrl: string; stop(): Promise<void> }> {
  const broadcasterId = `e2e-${randomUUID().slice(0, 8)}`;
  const room = `${baseUrl}/rooms/${roomId}`;
  await post(`${room}/broadcasters`, token, { id: broadcasterId, displayName: 'E2E FFmpeg', device: { name: 'FFmpeg' } });
  const transport = await post(`${room}/broadcasters/${broadcasterId}/transports`, token, { type: 'plain', comedia: true, rtcpMux: false });
  await post(`${room}/broadcasters/${broadcasterId}/transports/${String(transport['id'])}/producers`, token, {
    kind: 'video',
    rtpParameters: {
      codecs: [{ mimeType: 'video/H264', payloadType: video.payloadType, clockRate: 90000, parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f' } }],
      encodings: [{ ssrc: video.ssrc }],
    },
  });
  const ffmpeg = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30',
    '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-g', '30',
    '-f', 'rtp', '-ssrc', String(video.ssrc), '-payload_type', String(video.payloadType),
    `rtp://${String(transport['ip'])}:${String(transport['port'])}?rtcpport=${String(transport['rtcpPort'])}&pkt_size=1200`,
  ], { stdio: 'ignore' });
  return {
    ffmpeg,
    broadcasterUrl: `${room}/broadcasters/${broadcasterId}`,
    async stop() {
      ffmpeg.kill('SIGTERM');
      await fetch(`${room}/broadcasters/${broadcasterId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    },
  };
}
