import { describe, expect, it } from 'vitest';
import { defaultAudioSettings, defaultSettings, SETTINGS_VERSION, type Settings } from '../../contract/schemas/settings.std';
import { upgradeDocument } from '../persistence/documentVersions.std';
import { migrateSettings, settingsMigrations, type SettingsMigrations } from './migrations.std';

const v1 = { version: 1, lastSceneId: 'scene-1', outputProfile: '1080p30', panelTab: 'orders' };
const v2: Settings = {
  version: 2,
  lastSceneId: 'scene-1',
  outputProfile: '1080p30',
  panelTab: 'orders',
  audio: { ...defaultAudioSettings, microphoneId: 'usb-mic', microphoneGain: 1.5, echoCancellation: false },
};

describe('migrateSettings', () => {
  it('accepts a current document as it is, without a migration', () => {
    expect(SETTINGS_VERSION).toBe(2);
    expect(migrateSettings(v2)).toEqual({ ok: true, value: v2, migratedFrom: null });
    expect(migrateSettings(defaultSettings, settingsMigrations)).toEqual({ ok: true, value: defaultSettings, migratedFrom: null });
  });

  it('brings a version 1 document to version 2 with the default audio settings, keeping the rest', () => {
    expect(migrateSettings(v1)).toEqual({ ok: true, value: { ...v1, version: 2, audio: defaultAudioSettings }, migratedFrom: 1 });
    expect(defaultAudioSettings).toMatchObject({ microphoneId: null, microphoneGain: 1, echoCancellation: true, noiseSuppression: true, systemAudio: false });
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
      expect(migrateSettings({ ...v2, version })).toEqual({ ok: false, reason: 'it has no valid version number' });
    }
  });

  it('refuses a document written by a newer Shopcast', () => {
    expect(migrateSettings({ ...v2, version: 3 })).toEqual({
      ok: false,
      reason: 'it was written by a newer Shopcast (version 3)',
    });
  });

  it('names the first invalid field of a current document', () => {
    const result = migrateSettings({ ...v2, outputProfile: '8k' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/^its outputProfile is invalid \(.+\)$/);
  });

  it('names an invalid audio setting by its path', () => {
    for (const [audio, field] of [
      [{ ...v2.audio, microphoneGain: 3 }, 'microphoneGain'],
      [{ ...v2.audio, systemAudioGain: -0.1 }, 'systemAudioGain'],
      [{ ...v2.audio, microphoneMuted: 'yes' }, 'microphoneMuted'],
    ] as const) {
      const result = migrateSettings({ ...v2, audio });
      expect(result.ok ? '' : result.reason).toMatch(new RegExp(`^its audio\\.${field} is invalid`));
    }
    const { noiseSuppression: _dropped, ...missing } = v2.audio;
    expect(migrateSettings({ ...v2, audio: missing })).toMatchObject({ ok: false, reason: expect.stringMatching(/^its audio\.noiseSuppression is invalid/) });
  });

  it('says plainly when the document has a setting this version does not know', () => {
    expect(migrateSettings({ ...v2, extra: true })).toEqual({
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
