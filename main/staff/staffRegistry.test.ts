import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../contract/envelope.std';
import {
  CODE_LIFETIME_MS,
  codeMessages,
  createStaffRegistry,
  LOCK_MS,
  MAX_WAITING_CODES,
  SESSION_LIFETIME_MS,
  sessionMessages,
  type StaffRegistryDeps,
} from './staffRegistry.std';

/** A registry on a hand-driven clock: timers fire only when the test advances time past them. */
function setup(options: { randoms?: number[]; overrides?: Partial<StaffRegistryDeps> } = {}) {
  let now = 1_000_000;
  let ids = 0;
  let tokens = 0;
  const randoms = [...(options.randoms ?? [])];
  let timers: { at: number; run: () => void }[] = [];
  const randomCalls: number[] = [];
  const registry = createStaffRegistry({
    now: () => now,
    randomInt: (max) => {
      randomCalls.push(max);
      return randoms.shift() ?? Math.floor(Math.random() * max);
    },
    newId: () => `member-${++ids}`,
    newToken: () => `token-${++tokens}`,
    schedule: (ms, run) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => {
        timers = timers.filter((candidate) => candidate !== timer);
      };
    },
    ...options.overrides,
  });
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((timer) => timer.at <= now);
    timers = timers.filter((timer) => timer.at > now);
    for (const timer of due) timer.run();
  };
  const changes = { count: 0 };
  registry.onChange(() => changes.count++);
  const ended: [string, string][] = [];
  registry.onSessionEnded((memberId, reason) => ended.push([memberId, reason]));
  return { registry, advance, now: () => now, changes, ended, randomCalls, pendingTimers: () => timers.length };
}

describe('createStaffRegistry: codes', () => {
  it('makes a six-digit code from the injected random source, zero-padded, expiring in ten minutes', () => {
    const { registry, now, randomCalls, changes } = setup({ randoms: [42] });
    const pairing = registry.createPairing({ name: 'Mia', role: 'moderator' });
    expect(pairing).toEqual({ id: 'member-1', name: 'Mia', role: 'moderator', code: '000042', expiresAt: now() + CODE_LIFETIME_MS });
    expect(randomCalls).toEqual([1_000_000]);
    expect(registry.members()).toEqual([
      { id: 'member-1', name: 'Mia', role: 'moderator', state: 'waiting', connections: 0, createdAt: now(), lastSeenAt: null, expiresAt: now() + CODE_LIFETIME_MS },
    ]);
    expect(changes.count).toBe(1);
  });

  it('draws again when a code is already waiting, so waiting codes are unique', () => {
    const { registry } = setup({ randoms: [123456, 123456, 123456, 654321] });
    expect(registry.createPairing({ name: 'A', role: 'moderator' }).code).toBe('123456');
    expect(registry.createPairing({ name: 'B', role: 'moderator' }).code).toBe('654321');
  });

  it('redeems a code once into a paired session lasting twelve hours', () => {
    const { registry, now } = setup({ randoms: [111111] });
    registry.createPairing({ name: 'Mia', role: 'moderator' });
    const redeemed = registry.redeem('111111', '10.0.0.5');
    expect(redeemed).toMatchObject({ ok: true, token: 'token-1', member: { id: 'member-1', state: 'paired', expiresAt: now() + SESSION_LIFETIME_MS, lastSeenAt: now() } });
    expect(registry.session('token-1')).toEqual({ ok: true, memberId: 'member-1', role: 'moderator', name: 'Mia' });
    expect(registry.redeem('111111', '10.0.0.5')).toEqual({ ok: false, reason: 'used', message: codeMessages.used });
    expect(registry.members()[0]?.state).toBe('paired');
  });

  it('says a code has expired after ten minutes, and drops its member when the timer fires', () => {
    const { registry, advance, changes } = setup({ randoms: [222222] });
    registry.createPairing({ name: 'Mia', role: 'moderator' });
    advance(CODE_LIFETIME_MS - 1);
    expect(registry.members()).toHaveLength(1);
    advance(1);
    expect(registry.members()).toEqual([]);
    expect(changes.count).toBe(2);
    expect(registry.redeem('222222', '10.0.0.5')).toEqual({ ok: false, reason: 'expired', message: codeMessages.expired });
  });

  it('refuses an expired code by the clock even when its timer has not fired yet (a sleeping laptop)', () => {
    const { registry, advance } = setup({ randoms: [333333], overrides: { schedule: () => () => {} } });
    registry.createPairing({ name: 'Mia', role: 'moderator' });
    advance(CODE_LIFETIME_MS);
    expect(registry.members()).toHaveLength(1);
    expect(registry.redeem('333333', '10.0.0.5')).toMatchObject({ ok: false, reason: 'expired' });
    expect(registry.members()).toEqual([]);
  });

  it('says a revoked code was cancelled', () => {
    const { registry, ended } = setup({ randoms: [444444] });
    const { id } = registry.createPairing({ name: 'Mia', role: 'moderator' });
    registry.revoke(id);
    expect(registry.members()).toEqual([]);
    // A waiting code has no sockets to close.
    expect(ended).toEqual([]);
    expect(registry.redeem('444444', '10.0.0.5')).toEqual({ ok: false, reason: 'revoked', message: codeMessages.revoked });
  });

  it(`refuses more than ${MAX_WAITING_CODES} waiting codes`, () => {
    const { registry } = setup();
    for (let index = 0; index < MAX_WAITING_CODES; index++) registry.createPairing({ name: `S${index}`, role: 'moderator' });
    expect(() => registry.createPairing({ name: 'One more', role: 'moderator' })).toThrow(RefusedError);
  });
});

