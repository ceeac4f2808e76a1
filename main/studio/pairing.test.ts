import { describe, expect, it } from 'vitest';
import { createPairing } from './pairing.std';

/** Predictable "random" tokens: t1, t2, … */
function counter() {
  let next = 0;
  return () => `t${(next += 1)}`;
}

describe('createPairing', () => {
  it('trades an issued token for a session once', () => {
    const pairing = createPairing(counter());
    const token = pairing.issueToken();
    expect(token).toBe('t1');

    const first = pairing.redeem(token);
    expect(first).toEqual({ ok: true, sessionId: 't2' });
    expect(pairing.isSession('t2')).toBe(true);

    expect(pairing.redeem(token)).toEqual({ ok: false, reason: 'used' });
  });

  it('refuses a token it never issued', () => {
    const pairing = createPairing(counter());
    pairing.issueToken();
    expect(pairing.redeem('forged')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('keeps several unused tokens valid independently', () => {
    const pairing = createPairing(counter());
    const a = pairing.issueToken();
    const b = pairing.issueToken();
    expect(pairing.redeem(b).ok).toBe(true);
    expect(pairing.redeem(a).ok).toBe(true);
  });

  it('does not take a token, a missing cookie or an unknown id for a session', () => {
    const pairing = createPairing(counter());
    const token = pairing.issueToken();
    expect(pairing.isSession(token)).toBe(false);
    expect(pairing.isSession(undefined)).toBe(false);
    expect(pairing.isSession('')).toBe(false);
    pairing.redeem(token);
    expect(pairing.isSession(token)).toBe(false);
  });
});
