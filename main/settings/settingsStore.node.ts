import { defaultSettings, settingsSchema, type Settings, type SettingsPatch } from '../../contract/schemas/settings.std';
import { openJsonDocument, type DocumentFileDeps } from '../persistence/jsonDocumentStore.node';
import { migrateSettings, settingsMigrations, type SettingsMigrations } from './migrations.std';

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
}

export interface SettingsStoreDeps extends DocumentFileDeps {
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
