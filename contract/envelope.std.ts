import { z } from 'zod';

// Every failure that crosses a boundary has one of these codes, so callers can branch on it
// without parsing messages.
export const contractErrorCodes = [
  'malformed', // not JSON, or not a request frame
  'unknown-channel',
  'invalid-payload',
  'forbidden', // the sender may not call this channel
  'failed', // the handler refused, with a message meant for the user
  'internal', // a bug: logged with its stack, answered without it
] as const;
export type ContractErrorCode = (typeof contractErrorCodes)[number];

export const contractErrorSchema = z.object({
  code: z.enum(contractErrorCodes),
  message: z.string(),
  channel: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ContractErrorData = z.infer<typeof contractErrorSchema>;

export class ContractError extends Error {
  readonly code: ContractErrorCode;
  readonly data: ContractErrorData;
  constructor(data: ContractErrorData) {
    super(data.message);
    this.name = 'ContractError';
    this.code = data.code;
    this.data = data;
  }
}

/** A handler throws this to refuse a call with a message the merchant can act on. */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ContractErrorData };

// The WebSocket bridge's frames. Electron IPC carries the same outcome without the id.
export const requestFrameSchema = z
  .object({ id: z.number().int().nonnegative(), channel: z.string().max(100), payload: z.unknown() })
  .strict();
export type RequestFrame = z.infer<typeof requestFrameSchema>;

export const responseFrameSchema = z.union([
  z.object({ id: z.number().nullable(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number().nullable(), ok: z.literal(false), error: contractErrorSchema }),
]);
export type ResponseFrame = z.infer<typeof responseFrameSchema>;

export const eventFrameSchema = z.object({ event: z.string(), payload: z.unknown() });
export type EventFrame = z.infer<typeof eventFrameSchema>;

export function issuesOf(error: z.ZodError): NonNullable<ContractErrorData['issues']> {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
