import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../contract/schemas/settings.std';
import { createLogger, type LogRecord } from '../log/logger.std';
import { openSettingsStore } from './settingsStore.node';

const now = new Date('2025-03-04T05:06:07.089Z');
const keptName = 'settings.json.unreadable-2025-03-04T05-06-07-089Z';

let dir: string;
let filePath: string;
let warnings: string[];
let records: LogRecord[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopcast-settings-'));
  // A folder that does not exist yet: the store creates it.
  filePath = path.join(dir, 'data', 'settings.json');
  warnings = [];
  records = [];
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function open() {
  return openSettingsStore({
    fs,
    filePath,
    log: createLogger((record) => records.push(record)),
    now: () => now,
    warn: (message) => warnings.push(message),
  });
}

const readDisk = async (): Promise<unknown> => JSON.parse(await fs.readFile(filePath, 'utf8'));
const listData = () => fs.readdir(path.dirname(filePath));

describe('openSettingsStore', () => {
  it('uses the defaults when there is no file, and writes nothing', async () => {
    const store = await open();
    expect(store.get()).toEqual(defaultSettings);
    expect(await listData()).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('persists an update so that a reopened store reads it back', async () => {
    const store = await open();
    const next = await store.update({ outputProfile: '1080p30', lastSceneId: 'scene-2' });
    const expected: Settings = { ...defaultSettings, outputProfile: '1080p30', lastSceneId: 'scene-2' };
    expect(next).toEqual(expected);
    expect(store.get()).toEqual(expected);

    const reopened = await open();
    expect(reopened.get()).toEqual(expected);
  });

  it('writes pretty JSON ending in a newline, readable only by the user, with no temporary file left', async () => {
    const store = await open();
    await store.update({ panelTab: 'products' });
    const text = await fs.readFile(filePath, 'utf8');
    expect(text).toBe(`${JSON.stringify({ ...defaultSettings, panelTab: 'products' }, null, 2)}\n`);
    expect(await listData()).toEqual(['settings.json']);
    expect((await fs.stat(filePath)).mode & 0o777).toBe(0o600);
  });

  it('ends with the last of several concurrent updates on disk', async () => {
    const store = await open();
    const results = await Promise.all([
      store.update({ panelTab: 'orders' }),
      store.update({ panelTab: 'products' }),
      store.update({ outputProfile: 'vertical720x1280' }),
    ]);
    const last: Settings = { ...defaultSettings, panelTab: 'products', outputProfile: 'vertical720x1280' };
    expect(results.at(-1)).toEqual(last);
    expect(await readDisk()).toEqual(last);
    expect(await listData()).toEqual(['settings.json']);
  });

  it('refuses an invalid patch without touching the file', async () => {
    const store = await open();
    await store.update({ panelTab: 'orders' });
    const invalid = { panelTab: 'shipping' } as unknown as Settings;
    await expect(store.update(invalid)).rejects.toThrow();
    expect(store.get().panelTab).toBe('orders');
    expect(await readDisk()).toMatchObject({ panelTab: 'orders' });
  });

  it('keeps get() equal to the file when a write fails', async () => {
    const store = await open();
    await store.update({ panelTab: 'orders' });
    // A directory where the temporary file must go makes the next write fail.
    await fs.mkdir(`${filePath}.${process.pid}.tmp`);
    await expect(store.update({ panelTab: 'products' })).rejects.toThrow();
    expect(store.get().panelTab).toBe('orders');
    expect(await readDisk()).toMatchObject({ panelTab: 'orders' });
  });

  describe('sets an unreadable file aside and starts from the defaults', () => {
    const cases: [string, string, RegExp][] = [
      ['invalid JSON', '{"version": 1,', /it is not valid JSON/],
      [
        'a schema-invalid document',
        JSON.stringify({ ...defaultSettings, outputProfile: '8k' }),
        /its outputProfile is invalid/,
      ],
      ['a newer version', JSON.stringify({ ...defaultSettings, version: 2 }), /written by a newer Shopcast \(version 2\)/],
    ];

    it.each(cases)('%s', async (_name, content, reason) => {
      await fs.mkdir(path.dirname(filePath), { recursive: true });
      await fs.writeFile(filePath, content);

      const store = await open();

      expect(store.get()).toEqual(defaultSettings);
      expect(await listData()).toEqual([keptName]);
      expect(await fs.readFile(path.join(path.dirname(filePath), keptName), 'utf8')).toBe(content);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(reason);
      expect(warnings[0]).toContain(`The file was kept as ${filePath}.unreadable-2025-03-04T05-06-07-089Z`);
      expect(records.find((record) => record.level === 'warn')?.message).toBe('settings file set aside');

      // The next change writes a fresh file next to the kept one.
      await store.update({ panelTab: 'orders' });
      expect((await listData()).sort()).toEqual(['settings.json', keptName]);
    });
  });

  it('fails to open when the settings path cannot be read for another reason', async () => {
    await fs.mkdir(filePath, { recursive: true });
    await expect(open()).rejects.toMatchObject({ code: 'EISDIR' });
    expect(warnings).toEqual([]);
  });
});
