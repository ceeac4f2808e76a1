import { RefusedError } from '../../contract/envelope.std';
import type { StaffMember, StaffPairingInput, StaffRole } from '../../contract/schemas/staff.std';

// Who may open a staff console, and for how long. A pairing is a six-digit code the host reads
// out or shows as a QR code; it is spent on first use and becomes a session (an HttpOnly cookie
// in the console's browser). Opening the link only peeks at the code, so a chat app's link
// preview or a QR scanner that fetches it first does not spend it. Everything with an effect (clock, randomness, timers) is injected,
// so the rules below are tested without waiting ten minutes or twelve hours.

export const CODE_LIFETIME_MS = 10 * 60_000;
export const SESSION_LIFETIME_MS = 12 * 60 * 60_000;
export const WRONG_CODES_BEFORE_LOCK = 5;
export const LOCK_MS = 60_000;
// A million codes and a handful waiting keep a guesser's odds at a few in a million per try; a
// cap on waiting codes keeps them there if the host keeps pressing "New code".
export const MAX_WAITING_CODES = 20;
// The lockout above is per address, so guessers spread over many addresses (40 addresses × 4
// wrong codes each, none locked) were never stopped (issue 14). Every wrong code tried while a
// code waits, from any address, counts against that code too; at this many it is cancelled and
// the host is told to make a new one. A staffer's typos are a handful, never this many.
export const WRONG_CODES_PER_CODE = 20;
// Wrong codes long apart are typos, not guessing.
const WRONG_CODE_MEMORY_MS = 10 * 60_000;

export type SessionEndReason = 'revoked' | 'expired';
export type CodeRefusal = 'unknown' | 'expired' | 'used' | 'revoked' | 'guessed' | 'locked';

export type CodeRefused = { ok: false; reason: CodeRefusal; message: string };

export type RedeemResult = { ok: true; token: string; member: StaffMember } | CodeRefused;

/** Who a waiting code would pair; nothing is spent by asking. */
export type PeekResult = { ok: true; name: string; role: StaffRole; expiresAt: number } | CodeRefused;

export type SessionCheck =
  | { ok: true; memberId: string; role: StaffRole; name: string }
  | { ok: false; reason: 'unknown' | SessionEndReason; message: string };

export interface StaffRegistryDeps {
  now: () => number;
  /** A uniformly random integer in [0, max): crypto-strong in production (node:crypto randomInt). */
  randomInt: (max: number) => number;
  /** A member id, shown to the host and used to revoke. */
  newId: () => string;
  /** A session token for the cookie: unguessable (24 random bytes in production). */
  newToken: () => string;
  schedule: (ms: number, run: () => void) => () => void;
  codeLifetimeMs?: number;
  sessionLifetimeMs?: number;
}

export interface StaffRegistry {
  /** A new waiting code for a named person with a role. */
  createPairing(input: StaffPairingInput): { id: string; name: string; role: StaffRole; code: string; expiresAt: number };
  /** Trades a code for a session, once; wrong codes count against the address they come from. */
  redeem(code: string, address: string): RedeemResult;
  /**
   * Who a waiting code would pair, without spending it; wrong codes count against the address as
   * in `redeem`, so guessing by looking is locked out as well.
   */
  peek(code: string, address: string): PeekResult;
  /** The member a session token belongs to, or why it no longer opens anything. */
  session(token: string | undefined): SessionCheck;
  /** Counts an open console window of a paired member; the answer forgets it. */
  connect(memberId: string): () => void;
  /** Ends a waiting code or a paired console at once. */
  revoke(id: string): void;
  members(): StaffMember[];
  /** Any change to `members()`. */
  onChange(listener: () => void): () => void;
  /** A paired console's session ended: its sockets must close now. */
  onSessionEnded(listener: (memberId: string, reason: SessionEndReason) => void): () => void;
  /** A waiting code was cancelled after `WRONG_CODES_PER_CODE` wrong codes: the host must make a new one. */
  onCodeGuessedOut(listener: (member: StaffMember) => void): () => void;
  close(): void;
}

interface Entry {
  member: StaffMember;
  code: string | null;
  token: string | null;
  cancelTimer: () => void;
  /** Wrong codes tried, from any address, while this code waited. */
  wrongWhileWaiting: number;
}

interface WrongCodes {
  count: number;
  lastAt: number;
  lockedUntil: number | null;
}

export const codeMessages: Record<Exclude<CodeRefusal, 'locked'>, string> = {
  unknown: "That code is not valid. Check the six digits on the studio's Staff tab.",
  expired: 'That code has expired: codes last 10 minutes. Ask the host for a new one.',
  used: 'That code has already been used: each code pairs one console, once. Ask the host for a new one.',
  revoked: 'That code was cancelled by the host. Ask the host for a new one.',
  guessed: 'That code was cancelled because too many wrong codes were tried while it waited. Ask the host for a new one.',
};

