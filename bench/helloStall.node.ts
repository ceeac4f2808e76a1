import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { percentile, round } from './stats.std';

// How long one hello can stall a room node's event loop (issue 14: a `resumeFrom: 0` hello once
// made the room read and send its whole log in one go). Measured from outside, as the node does
// not report its loop delay: a probe asks the node's /healthz back to back over one kept-alive
// connection — from a process of its own, so the load generator's own loop does not add to what
// it times — first while the show just runs, then while hellos with `resumeFrom: 0` arrive one
// by one from sockets that never read. A probe that waits behind a stall takes that much longer,
// so the stall is the slowest probe during the hellos less the typical probe before them.

export interface HelloStallOptions {
  /** The built bench entry: the probe runs from it as the `loop-probe` helper. */
  benchEntry: string;
  port: number;
  token: string;
  /** Viewer hellos (a viewer that far behind gets the room's latest comments, not a replay). */
  viewerHellos: number;
  /** Studio hellos (a studio gets its whole gap, paced): the heavy case. */
  studioHellos: number;
  /** Between two hellos, so each one's stall is seen on its own. */
  spacingMs: number;
  baselineMs: number;
}

/** A WebSocket handshake and one masked text frame on a raw TCP socket that then stops reading. */
function nonReadingHello(port: number, hello: object, forwardedFor: string): net.Socket {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  const payload = Buffer.from(JSON.stringify(hello));
  const mask = randomBytes(4);
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 255]);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ (mask[index % 4] as number)));
  socket.write(
    `GET /rooms/shop/live HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nX-Forwarded-For: ${forwardedFor}\r\n\r\n`,
  );
  socket.write(Buffer.concat([header, mask, masked]));
  // Never read: what the node sends piles up in the kernel's buffers, then in the node's.
  socket.pause();
  return socket;
}

/** The probe process's side (`loop-probe <port>`): /healthz back to back until told to stop, then every round trip in ms. */
export async function runLoopProbe(args: readonly string[]): Promise<void> {
  const port = Number(args[0]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let running = true;
  process.once('message', () => (running = false));
  const probe = () =>
    new Promise<void>((resolve, reject) => {
      const sent = performance.now();
      http
        .get({ host: '127.0.0.1', port, path: '/healthz', agent }, (response) => {
          response.resume();
          response.on('end', () => {
            times.push(performance.now() - sent);
            resolve();
          });
        })
        .on('error', reject);
    });
  process.send?.('probing');
  while (running) await probe();
  agent.destroy();
  process.send?.(times, () => process.disconnect());
}

/** Starts a probe process; `stop()` resolves with its round trips. */
async function startProbe(benchEntry: string, port: number): Promise<{ stop: () => Promise<number[]> }> {
  const child = fork(benchEntry, ['loop-probe', String(port)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await once(child, 'message');
  return {
    stop: async () => {
      const answer = once(child, 'message');
      child.send('stop');
      const [times] = (await answer) as [number[]];
      if (child.exitCode === null) await once(child, 'exit');
      return times;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureHelloStall(options: HelloStallOptions) {
  const before = await startProbe(options.benchEntry, options.port);
  await sleep(options.baselineMs);
  const baseline = (await before.stop()).sort((a, b) => a - b);

  const during = await startProbe(options.benchEntry, options.port);
  const sockets: net.Socket[] = [];
  const total = options.viewerHellos + options.studioHellos;
  for (let n = 0; n < total; n += 1) {
    // Studio hellos spread among the viewer ones, not all at the end.
    const studio = n % Math.max(1, Math.floor(total / Math.max(1, options.studioHellos))) === 0;
    const hello = studio
      ? { type: 'hello', v: 1, role: 'studio', token: options.token, resumeFrom: 0 }
      : { type: 'hello', v: 1, role: 'viewer', viewerKey: `bench-replay-key-${n}`, resumeFrom: 0 };
    sockets.push(nonReadingHello(options.port, hello, `10.250.${(n >> 8) & 255}.${n & 255}`));
    await sleep(options.spacingMs);
  }
  // The last paced replays keep going after the last hello: give them as long again as one spacing ×10.
  await sleep(options.spacingMs * 10);
  const probes = await during.stop();
  for (const socket of sockets) socket.destroy();
  const typical = percentile(baseline, 50) ?? 0;
  const slowest = Math.max(0, ...probes);
  return {
    replayHellos: total,
    replayHelloMaxStallMs: round(Math.max(0, slowest - typical), 1),
    probeBaselineP50Ms: round(typical, 2),
    probeBaselineMaxMs: round(baseline.at(-1) ?? null, 1),
    probeDuringP99Ms: round(percentile([...probes].sort((a, b) => a - b), 99), 1),
    probeDuringMaxMs: round(slowest, 1),
    probes: probes.length,
  };
}
