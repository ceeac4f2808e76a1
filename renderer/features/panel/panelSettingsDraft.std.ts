import { livePanelSettingsSchema, type LivePanelSettings } from '../../../contract/schemas/settings.std';
import type { StudioTranslator } from '../../app/i18n/studioTranslator.std';
import type { Checked } from '../scenes/sourceValidation.std';

// The panel settings form edits word lists as text, one entry per line, so a list of a hundred
// words is one textarea rather than a hundred inputs.

export interface PanelSettingsDraft {
  blockedWords: string;
  flaggedSuperlatives: string;
  claimsEnabled: boolean;
  claimKeywords: string;
  orderSound: boolean;
  purchaseToast: boolean;
  quickReplies: string;
}

export function linesOf(text: string): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || seen.has(trimmed)) continue;
    seen.add(trimmed);
    lines.push(trimmed);
  }
  return lines;
}

export function draftOfPanelSettings(settings: LivePanelSettings): PanelSettingsDraft {
  return {
    blockedWords: settings.blockedWords.join('\n'),
    flaggedSuperlatives: settings.flaggedSuperlatives.join('\n'),
    claimsEnabled: settings.claimsEnabled,
    claimKeywords: settings.claimKeywords.join('\n'),
    orderSound: settings.orderSound,
    purchaseToast: settings.purchaseToast,
    quickReplies: settings.quickReplies.join('\n'),
  };
}

export function panelSettingsOf(draft: PanelSettingsDraft, { t }: StudioTranslator): Checked<LivePanelSettings> {
  const parsed = livePanelSettingsSchema.safeParse({
    blockedWords: linesOf(draft.blockedWords),
    flaggedSuperlatives: linesOf(draft.flaggedSuperlatives),
    claimsEnabled: draft.claimsEnabled,
    claimKeywords: linesOf(draft.claimKeywords),
    orderSound: draft.orderSound,
    purchaseToast: draft.purchaseToast,
    quickReplies: linesOf(draft.quickReplies),
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  // The schema's own sentence (the contract's words); without one, the form's own in the merchant's language.
  return { ok: false, message: issue?.message ?? t('settings.invalid') };
}
