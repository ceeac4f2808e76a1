import net from 'node:net';
import { serverHostOf } from './destinationTest.std';

// Before an RTMP push is fed, its server must take a TCP connection. While a server is down, one
// attempt lasts until it is back: a refused connection every 100 ms (a failed name lookup every
// second), with its FFmpeg started but idle, not fed. The push then goes out within a tenth of a
// second of the server being back plus the wait for the next keyframe, without spinning the CPU.

/** How long one connection may wait on a server that does not answer at all. */
const CONNECT_TIMEOUT_MS = 1000;
const REACH_EVERY_MS = 100;
const LOOKUP_EVERY_MS = 1000;

/** The host and TCP port of an RTMP(S) URL (1935 for rtmp, 443 for rtmps, unless it names one). */
export function rtmpAddressOf(url: string): { host: string; port: number } | null {
  try {
    const parsed = new URL(url);
    const secure = /^rtmps/i.test(parsed.protocol);
    return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port ? Number(parsed.port) : secure ? 443 : 1935 };
  } catch {
    return null;
  }
}

function connectOnce(host: string, port: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (error: NodeJS.ErrnoException | null) => {
      socket.destroy();
      resolve(error);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => done(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    socket.once('connect', () => done(null));
    socket.once('error', done);
  });
}

/**
 * Resolves once the server takes a TCP connection; rejects when aborted. `onRefused` hears why it
 * is not taken yet, in words ("can't reach live-push.example.com"), each time that changes.
 */
export async function reachRtmpServer(url: string, signal: AbortSignal, onRefused: (reason: string) => void): Promise<void> {
  const address = rtmpAddressOf(url);
  const host = serverHostOf(url);
  // An address Node cannot read is FFmpeg's to judge (and to explain).
  if (!address) return;
  let said: string | null = null;
  for (;;) {
    if (signal.aborted) throw new Error('no longer wanted');
    const error = await connectOnce(address.host, address.port);
    if (!error) return;
    const lookup = error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN';
    const reason = lookup ? `can't find ${host}` : `can't reach ${host}`;
    if (reason !== said) onRefused(reason);
    said = reason;
    await new Promise((resolve) => setTimeout(resolve, lookup ? LOOKUP_EVERY_MS : REACH_EVERY_MS));
  }
}
