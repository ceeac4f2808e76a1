import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultAudioSettings, defaultSettings, SETTINGS_VERSION, type Settings } from '../../contract/schemas/settings.std';
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

function open(fileSystem: typeof fs = fs) {
  return openSettingsStore({
    fs: fileSystem,
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

  it('replaces the live panel settings whole, and refuses half of them', async () => {
    const store = await open();
    const livePanel = { ...defaultSettings.livePanel, blockedWords: ['微信'], purchaseToast: false };
    expect((await store.update({ livePanel })).livePanel).toEqual(livePanel);
    expect(await readDisk()).toMatchObject({ version: SETTINGS_VERSION, livePanel });
    await expect(store.update({ livePanel: { purchaseToast: true } } as unknown as Settings)).rejects.toThrow();
    expect(store.get().livePanel).toEqual(livePanel);
  });

  it('replaces the audio settings whole', async () => {
    const store = await open();
    const audio = { ...defaultAudioSettings, microphoneId: 'usb-mic', microphoneGain: 0.5, microphoneMuted: true };
    expect((await store.update({ audio })).audio).toEqual(audio);
    expect(await readDisk()).toMatchObject({ version: SETTINGS_VERSION, audio });
    const halfAudio = { audio: { microphoneGain: 1.5 } } as unknown as Settings;
    await expect(store.update(halfAudio)).rejects.toThrow();
    expect(store.get().audio).toEqual(audio);
  });

  it('migrates a version 1 file on open and rewrites it atomically as version 3', async () => {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    const v1 = { version: 1, lastSceneId: 'scene-7', outputProfile: 'vertical720x1280', panelTab: 'products' };
    await fs.writeFile(filePath, `${JSON.stringify(v1, null, 2)}\n`, { mode: 0o644 });
    // Records what the store does to the disk, to see the temp file → fsync → rename sequence.
    const steps: string[] = [];
    const name = (target: unknown) => path.basename(String(target));
    const recording = {
      ...fs,
      open: async (...args: Parameters<typeof fs.open>) => {
        steps.push(`open ${name(args[0])}`);
        const handle = await fs.open(...args);
        const sync = handle.sync.bind(handle);
        handle.sync = async () => {
          steps.push(`sync ${name(args[0])}`);
          return sync();
        };
        return handle;
      },
      rename: async (from: Parameters<typeof fs.rename>[0], to: Parameters<typeof fs.rename>[1]) => {
        steps.push(`rename ${name(from)} → ${name(to)}`);
        return fs.rename(from, to);
      },
    } as typeof fs;

    const store = await open(recording);

    const expected: Settings = { ...defaultSettings, lastSceneId: 'scene-7', outputProfile: 'vertical720x1280', panelTab: 'products', audio: defaultAudioSettings };
    expect(store.get()).toEqual(expected);
    const temporary = `settings.json.${process.pid}.tmp`;
    expect(steps).toEqual([`open ${temporary}`, `sync ${temporary}`, `rename ${temporary} → settings.json`]);
    expect(await fs.readFile(filePath, 'utf8')).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect((await fs.stat(filePath)).mode & 0o777).toBe(0o600);
    expect(await listData()).toEqual(['settings.json']);
    expect(warnings).toEqual([]);
    expect(records.find((record) => record.message === 'settings migrated')).toMatchObject({ level: 'info', fields: { from: 1 } });

    // Opening the rewritten file needs no migration.
    steps.length = 0;
    expect((await open(recording)).get()).toEqual(expected);
    expect(steps).toEqual([]);
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
      ['a newer version', JSON.stringify({ ...defaultSettings, version: SETTINGS_VERSION + 1 }), new RegExp(`written by a newer Shopcast \\(version ${SETTINGS_VERSION + 1}\\)`)],
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