export const sessionMessages: Record<SessionEndReason | 'unknown', string> = {
  unknown: "This console is not paired. Enter the code from the studio's Staff tab.",
  revoked: "This console's pairing was revoked",
  expired: "This console's pairing expired",
};

const lockedMessage = (seconds: number) =>
  `Too many wrong codes from this device: pairing is paused for ${seconds} second${seconds === 1 ? '' : 's'}. Try again then.`;

export function createStaffRegistry(deps: StaffRegistryDeps): StaffRegistry {
  const codeLifetimeMs = deps.codeLifetimeMs ?? CODE_LIFETIME_MS;
  const sessionLifetimeMs = deps.sessionLifetimeMs ?? SESSION_LIFETIME_MS;
  const entries = new Map<string, Entry>();
  const waitingCodes = new Map<string, string>();
  const sessions = new Map<string, string>();
  // Spent codes and ended sessions are remembered for a while, so the person holding one is told
  // why it no longer works instead of "not valid".
  const spentCodes = new Map<string, { reason: Exclude<CodeRefusal, 'locked' | 'unknown'>; at: number }>();
  const endedSessions = new Map<string, { reason: SessionEndReason; at: number }>();
  const wrongCodes = new Map<string, WrongCodes>();
  const changeListeners = new Set<() => void>();
  const endListeners = new Set<(memberId: string, reason: SessionEndReason) => void>();
  const guessedListeners = new Set<(member: StaffMember) => void>();

  const changed = () => {
    for (const listener of changeListeners) listener();
  };

  function forget(): void {
    const now = deps.now();
    for (const [code, spent] of spentCodes) if (now - spent.at > codeLifetimeMs * 6) spentCodes.delete(code);
    for (const [token, ended] of endedSessions) if (now - ended.at > sessionLifetimeMs) endedSessions.delete(token);
    for (const [address, wrong] of wrongCodes) {
      if ((wrong.lockedUntil ?? 0) <= now && now - wrong.lastAt > WRONG_CODE_MEMORY_MS) wrongCodes.delete(address);
    }
  }

  function remove(entry: Entry, reason: SessionEndReason): void {
    entry.cancelTimer();
    entries.delete(entry.member.id);
    const at = deps.now();
    if (entry.code !== null) {
      waitingCodes.delete(entry.code);
      spentCodes.set(entry.code, { reason, at });
    }
    if (entry.token !== null) {
      sessions.delete(entry.token);
      endedSessions.set(entry.token, { reason, at });
      for (const listener of endListeners) listener(entry.member.id, reason);
    }
    changed();
  }

  function newCode(): string {
    for (;;) {
      const code = String(deps.randomInt(1_000_000)).padStart(6, '0');
      if (!waitingCodes.has(code)) return code;
    }
  }

  /** Counts a wrong code against every waiting code; one that has seen too many is cancelled. */
  function countAgainstWaitingCodes(): void {
    for (const id of [...waitingCodes.values()]) {
      const entry = entries.get(id);
      if (!entry || entry.code === null) continue;
      entry.wrongWhileWaiting += 1;
      if (entry.wrongWhileWaiting < WRONG_CODES_PER_CODE) continue;
      entry.cancelTimer();
      entries.delete(id);
      waitingCodes.delete(entry.code);
      spentCodes.set(entry.code, { reason: 'guessed', at: deps.now() });
      for (const listener of guessedListeners) listener(entry.member);
      changed();
    }
  }

  function refuseCode(address: string, reason: Exclude<CodeRefusal, 'locked'>): CodeRefused {
    countAgainstWaitingCodes();
    const now = deps.now();
    const previous = wrongCodes.get(address);
    const wrong = previous && now - previous.lastAt <= WRONG_CODE_MEMORY_MS ? previous : { count: 0, lastAt: now, lockedUntil: null };
    wrong.count += 1;
    wrong.lastAt = now;
    if (wrong.count >= WRONG_CODES_BEFORE_LOCK) wrong.lockedUntil = now + LOCK_MS;
    wrongCodes.set(address, wrong);
    const message = wrong.lockedUntil === null ? codeMessages[reason] : `${codeMessages[reason]} ${lockedMessage(Math.ceil(LOCK_MS / 1000))}`;
    return { ok: false, reason: wrong.lockedUntil === null ? reason : 'locked', message };
  }

  /** The waiting entry of a code, or why not: the lockout first, then a wrong code counted. */
  function waitingEntry(code: string, address: string): { ok: true; entry: Entry } | CodeRefused {
    forget();
    const now = deps.now();
    const wrong = wrongCodes.get(address);
    if (wrong && wrong.lockedUntil !== null) {
      if (now < wrong.lockedUntil) return { ok: false, reason: 'locked', message: lockedMessage(Math.ceil((wrong.lockedUntil - now) / 1000)) };
      wrongCodes.delete(address);
    }
    const id = waitingCodes.get(code);
    const entry = id === undefined ? undefined : entries.get(id);
    if (!entry) return refuseCode(address, spentCodes.get(code)?.reason ?? 'unknown');
    // The timer may be late (a sleeping laptop); the clock decides.
    if (now >= entry.member.expiresAt) {
      remove(entry, 'expired');
      return refuseCode(address, 'expired');
    }
    return { ok: true, entry };
  }

  return {
    createPairing({ name, role }) {
      forget();
      if (waitingCodes.size >= MAX_WAITING_CODES) {
        throw new RefusedError(`There are already ${MAX_WAITING_CODES} codes waiting to be used. Revoke the ones nobody needs first.`);
      }
      const now = deps.now();
      const code = newCode();
      const member: StaffMember = { id: deps.newId(), name, role, state: 'waiting', connections: 0, createdAt: now, lastSeenAt: null, expiresAt: now + codeLifetimeMs };
      const entry: Entry = { member, code, token: null, cancelTimer: () => {}, wrongWhileWaiting: 0 };
      entry.cancelTimer = deps.schedule(codeLifetimeMs, () => remove(entry, 'expired'));
      entries.set(member.id, entry);
      waitingCodes.set(code, member.id);
      changed();
      return { id: member.id, name, role, code, expiresAt: member.expiresAt };
    },

    redeem(code, address) {
      const found = waitingEntry(code, address);
      if (!found.ok) return found;
      const { entry } = found;
      const now = deps.now();
      wrongCodes.delete(address);
      entry.cancelTimer();
      waitingCodes.delete(code);
      spentCodes.set(code, { reason: 'used', at: now });
      const token = deps.newToken();
      entry.code = null;
      entry.token = token;
      entry.member = { ...entry.member, state: 'paired', lastSeenAt: now, expiresAt: now + sessionLifetimeMs };
      entry.cancelTimer = deps.schedule(sessionLifetimeMs, () => remove(entry, 'expired'));
      sessions.set(token, entry.member.id);
      changed();
      return { ok: true, token, member: entry.member };
    },

    peek(code, address) {
      const found = waitingEntry(code, address);
      if (!found.ok) return found;
      // Unlike a redeem, a look does not forgive earlier wrong codes: the holder of one waiting code
      // could otherwise look at it between guesses and never be locked out.
      const { name, role, expiresAt } = found.entry.member;
      return { ok: true, name, role, expiresAt };
    },

    session(token) {
      if (token === undefined) return { ok: false, reason: 'unknown', message: sessionMessages.unknown };
      const id = sessions.get(token);
      const entry = id === undefined ? undefined : entries.get(id);
      if (entry && deps.now() >= entry.member.expiresAt) remove(entry, 'expired');
      else if (entry) return { ok: true, memberId: entry.member.id, role: entry.member.role, name: entry.member.name };
      const reason = endedSessions.get(token)?.reason ?? 'unknown';
      return { ok: false, reason, message: sessionMessages[reason] };
    },

    connect(memberId) {
      const entry = entries.get(memberId);
      if (!entry || entry.member.state !== 'paired') return () => {};
      const touch = (delta: number) => {
        // After a revoke the entry is gone; a late close changes nothing.
        if (entries.get(memberId) !== entry) return;
        entry.member = { ...entry.member, connections: entry.member.connections + delta, lastSeenAt: deps.now() };
        changed();
      };
      touch(1);
      let open = true;
      return () => {
        if (!open) return;
        open = false;
        touch(-1);
      };
    },

    revoke(id) {
      const entry = entries.get(id);
      if (!entry) throw new RefusedError('That console or code is no longer in the list: it was already revoked or has expired.');
      remove(entry, 'revoked');
    },

    members: () => [...entries.values()].map((entry) => entry.member).sort((a, b) => a.createdAt - b.createdAt),

    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },

    onSessionEnded(listener) {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },

    onCodeGuessedOut(listener) {
      guessedListeners.add(listener);
      return () => guessedListeners.delete(listener);
    },

    close() {
      for (const entry of entries.values()) entry.cancelTimer();
      changeListeners.clear();
      endListeners.clear();
      guessedListeners.clear();
    },
  };
}
