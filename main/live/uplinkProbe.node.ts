import { randomBytes } from 'node:crypto';

/** Upload bandwidth to a Shopcast room server, kb/s: a few megabytes posted to its uplink test. */
export async function measureUplinkKbps(roomUrl: string, token: string, fetchImpl: typeof fetch, bytes = 3 * 1024 * 1024): Promise<number> {
  // Random bytes: nothing along the way can compress them into a flattering figure.
  const body = randomBytes(bytes);
  const response = await fetchImpl(`${roomUrl.replace(/\/+$/, '')}/uplink`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
    body,
    signal: AbortSignal.timeout(20_000),
  });
  if (!response.ok) throw new Error(`the room server answered ${response.status}`);
  const answer = (await response.json()) as { bytes?: unknown; ms?: unknown };
  if (typeof answer.bytes !== 'number' || typeof answer.ms !== 'number' || answer.ms <= 0) throw new Error('the room server answered without a measurement');
  return Math.round((answer.bytes * 8) / answer.ms);
}
