import { ContractError } from '../../../contract/envelope.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';

/**
 * The merchant-facing reason of a failed call: by the contract's error code where the code says
 * it all; else the first field's problem the core named, else its own sentence (a refusal, free
 * text with no code, stays as the core wrote it).
 */
export function errorMessage(error: unknown, { t }: StudioTranslator): string {
  if (error instanceof ContractError) {
    switch (error.code) {
      case 'forbidden':
        return t('error.forbidden');
      case 'internal':
        return t('error.internal');
      case 'malformed':
      case 'unknown-channel':
      case 'invalid-payload':
        return error.data.issues?.[0]?.message ?? t('error.invalid');
      case 'failed':
        return error.data.issues?.[0]?.message ?? error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
