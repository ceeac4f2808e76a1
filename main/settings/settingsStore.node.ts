import type * as fsPromises from 'node:fs/promises';
import { defaultSettings, settingsSchema, type Settings, type SettingsPatch } from '../../contract/schemas/settings.std';
import type { Logger } from '../log/logger.std';
import { openJsonDocument } from '../persistence/jsonDocumentStore.node';
import { migrateSettings, settingsMigrations, type SettingsMigrations } from './migrations.std';

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
}

export interface SettingsStoreDeps {
  fs: typeof fsPromises;
  filePath: string;
  log: Logger;
  now: () => Date;
  /** Told when the file had to be set aside, in words for the merchant. */
  warn: (message: string) => void;
  migrations?: SettingsMigrations;
}

/** The settings file: migrated on load, set aside when unreadable, written atomically. */
export async function openSettingsStore(deps: SettingsStoreDeps): Promise<SettingsStore> {
  const document = await openJsonDocument<Settings>({
    ...deps,
    label: 'settings',
    defaults: defaultSettings,
    read: (parsed) => migrateSettings(parsed, deps.migrations ?? settingsMigrations),
    validate: (value) => settingsSchema.parse(value),
  });
  return {
    get: () => document.get(),
    update: (patch) => document.update((latest) => ({ ...latest, ...patch })),
  };
}
