import { SETTINGS_VERSION, settingsSchema, type Settings } from '../../contract/schemas/settings.std';

/** migrations[n] turns a version-n document into a version-(n+1) one. */
export type SettingsMigrations = Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>>;

// Version 1 is the first on-disk format; each future schema change adds its step here.
export const settingsMigrations: SettingsMigrations = {};

export type UpgradeResult = { ok: true; document: Record<string, unknown>; from: number } | { ok: false; reason: string };

/** Runs the migration steps from a document's version up to `targetVersion`, in order. */
export function upgradeDocument(document: unknown, migrations: SettingsMigrations, targetVersion: number): UpgradeResult {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, reason: 'it is not a settings object' };
  }
  let current = document as Record<string, unknown>;
  const from = current['version'];
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { ok: false, reason: 'it has no valid version number' };
  }
  if (from > targetVersion) {
    return { ok: false, reason: `it was written by a newer Shopcast (settings version ${from})` };
  }
  for (let version = from; version < targetVersion; version += 1) {
    const step = migrations[version];
    if (!step) return { ok: false, reason: `no migration from settings version ${version}` };
    current = { ...step(current), version: version + 1 };
  }
  return { ok: true, document: current, from };
}

export type MigrationResult = { ok: true; settings: Settings; migratedFrom: number | null } | { ok: false; reason: string };

/** Brings a parsed settings document up to the current version and checks it, or says why it can't. */
export function migrateSettings(document: unknown, migrations: SettingsMigrations = settingsMigrations): MigrationResult {
  const upgraded = upgradeDocument(document, migrations, SETTINGS_VERSION);
  if (!upgraded.ok) return upgraded;
  const parsed = settingsSchema.safeParse(upgraded.document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `its ${issue.path.join('.')} is invalid` : 'it does not have the expected settings';
    return { ok: false, reason: `${where} (${issue?.message ?? 'unknown problem'})` };
  }
  return { ok: true, settings: parsed.data, migratedFrom: upgraded.from === SETTINGS_VERSION ? null : upgraded.from };
}
