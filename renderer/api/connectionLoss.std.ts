// How the browser studio's API socket ended. The core closes a staff console's socket with 4001
// when its pairing is revoked or its session expires, and says why in the close reason; any other
// close is the core going away (stopped, crashed, network).

/** The WebSocket close code the core uses to end a session on purpose (revoked, expired). */
export const SESSION_ENDED_CLOSE_CODE = 4001;

export interface ConnectionLoss {
  /** true: the core ended this session; reconnecting would not help. */
  refused: boolean;
  /** The core's own sentence, when it gave one. */
  reason: string | null;
}

export function connectionLossOf(code: number, reason: string): ConnectionLoss {
  const text = reason.trim();
  if (code === SESSION_ENDED_CLOSE_CODE) return { refused: true, reason: text || 'This console was disconnected by the host.' };
  return { refused: false, reason: text || null };
}
