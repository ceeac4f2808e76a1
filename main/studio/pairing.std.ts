export type PairingCheck = { ok: true; sessionId: string } | { ok: false; reason: 'unknown' | 'used' };

export interface Pairing {
  /** A new one-time pairing token (printed in the studio URL). */
  issueToken(): string;
  /** Trades a token for a session, once. */
  redeem(token: string): PairingCheck;
  isSession(sessionId: string | undefined): sessionId is string;
}

/**
 * One-time pairing: the token in the printed URL becomes an HttpOnly session cookie on first use
 * and is then spent, so a URL that leaks from a terminal or a screenshot later opens nothing.
 */
export function createPairing(randomToken: () => string): Pairing {
  const unused = new Set<string>();
  const spent = new Set<string>();
  const sessions = new Set<string>();
  return {
    issueToken() {
      const token = randomToken();
      unused.add(token);
      return token;
    },
    redeem(token) {
      if (unused.delete(token)) {
        spent.add(token);
        const sessionId = randomToken();
        sessions.add(sessionId);
        return { ok: true, sessionId };
      }
      return { ok: false, reason: spent.has(token) ? 'used' : 'unknown' };
    },
    isSession: (sessionId): sessionId is string => sessionId !== undefined && sessions.has(sessionId),
  };
}
