import type * as fsPromises from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log/logger.std';
import type { ReadResult } from './documentVersions.std';

export interface JsonDocumentStore<T> {
  get(): T;
  /** Applies `change` to the latest value (including updates still being written) and writes it. */
  update(change: (latest: T) => T): Promise<T>;
}

/** What every store over one JSON document is given: its file, and how to tell the merchant it had to be set aside. */
export interface DocumentFileDeps {
  fs: typeof fsPromises;
  filePath: string;
  log: Logger;
  now: () => Date;
  /** Told when the file had to be set aside, in words for the merchant. */
  warn: (message: string) => void;
}

/** A store that names what it adds (scenes, destinations, products). */
export interface NamingDocumentFileDeps extends DocumentFileDeps {
  newId: () => string;
}

export interface JsonDocumentDeps<T> extends DocumentFileDeps {
  /** What the document is, for messages: "settings", "scenes". */
  label: string;
  defaults: T;
  /** Migrates and validates a parsed document. */
  read: (document: unknown) => ReadResult<T>;
  /** Validates a value before it is written; throws on an invalid one. */
  validate: (value: T) => T;
}

/**
 * One JSON file on disk: loaded (migrated, or set aside when unreadable, never a crash) and
 * written atomically, so a crash mid-write leaves the old file or the new one, never half of each.
 */
export async function openJsonDocument<T>(deps: JsonDocumentDeps<T>): Promise<JsonDocumentStore<T>> {
  const { fs, filePath, log } = deps;
  await fs.mkdir(path.dirname(filePath), { recursive: true });
  let committed: T = await load();
  // `latest` includes updates still being written, so concurrent updates build on each other;
  // `committed` only moves once the file holds it, so get() never claims what the disk doesn't.
  let latest = committed;
  let writing: Promise<unknown> = Promise.resolve();

  async function load(): Promise<T> {
    let text: string;
    try {
      text = await fs.readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return deps.defaults;
      throw error;
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return setAside('it is not valid JSON');
    }
    const result = deps.read(document);
    if (!result.ok) return setAside(result.reason);
    if (result.migratedFrom !== null) {
      log.info(`${deps.label} migrated`, { from: result.migratedFrom });
      await write(result.value);
    }
    return result.value;
  }

  async function setAside(reason: string): Promise<T> {
    const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
    const keptAs = `${filePath}.unreadable-${stamp}`;
    await fs.rename(filePath, keptAs);
    log.warn(`${deps.label} file set aside`, { reason, keptAs });
    deps.warn(`Your ${deps.label} could not be read (${reason}). The file was kept as ${keptAs} and default ${deps.label} are in use.`);
    return deps.defaults;
  }

  async function write(next: T): Promise<void> {
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

  return {
    get: () => committed,
    async update(change) {
      const next = deps.validate(change(latest));
      latest = next;
      // Writes go one at a time, in call order, so the file always ends as the last update.
      const written = writing.then(() => write(next));
      writing = written.catch(() => undefined);
      try {
        await written;
      } catch (error) {
        latest = committed;
        throw error;
      }
      committed = next;
      return next;
    },
  };
}
