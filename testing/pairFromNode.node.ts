import http from 'node:http';
import { SESSION_COOKIE } from '../main/studio/studioServer.node';

/** Redeems a pairing URL the way a browser would, for Node clients (benchmarks, tests). Returns the Cookie header. */
export function pairFromNode(pairingUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(pairingUrl, (response) => {
        response.resume();
        const cookie = (response.headers['set-cookie'] ?? []).find((value) => value.startsWith(`${SESSION_COOKIE}=`));
        if (response.statusCode !== 303 || !cookie) reject(new Error(`pairing failed with HTTP ${response.statusCode}`));
        else resolve(cookie.split(';')[0] ?? '');
      })
      .on('error', reject);
  });
}
