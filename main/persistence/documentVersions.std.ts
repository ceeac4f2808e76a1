/** migrations[n] turns a version-n document into a version-(n+1) one. */
export type DocumentMigrations = Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>>;

export type UpgradeResult = { ok: true; document: Record<string, unknown>; from: number } | { ok: false; reason: string };

/** Runs the migration steps from a document's version up to `targetVersion`, in order. */
export function upgradeDocument(document: unknown, migrations: DocumentMigrations, targetVersion: number): UpgradeResult {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, reason: 'it is not a JSON object' };
  }
  let current = document as Record<string, unknown>;
  const from = current['version'];
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { ok: false, reason: 'it has no valid version number' };
  }
  if (from > targetVersion) {
    return { ok: false, reason: `it was written by a newer Shopcast (version ${from})` };
  }
  for (let version = from; version < targetVersion; version += 1) {
    const step = migrations[version];
    if (!step) return { ok: false, reason: `no migration from version ${version}` };
    current = { ...step(current), version: version + 1 };
  }
  return { ok: true, document: current, from };
}


export type ReadResult<T> = { ok: true; value: T; migratedFrom: number | null } | { ok: false; reason: string };

/** Upgrades a parsed document to `version` and checks it against `schema`, or says why it can't. */
export function readVersionedDocument<T>(
  document: unknown,
  migrations: DocumentMigrations,
  version: number,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } },
  label: string,
): ReadResult<T> {
  const upgraded = upgradeDocument(document, migrations, version);
  if (!upgraded.ok) return upgraded;
  const parsed = schema.safeParse(upgraded.document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `its ${issue.path.map(String).join('.')} is invalid` : `it does not have the expected ${label}`;
    return { ok: false, reason: `${where} (${issue?.message ?? 'unknown problem'})` };
  }
  return { ok: true, value: parsed.data, migratedFrom: upgraded.from === version ? null : upgraded.from };
}
