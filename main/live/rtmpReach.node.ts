import net from 'node:net';
import { serverHostOf } from './destinationTest.std';

// Before an RTMP push is (re)started, one TCP connection to its server: while a server is down,
// an attempt then costs a refused connection rather than an FFmpeg process, so the studio can
// try every half second and be streaming again right after the server is back.

/** How long a connection attempt may wait on a server that does not answer at all. */
const CONNECT_TIMEOUT_MS = 1000;

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

/** Resolves when the server accepts a TCP connection; rejects with why, in words ("can't reach live-push.example.com"). */
export function reachRtmpServer(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  const address = rtmpAddressOf(url);
  const host = serverHostOf(url);
  // An address Node cannot read is FFmpeg's to judge (and to explain).
  if (!address) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address.host, port: address.port });
    const done = (error: Error | null) => {
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`can't reach ${host}`)));
    socket.once('connect', () => done(null));
    socket.once('error', (error: NodeJS.ErrnoException) => done(new Error(error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' ? `can't find ${host}` : `can't reach ${host}`)));
  });
}
