import { z } from 'zod';
import { commentMessageSchema, orderMessageSchema, roomLimits, type CommentMessage, type OrderMessage } from '../../contract/room/roomMessages.std';

// The forms check what they send with the room's own schemas, so a refusal for a bad field is
// shown beside that field before anything leaves the phone. What is wrong is said as a problem
// (not the schema's English): the page says it in the viewer's language.

/** Stands in for the clientId the room client adds when it sends. */
const PLACEHOLDER_CLIENT_ID = 'validate-only';

export type FieldProblem = { kind: 'empty' } | { kind: 'too-long'; max: number } | { kind: 'too-many'; max: number } | { kind: 'invalid' } | { kind: 'contact-or-note' };

export type FieldErrors<Field extends string> = Partial<Record<Field, FieldProblem>>;

export type Checked<T, Field extends string> = { ok: true; message: T } | { ok: false; errors: FieldErrors<Field> };

/** The room's limit on each field, in characters as it counts them (or units, for quantity). */
const fieldLimits: Record<CommentField | OrderField, number> = {
  name: roomLimits.nameChars,
  buyerName: roomLimits.nameChars,
  text: roomLimits.commentChars,
  contact: roomLimits.contactChars,
  note: roomLimits.noteChars,
  quantity: roomLimits.maxQuantity,
  variant: 64,
};

/** Why the schema refused `value` for `field`. */
function problemOf(field: CommentField | OrderField, value: unknown): FieldProblem {
  const max = fieldLimits[field];
  if (typeof value === 'number') return value > max ? { kind: 'too-many', max } : { kind: 'invalid' };
  if (typeof value !== 'string') return { kind: 'invalid' };
  if (value === '') return { kind: 'empty' };
  return charCount(value) > max ? { kind: 'too-long', max } : { kind: 'invalid' };
}

function fieldErrors<Field extends CommentField | OrderField>(error: z.ZodError, candidate: Partial<Record<Field, unknown>>, fields: readonly Field[], fallback: Field): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  for (const issue of error.issues) {
    const key = issue.path[0];
    const field = fields.find((name) => name === key) ?? fallback;
    errors[field] ??= problemOf(field, candidate[field]);
  }
  return errors;
}

/** Characters as the room counts them (code points). */
export function charCount(text: string): number {
  return [...text].length;
}

export type CommentField = 'name' | 'text';
export type CommentDraft = Record<CommentField, string>;

export function checkComment(draft: CommentDraft): Checked<Omit<CommentMessage, 'clientId'>, CommentField> {
  const candidate = { type: 'comment' as const, clientId: PLACEHOLDER_CLIENT_ID, name: draft.name.trim(), text: draft.text.trim() };
  const parsed = commentMessageSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, candidate, ['name', 'text'], 'text') };
  const { clientId: _clientId, ...message } = parsed.data;
  return { ok: true, message };
}

export type OrderField = 'variant' | 'quantity' | 'buyerName' | 'contact' | 'note';
export interface OrderDraft {
  productId: string;
  /** The size or colour chosen; null when none is (yet). */
  variantId?: string | null;
  /** Whether the product has variants: then one must be chosen. */
  hasVariants?: boolean;
  quantity: number;
  buyerName: string;
  contact: string;
  note: string;
}

export function checkOrder(draft: OrderDraft): Checked<Omit<OrderMessage, 'clientId'>, OrderField> {
  const contact = draft.contact.trim();
  const note = draft.note.trim();
  const candidate = {
    type: 'order' as const,
    clientId: PLACEHOLDER_CLIENT_ID,
    productId: draft.productId,
    ...(draft.hasVariants && draft.variantId ? { variantId: draft.variantId } : {}),
    quantity: draft.quantity,
    buyerName: draft.buyerName.trim(),
    ...(contact ? { contact } : {}),
    ...(note ? { note } : {}),
  };
  const parsed = orderMessageSchema.safeParse(candidate);
  const errors: FieldErrors<OrderField> = parsed.success ? {} : fieldErrors(parsed.error, candidate, ['quantity', 'buyerName', 'contact', 'note'], 'note');
  if (draft.hasVariants && !draft.variantId) errors.variant = { kind: 'empty' };
  if (!contact && !note) errors.contact ??= { kind: 'contact-or-note' };
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const { clientId: _clientId, ...message } = parsed.data;
  return { ok: true, message };
}

/** The stepper's ceiling: the stock left (when tracked) and the room's limit, at least 1. */
export function maxQuantity(stock: number | null): number {
  return Math.max(1, Math.min(stock ?? roomLimits.maxQuantity, roomLimits.maxQuantity));
}

export function clampQuantity(quantity: number, stock: number | null): number {
  if (!Number.isFinite(quantity)) return 1;
  return Math.min(maxQuantity(stock), Math.max(1, Math.trunc(quantity)));
}
