import { describe, expect, it } from 'vitest';
import { defaultLivePanelSettings } from '../../../contract/schemas/settings.std';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { draftOfPanelSettings, linesOf, panelSettingsOf as settingsOf, type PanelSettingsDraft } from './panelSettingsDraft.std';

const panelSettingsOf = (draft: PanelSettingsDraft) => settingsOf(draft, createStudioTranslator('en'));

describe('panel settings draft', () => {
  it('round-trips the settings', () => {
    expect(panelSettingsOf(draftOfPanelSettings(defaultLivePanelSettings))).toEqual({ ok: true, value: defaultLivePanelSettings });
  });

  it('reads one entry a line, trimmed, without blanks or repeats', () => {
    expect(linesOf(' a \r\n\nb\na\n')).toEqual(['a', 'b']);
  });

  it('needs a claim word', () => {
    expect(panelSettingsOf({ ...draftOfPanelSettings(defaultLivePanelSettings), claimKeywords: '\n' })).toMatchObject({ ok: false, message: 'At least one claim word is needed.' });
  });
});
