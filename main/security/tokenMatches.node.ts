import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a presented secret is the expected one, compared through SHA-256 digests so the
 * lengths always match and the time taken says nothing about either.
 */
export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
