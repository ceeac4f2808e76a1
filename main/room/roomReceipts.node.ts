import type { AckFrame } from '../../contract/room/roomEvents.std';

// The first answer to a message already committed, by its sender and clientId (see docs/
// ROOM-PROTOCOL.md, *Idempotency*). A viewer's comments and orders share one clientId space, so a
// receipt is only the answer to a message of the kind it was given for: a comment's clientId reused
// for an order used to be answered `ok` with the comment's id though no order existed (issue 14).
// Such a reuse is refused instead; the receipt's kind is that of the event its ack names (a
// comment's ack names its `comment` event, an order's its `order` event), so no column is added.

export type ReceiptKind = 'comment' | 'order' | 'action';

/** The answer a stored receipt gives a message of `kind` with its clientId (null: no receipt). */
export function receiptAnswer(found: { ack: string; eventKind: string | null } | null, clientId: string, kind: ReceiptKind): AckFrame | null {
  if (!found) return null;
  const ack = JSON.parse(found.ack) as AckFrame;
  // Actions are the studios' own clientId space ('studio' is never a viewer id), and an action's ack names no event of its own.
  if (kind === 'action' || !ack.ok || ack.seq === null) return ack;
  const given = found.eventKind;
  if (given === null || given === kind) return ack;
  const article = /^[aeiou]/.test(given) ? 'an' : 'a';
  return { type: 'ack', clientId, ok: false, code: 'invalid', message: `clientId: ${clientId} was already used for ${article} ${given}; send a new clientId for each message.` };
}
