// The contract's colours are #rrggbb or #rrggbbaa; <input type=color> knows only #rrggbb, so the
// alpha is kept apart and edited as an opacity.

export interface SplitColour {
  /** #rrggbb, lower case. */
  rgb: string;
  /** 0–1. */
  alpha: number;
}

export function splitColour(colour: string): SplitColour {
  const match = /^#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$/.exec(colour);
  if (!match) return { rgb: '#000000', alpha: 1 };
  const alpha = match[2] === undefined ? 1 : parseInt(match[2], 16) / 255;
  return { rgb: `#${(match[1] ?? '000000').toLowerCase()}`, alpha };
}

export function joinColour(rgb: string, alpha: number): string {
  const base = /^#[0-9a-fA-F]{6}$/.test(rgb) ? rgb.toLowerCase() : '#000000';
  const clamped = Math.min(1, Math.max(0, alpha));
  if (clamped >= 1) return base;
  return `${base}${Math.round(clamped * 255).toString(16).padStart(2, '0')}`;
}
