import { defaultAudioSettings, defaultLivePanelSettings, SETTINGS_VERSION, settingsSchema, type Settings } from '../../contract/schemas/settings.std';
import { readVersionedDocument, type DocumentMigrations, type ReadResult } from '../persistence/documentVersions.std';

export type SettingsMigrations = DocumentMigrations;

// Version 1 is the first on-disk format; each schema change adds its step here. A step only
// fills in what the older version lacked: the schema check after the last step validates the rest.
export const settingsMigrations: SettingsMigrations = {
  // Version 2 added the audio mixer's settings.
  1: (v1) => ({ ...v1, audio: { ...defaultAudioSettings } }),
  // Version 3 added the live panel's word lists, comment-to-claim, order sound and quick replies.
  2: (v2) => ({ ...v2, livePanel: structuredClone(defaultLivePanelSettings) }),
  // Version 4 made the studio's own room a destination the merchant can switch off; it was always on.
  3: (v3) => ({ ...v3, liveRoomEnabled: true }),
};

/** Brings a parsed settings document up to the current version and checks it, or says why it can't. */
export function migrateSettings(document: unknown, migrations: SettingsMigrations = settingsMigrations): ReadResult<Settings> {
  return readVersionedDocument(document, migrations, SETTINGS_VERSION, settingsSchema, 'settings');
}