describe('createStaffRegistry: peek', () => {
  it('tells who a waiting code is for without spending it, changing the list or arming a timer', () => {
    const { registry, now, changes, pendingTimers } = setup({ randoms: [121212] });
    registry.createPairing({ name: 'Lin', role: 'moderator' });
    const before = { changes: changes.count, timers: pendingTimers(), members: registry.members() };
    for (let look = 0; look < 3; look++) {
      expect(registry.peek('121212', '10.0.0.5')).toEqual({ ok: true, name: 'Lin', role: 'moderator', expiresAt: now() + CODE_LIFETIME_MS });
    }
    expect({ changes: changes.count, timers: pendingTimers(), members: registry.members() }).toEqual(before);
    expect(registry.redeem('121212', '10.0.0.5')).toMatchObject({ ok: true, member: { name: 'Lin', state: 'paired' } });
    // Once spent, a look says so, as a redeem would.
    expect(registry.peek('121212', '10.0.0.5')).toEqual({ ok: false, reason: 'used', message: codeMessages.used });
  });

  it('tells wrong, expired and cancelled codes apart', () => {
    const { registry, advance } = setup({ randoms: [131313, 141414] });
    registry.createPairing({ name: 'A', role: 'moderator' });
    const { id } = registry.createPairing({ name: 'B', role: 'host' });
    expect(registry.peek('000000', '10.0.0.5')).toEqual({ ok: false, reason: 'unknown', message: codeMessages.unknown });
    registry.revoke(id);
    expect(registry.peek('141414', '10.0.0.6')).toEqual({ ok: false, reason: 'revoked', message: codeMessages.revoked });
    advance(CODE_LIFETIME_MS);
    expect(registry.peek('131313', '10.0.0.7')).toEqual({ ok: false, reason: 'expired', message: codeMessages.expired });
  });

  it('refuses an expired code by the clock when its timer has not fired, and drops its member', () => {
    const { registry, advance } = setup({ randoms: [151515], overrides: { schedule: () => () => {} } });
    registry.createPairing({ name: 'Mia', role: 'moderator' });
    advance(CODE_LIFETIME_MS);
    expect(registry.peek('151515', '10.0.0.5')).toMatchObject({ ok: false, reason: 'expired' });
    expect(registry.members()).toEqual([]);
  });

  it('counts wrong looks towards the lockout, mixed with wrong redeems, and the lockout hides a right code', () => {
    const { registry, advance } = setup({ randoms: [161616] });
    registry.createPairing({ name: 'Mia', role: 'moderator' });
    for (let attempt = 1; attempt <= 2; attempt++) expect(registry.peek('000001', '10.0.0.9')).toMatchObject({ reason: 'unknown' });
    for (let attempt = 3; attempt <= 4; attempt++) expect(registry.redeem('000001', '10.0.0.9')).toMatchObject({ reason: 'unknown' });
    const fifth = registry.peek('000001', '10.0.0.9');
    expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
    expect(fifth.ok ? '' : fifth.message).toContain('paused for 60 seconds');
    expect(registry.peek('161616', '10.0.0.9')).toMatchObject({ ok: false, reason: 'locked' });
    expect(registry.redeem('161616', '10.0.0.9')).toMatchObject({ ok: false, reason: 'locked' });
    expect(registry.peek('161616', '10.0.0.10')).toMatchObject({ ok: true, name: 'Mia' });
    advance(LOCK_MS);
    expect(registry.peek('161616', '10.0.0.9')).toMatchObject({ ok: true, name: 'Mia' });
  });

  it('does not forgive wrong codes for a right look, so looking at one waiting code cannot reset the count', () => {
    const { registry } = setup({ randoms: [171717] });
    registry.createPairing({ name: 'Mia', role: 'moderator' });
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(registry.peek('000001', '10.0.0.9')).toMatchObject({ reason: 'unknown' });
      expect(registry.peek('171717', '10.0.0.9')).toMatchObject({ ok: true });
    }
    expect(registry.peek('000001', '10.0.0.9')).toMatchObject({ reason: 'locked' });
  });
});

