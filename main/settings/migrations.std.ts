import { SETTINGS_VERSION, settingsSchema, type Settings } from '../../contract/schemas/settings.std';
import { readVersionedDocument, type DocumentMigrations, type ReadResult } from '../persistence/documentVersions.std';

export type SettingsMigrations = DocumentMigrations;

// Version 1 is the first on-disk format; each future schema change adds its step here.
export const settingsMigrations: SettingsMigrations = {};

/** Brings a parsed settings document up to the current version and checks it, or says why it can't. */
export function migrateSettings(document: unknown, migrations: SettingsMigrations = settingsMigrations): ReadResult<Settings> {
  return readVersionedDocument(document, migrations, SETTINGS_VERSION, settingsSchema, 'settings');
}
