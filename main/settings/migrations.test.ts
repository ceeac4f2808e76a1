import { describe, expect, it } from 'vitest';
import { defaultAudioSettings, defaultLivePanelSettings, defaultSettings, SETTINGS_VERSION, type Settings } from '../../contract/schemas/settings.std';
import { upgradeDocument } from '../persistence/documentVersions.std';
import { migrateSettings, settingsMigrations, type SettingsMigrations } from './migrations.std';

const v1 = { version: 1, lastSceneId: 'scene-1', outputProfile: '1080p30', panelTab: 'orders' };
const v2 = {
  version: 2,
  lastSceneId: 'scene-1',
  outputProfile: '1080p30',
  panelTab: 'orders',
  audio: { ...defaultAudioSettings, microphoneId: 'usb-mic', microphoneGain: 1.5, echoCancellation: false },
} as const;
const v3 = {
  ...v2,
  version: 3,
  livePanel: { ...defaultLivePanelSettings, blockedWords: ['微信'], claimKeywords: ['要'], purchaseToast: false },
};
const v4: Settings = { ...v3, version: 4, liveRoomEnabled: false };

describe('migrateSettings', () => {
  it('accepts a current document as it is, without a migration', () => {
    expect(SETTINGS_VERSION).toBe(4);
    expect(migrateSettings(v4)).toEqual({ ok: true, value: v4, migratedFrom: null });
    expect(migrateSettings(defaultSettings, settingsMigrations)).toEqual({ ok: true, value: defaultSettings, migratedFrom: null });
  });

  it('brings a version 1 document to version 4 with the default audio and live panel settings and the live room on, keeping the rest', () => {
    expect(migrateSettings(v1)).toEqual({ ok: true, value: { ...v1, version: 4, audio: defaultAudioSettings, livePanel: defaultLivePanelSettings, liveRoomEnabled: true }, migratedFrom: 1 });
    expect(defaultAudioSettings).toMatchObject({ microphoneId: null, microphoneGain: 1, echoCancellation: true, noiseSuppression: true, systemAudio: false });
  });

  it('brings a version 2 document to version 4 with the default live panel settings: superlatives flagged, claims on, toasts on', () => {
    const result = migrateSettings(v2);
    expect(result).toEqual({ ok: true, value: { ...v2, version: 4, livePanel: defaultLivePanelSettings, liveRoomEnabled: true }, migratedFrom: 2 });
    expect(result.ok && result.value.livePanel).toMatchObject({ blockedWords: [], claimsEnabled: true, purchaseToast: true, claimKeywords: ['+1', 'SOLD', '要'] });
    expect(result.ok && result.value.livePanel.flaggedSuperlatives).toContain('最');
    // A copy, not the defaults themselves: changing one show's words does not change the defaults.
    expect(result.ok && result.value.livePanel).not.toBe(defaultLivePanelSettings);
    expect(result.ok && result.value.livePanel.flaggedSuperlatives).not.toBe(defaultLivePanelSettings.flaggedSuperlatives);
  });

  it('brings a version 3 document to version 4 with the live room on, as it always was', () => {
    expect(migrateSettings(v3)).toEqual({ ok: true, value: { ...v3, version: 4, liveRoomEnabled: true }, migratedFrom: 3 });
  });

  it('names an invalid live panel setting by its path', () => {
    for (const [livePanel, field] of [
      [{ ...v4.livePanel, claimKeywords: [] }, 'claimKeywords'],
      [{ ...v4.livePanel, blockedWords: ['  '] }, 'blockedWords.0'],
      [{ ...v4.livePanel, blockedWords: ['x'.repeat(41)] }, 'blockedWords.0'],
      [{ ...v4.livePanel, orderSound: 'loud' }, 'orderSound'],
    ] as const) {
      const result = migrateSettings({ ...v4, livePanel });
      expect(result.ok ? '' : result.reason).toMatch(new RegExp(`^its livePanel\\.${field.replace('.', '\\.')} is invalid`));
    }
  });

  it('still checks the rest of a migrated version 1 document', () => {
    const result = migrateSettings({ ...v1, panelTab: 'shipping' });
    expect(result.ok ? '' : result.reason).toMatch(/^its panelTab is invalid/);
    expect(migrateSettings({ ...v1, extra: true })).toMatchObject({ ok: false, reason: expect.stringContaining('Unrecognized key: "extra"') });
  });

  it('refuses something that is not a JSON object', () => {
    for (const document of [null, [], 'settings', 3]) {
      expect(migrateSettings(document)).toEqual({ ok: false, reason: 'it is not a JSON object' });
    }
  });

  it('refuses a document without a valid version number', () => {
    for (const version of [undefined, 0, 1.5, '1']) {
      expect(migrateSettings({ ...v4, version })).toEqual({ ok: false, reason: 'it has no valid version number' });
    }
  });

  it('refuses a document written by a newer Shopcast', () => {
    expect(migrateSettings({ ...v4, version: 5 })).toEqual({
      ok: false,
      reason: 'it was written by a newer Shopcast (version 5)',
    });
  });

  it('names the first invalid field of a current document', () => {
    const result = migrateSettings({ ...v4, outputProfile: '8k' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/^its outputProfile is invalid \(.+\)$/);
  });

  it('names an invalid audio setting by its path', () => {
    for (const [audio, field] of [
      [{ ...v4.audio, microphoneGain: 3 }, 'microphoneGain'],
      [{ ...v4.audio, systemAudioGain: -0.1 }, 'systemAudioGain'],
      [{ ...v4.audio, microphoneMuted: 'yes' }, 'microphoneMuted'],
    ] as const) {
      const result = migrateSettings({ ...v4, audio });
      expect(result.ok ? '' : result.reason).toMatch(new RegExp(`^its audio\\.${field} is invalid`));
    }
    const { noiseSuppression: _dropped, ...missing } = v4.audio;
    expect(migrateSettings({ ...v4, audio: missing })).toMatchObject({ ok: false, reason: expect.stringMatching(/^its audio\.noiseSuppression is invalid/) });
  });

  it('says plainly when the document has a setting this version does not know', () => {
    expect(migrateSettings({ ...v4, extra: true })).toEqual({
      ok: false,
      reason: 'it does not have the expected settings (Unrecognized key: "extra")',
    });
  });
});

describe('upgradeDocument', () => {
  it('runs each step in order, bumping the version after each one', () => {
    const seen: Record<string, unknown>[] = [];
    const migrations: SettingsMigrations = {
      1: (document) => {
        seen.push(document);
        return { ...document, renamed: document['panelTab'], version: 'the step need not set it' };
      },
      2: (document) => {
        seen.push(document);
        return document;
      },
    };
    expect(upgradeDocument(v1, migrations, 3)).toEqual({ ok: true, from: 1, document: { ...v1, renamed: 'orders', version: 3 } });
    expect(seen).toEqual([v1, { ...v1, renamed: 'orders', version: 2 }]);
  });

  it('leaves a document already at the target version untouched', () => {
    expect(upgradeDocument(v1, {}, 1)).toEqual({ ok: true, from: 1, document: v1 });
  });

  it('reports the version that has no migration step', () => {
    expect(upgradeDocument(v1, {}, 2)).toEqual({ ok: false, reason: 'no migration from version 1' });
    expect(upgradeDocument(v1, { 1: (document) => document }, 3)).toEqual({
      ok: false,
      reason: 'no migration from version 2',
    });
  });
});