describe('createStaffRegistry: wrong codes', () => {
  it('refuses an address for 60 s after five wrong codes, saying so, even for a right code', () => {
    const { registry, advance } = setup({ randoms: [555555] });
    registry.createPairing({ name: 'Mia', role: 'moderator' });
    for (let attempt = 1; attempt < 5; attempt++) expect(registry.redeem('000001', '10.0.0.9')).toEqual({ ok: false, reason: 'unknown', message: codeMessages.unknown });
    const fifth = registry.redeem('000001', '10.0.0.9');
    expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
    expect(fifth.ok ? '' : fifth.message).toContain('paused for 60 seconds');
    advance(15_000);
    const locked = registry.redeem('555555', '10.0.0.9');
    expect(locked).toMatchObject({ ok: false, reason: 'locked' });
    expect(locked.ok ? '' : locked.message).toContain('paused for 45 seconds');
    // Another address is not punished for this one's guesses.
    expect(registry.redeem('000001', '10.0.0.10')).toMatchObject({ ok: false, reason: 'unknown' });
    advance(LOCK_MS - 15_000);
    expect(registry.redeem('555555', '10.0.0.9')).toMatchObject({ ok: true });
  });

  it('counts used and expired codes as wrong tries too', () => {
    const { registry } = setup({ randoms: [666666] });
    registry.createPairing({ name: 'Mia', role: 'moderator' });
    registry.redeem('666666', '10.0.0.1');
    for (let attempt = 1; attempt < 5; attempt++) expect(registry.redeem('666666', '10.0.0.9')).toMatchObject({ reason: 'used' });
    expect(registry.redeem('666666', '10.0.0.9')).toMatchObject({ reason: 'locked' });
  });

  it('forgets a typo after a success from the same address', () => {
    const { registry } = setup({ randoms: [777777, 888888] });
    registry.createPairing({ name: 'A', role: 'moderator' });
    registry.createPairing({ name: 'B', role: 'moderator' });
    for (let attempt = 0; attempt < 4; attempt++) registry.redeem('000000', '10.0.0.9');
    expect(registry.redeem('777777', '10.0.0.9')).toMatchObject({ ok: true });
    for (let attempt = 0; attempt < 4; attempt++) expect(registry.redeem('000000', '10.0.0.9')).toMatchObject({ reason: 'unknown' });
    expect(registry.redeem('888888', '10.0.0.9')).toMatchObject({ ok: true });
  });
});

describe('createStaffRegistry: sessions', () => {
  function paired(role: 'host' | 'moderator' = 'moderator', overrides: Partial<StaffRegistryDeps> = {}) {
    const context = setup({ randoms: [123123], overrides });
    context.registry.createPairing({ name: 'Mia', role });
    const redeemed = context.registry.redeem('123123', '10.0.0.5');
    if (!redeemed.ok) throw new Error('expected a session');
    return { ...context, token: redeemed.token, memberId: redeemed.member.id };
  }

  it('does not know a token it never issued', () => {
    const { registry } = setup();
    expect(registry.session('token-x')).toEqual({ ok: false, reason: 'unknown', message: sessionMessages.unknown });
    expect(registry.session(undefined)).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('counts open console windows and when the member was last seen', () => {
    const { registry, memberId, advance, now } = paired();
    const first = registry.connect(memberId);
    const second = registry.connect(memberId);
    expect(registry.members()[0]).toMatchObject({ connections: 2, lastSeenAt: now() });
    advance(5_000);
    first();
    first();
    expect(registry.members()[0]).toMatchObject({ connections: 1, lastSeenAt: now() });
    second();
    expect(registry.members()[0]?.connections).toBe(0);
  });

  it('revoking a paired console ends its session at once: listeners are told and the token stops working', () => {
    const { registry, token, memberId, ended, changes } = paired();
    const release = registry.connect(memberId);
    const before = changes.count;
    registry.revoke(memberId);
    expect(ended).toEqual([[memberId, 'revoked']]);
    expect(changes.count).toBe(before + 1);
    expect(registry.session(token)).toEqual({ ok: false, reason: 'revoked', message: "This console's pairing was revoked" });
    expect(registry.members()).toEqual([]);
    // The socket's close arrives after the revoke and changes nothing.
    release();
    expect(changes.count).toBe(before + 1);
    expect(() => registry.revoke(memberId)).toThrow(RefusedError);
  });

  it('ends a session when its timer fires at the end of its lifetime', () => {
    const { registry, token, memberId, ended, advance } = paired('host', { sessionLifetimeMs: 50 });
    registry.connect(memberId);
    advance(49);
    expect(registry.session(token)).toMatchObject({ ok: true, role: 'host' });
    expect(ended).toEqual([]);
    advance(1);
    expect(ended).toEqual([[memberId, 'expired']]);
    expect(registry.session(token)).toEqual({ ok: false, reason: 'expired', message: "This console's pairing expired" });
  });

  it('refuses an expired session by the clock even when its timer has not fired', () => {
    const { registry, token, memberId, ended, advance } = paired('moderator', { schedule: () => () => {} });
    advance(SESSION_LIFETIME_MS);
    expect(registry.session(token)).toMatchObject({ ok: false, reason: 'expired' });
    expect(ended).toEqual([[memberId, 'expired']]);
  });

  it('close() cancels every timer', () => {
    const { registry, pendingTimers } = paired();
    registry.createPairing({ name: 'B', role: 'moderator' });
    expect(pendingTimers()).toBe(2);
    registry.close();
    expect(pendingTimers()).toBe(0);
  });
});
