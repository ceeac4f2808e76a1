import type * as fsPromises from 'node:fs/promises';
import path from 'node:path';
import { defaultSettings, settingsSchema, type Settings, type SettingsPatch } from '../../contract/schemas/settings.std';
import type { Logger } from '../log/logger.std';
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

/**
 * Loads the settings file (migrating it, or setting a bad one aside) and writes every change
 * atomically: a crash mid-write leaves the old file or the new one, never half of each.
 */
export async function openSettingsStore(deps: SettingsStoreDeps): Promise<SettingsStore> {
  const { fs, filePath, log } = deps;
  await fs.mkdir(path.dirname(filePath), { recursive: true });
  let settings = await load();
  let writing: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Settings> {
    let text: string;
    try {
      text = await fs.readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultSettings;
      throw error;
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return setAside('it is not valid JSON');
    }
    const result = migrateSettings(document, deps.migrations ?? settingsMigrations);
    if (!result.ok) return setAside(result.reason);
    if (result.migratedFrom !== null) {
      log.info('settings migrated', { from: result.migratedFrom, to: result.settings.version });
      await write(result.settings);
    }
    return result.settings;
  }

  async function setAside(reason: string): Promise<Settings> {
    const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
    const keptAs = `${filePath}.unreadable-${stamp}`;
    await fs.rename(filePath, keptAs);
    log.warn('settings file set aside', { reason, keptAs });
    deps.warn(`Your settings could not be read (${reason}). The file was kept as ${keptAs} and default settings are in use.`);
    return defaultSettings;
  }

  async function write(next: Settings): Promise<void> {
    const temporary = `${filePath}.${process.pid}.tmp`;
    const handle = await fs.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(next, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, filePath);
  }

  // `latest` includes updates still being written, so concurrent updates build on each other;
  // `settings` only moves once the file holds it, so get() never claims what the disk doesn't.
  let latest = settings;
  return {
    get: () => settings,
    async update(patch) {
      const next = settingsSchema.parse({ ...latest, ...patch });
      latest = next;
      // Writes go one at a time, in call order, so the file always ends as the last update.
      const written = writing.then(() => write(next));
      writing = written.catch(() => undefined);
      try {
        await written;
      } catch (error) {
        latest = settings;
        throw error;
      }
      settings = next;
      return next;
    },
  };
}
