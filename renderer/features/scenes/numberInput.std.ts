import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';
import type { Checked } from './sourceValidation.std';

// Numbers typed in the properties editor. Bounds here are the form's; the contract's schema has
// the last word (see checkSource). Shared by the scenes form and the products form: each problem is
// one whole sentence in the merchant's language around the field's name (`label`, already translated).

export interface NumberRule {
  /** The field's name as the sentence's subject, in the merchant's language ("The stock", "库存"). */
  label: string;
  min?: number;
  max?: number;
  integer?: boolean;
}

export function parseNumber(text: string, rule: NumberRule, { t }: Pick<StudioTranslator, 't'>): Checked<number> {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  const field = rule.label;
  if (!Number.isFinite(value)) return { ok: false, message: t('number.notNumber', { field }) };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, message: t('number.notWhole', { field }) };
  // The bound as typed (no thousands separator): it is what the merchant compares with the field.
  if (rule.min !== undefined && value < rule.min) return { ok: false, message: t('number.min', { field, min: String(rule.min) }) };
  if (rule.max !== undefined && value > rule.max) return { ok: false, message: t('number.max', { field, max: String(rule.max) }) };
  return { ok: true, value };
}

/** Empty means "not tracked" (stock) or "none" (countdown). */
export function parseOptionalNumber(text: string, rule: NumberRule, translator: Pick<StudioTranslator, 't'>): Checked<number | null> {
  return text.trim() === '' ? { ok: true, value: null } : parseNumber(text, rule, translator);
}

/** 0.2567 → "25.67": a rect's fraction as the per cent the form shows. */
export function fractionToPercent(fraction: number): string {
  return String(Math.round(fraction * 10_000) / 100);
}

export function parsePercent(text: string, rule: NumberRule, translator: Pick<StudioTranslator, 't'>): Checked<number> {
  const parsed = parseNumber(text.replace(/%\s*$/, ''), rule, translator);
  return parsed.ok ? { ok: true, value: Math.round(parsed.value * 100) / 10_000 } : parsed;
}
