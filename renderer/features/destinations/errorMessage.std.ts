import { ContractError } from '../../../contract/envelope.std';

/** The merchant-facing reason of a failed call: the first field's problem when the core named one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ContractError) return error.data.issues?.[0]?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
