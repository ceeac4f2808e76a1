import { SETTINGS_VERSION, settingsSchema, type Settings } from '../../contract/schemas/settings.std';
import { issuesOf } from '../../contract/envelope.std';

/** migrations[n] turns a version-n document into a version-(n+1) one. */
export type SettingsMigrations = Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>>;

// Version 1 is the first on-disk format; each future schema change adds its step here.
export const settingsMigrations: SettingsMigrations = {};

export type MigrationResult = { ok: true; settings: Settings; migratedFrom: number | null } | { ok: false; reason: string };

/** Brings a parsed settings document up to the current version, or says why it can't. */
export function migrateSettings(
  document: unknown,
  migrations: SettingsMigrations = settingsMigrations,
  currentVersion: number = SETTINGS_VERSION,
): MigrationResult {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, reason: 'it is not a settings object' };
  }
  let current = document as Record<string, unknown>;
  const startVersion = current['version'];
  if (typeof startVersion !== 'number' || !Number.isInteger(startVersion) || startVersion < 1) {
    return { ok: false, reason: 'it has no valid version number' };
  }
  if (startVersion > currentVersion) {
    return { ok: false, reason: `it was written by a newer Shopcast (settings version ${startVersion})` };
  }
  for (let version = startVersion; version < currentVersion; version += 1) {
    const step = migrations[version];
    if (!step) return { ok: false, reason: `no migration from settings version ${version}` };
    current = { ...step(current), version: version + 1 };
  }
  const parsed = settingsSchema.safeParse(current);
  if (!parsed.success) {
    const first = issuesOf(parsed.error)[0];
    return { ok: false, reason: `its ${first?.path ?? 'content'} is invalid (${first?.message ?? 'unknown'})` };
  }
  return { ok: true, settings: parsed.data, migratedFrom: startVersion === currentVersion ? null : startVersion };
}
