import type { Checked } from './sourceValidation.std';

// Numbers typed in the properties editor. Bounds here are the form's; the contract's schema has
// the last word (see checkSource).

export interface NumberRule {
  label: string;
  min?: number;
  max?: number;
  integer?: boolean;
}

export function parseNumber(text: string, rule: NumberRule): Checked<number> {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: `${rule.label} must be a number.` };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, message: `${rule.label} must be a whole number.` };
  if (rule.min !== undefined && value < rule.min) return { ok: false, message: `${rule.label} must be at least ${rule.min}.` };
  if (rule.max !== undefined && value > rule.max) return { ok: false, message: `${rule.label} must be at most ${rule.max}.` };
  return { ok: true, value };
}

/** Empty means "not tracked" (stock) or "none" (countdown). */
export function parseOptionalNumber(text: string, rule: NumberRule): Checked<number | null> {
  return text.trim() === '' ? { ok: true, value: null } : parseNumber(text, rule);
}

/** 0.2567 → "25.67": a rect's fraction as the per cent the form shows. */
export function fractionToPercent(fraction: number): string {
  return String(Math.round(fraction * 10_000) / 100);
}

export function parsePercent(text: string, rule: NumberRule): Checked<number> {
  const parsed = parseNumber(text.replace(/%\s*$/, ''), rule);
  return parsed.ok ? { ok: true, value: Math.round(parsed.value * 100) / 10_000 } : parsed;
}
