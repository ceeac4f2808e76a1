import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSceneCollection } from '../../contract/scenePresets.std';
import { portraitFromLandscape } from '../../contract/sceneLayout.std';
import { SCENES_VERSION, sceneCollectionSchema, type SceneCollection } from '../../contract/schemas/scene.std';
import { createLogger, type LogRecord } from '../log/logger.std';
import { openSceneStore } from './sceneStore.node';

const now = new Date('2025-03-04T05:06:07.089Z');
const keptName = 'scenes.json.unreadable-2025-03-04T05-06-07-089Z';

let dir: string;
let filePath: string;
let warnings: string[];
let records: LogRecord[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopcast-scenes-'));
  filePath = path.join(dir, 'data', 'scenes.json');
  warnings = [];
  records = [];
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function counter(prefix = 'id-'): () => string {
  let next = 0;
  return () => `${prefix}${(next += 1)}`;
}

function open() {
  return openSceneStore({
    fs,
    filePath,
    log: createLogger((record) => records.push(record)),
    now: () => now,
    warn: (message) => warnings.push(message),
    newId: counter(),
  });
}

const listData = () => fs.readdir(path.dirname(filePath));

/** The default collection with the scenes reordered, one renamed and the third active. */
function edited(): SceneCollection {
  const base = defaultSceneCollection(counter('mine-'));
  const [a, b, c, d] = base.scenes;
  if (!a || !b || !c || !d) throw new Error('four scenes');
  return { ...base, scenes: [d, { ...c, name: 'Unboxing' }, b, a], activeSceneId: c.id, testPattern: true };
}

describe('openSceneStore', () => {
  it('starts from the default collection of four preset scenes when there is no file', async () => {
    const store = await open();
    const collection = store.get();
    expect(collection).toEqual(defaultSceneCollection(counter()));
    expect(collection.scenes.map((scene) => scene.preset)).toEqual(['camera', 'productCloseUp', 'screenWithCamera', 'sideBySide']);
    expect(sceneCollectionSchema.safeParse(collection).success).toBe(true);
    expect(warnings).toEqual([]);
    expect(await listData()).toEqual([]);
  });

  it('saves a collection that a reopened store reads back', async () => {
    const store = await open();
    const collection = edited();
    expect(await store.save(collection)).toEqual(collection);
    expect(store.get()).toEqual(collection);

    const reopened = await open();
    expect(reopened.get()).toEqual(collection);
    expect(JSON.parse(await fs.readFile(filePath, 'utf8'))).toEqual(collection);
    expect(await listData()).toEqual(['scenes.json']);
    expect(warnings).toEqual([]);
  });

  it('keeps the last of several saves', async () => {
    const store = await open();
    const first = edited();
    const second = { ...edited(), testPattern: false };
    await Promise.all([store.save(first), store.save(second)]);
    expect(store.get()).toEqual(second);
    expect((await open()).get()).toEqual(second);
  });

  it('refuses to save a collection whose active scene is missing, and keeps what it had', async () => {
    const store = await open();
    const good = edited();
    await store.save(good);
    const invalid = { ...good, activeSceneId: 'missing' };
    await expect(store.save(invalid)).rejects.toThrow();
    expect(store.get()).toEqual(good);
    expect((await open()).get()).toEqual(good);
  });

  it('refuses to save duplicate scene ids', async () => {
    const store = await open();
    const base = edited();
    const [first, ...rest] = base.scenes;
    if (!first) throw new Error('scenes');
    await expect(store.save({ ...base, scenes: [first, first, ...rest] })).rejects.toThrow();
    expect(await listData()).toEqual([]);
  });

  it('sets a file that is not JSON aside, warns with the name it was kept as, and uses the defaults', async () => {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    await fs.writeFile(filePath, '{ "version": 1, "scenes": [');
    const store = await open();
    expect(store.get()).toEqual(defaultSceneCollection(counter()));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(path.join(path.dirname(filePath), keptName));
    expect(warnings[0]).toContain('scenes');
    expect((await listData()).sort()).toEqual([keptName]);
    expect(await fs.readFile(path.join(path.dirname(filePath), keptName), 'utf8')).toBe('{ "version": 1, "scenes": [');
    expect(records.some((record) => record.level === 'warn')).toBe(true);
  });

  it('sets aside a file that is JSON but not a valid collection, saying why', async () => {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    await fs.writeFile(filePath, JSON.stringify({ ...edited(), activeSceneId: 'missing' }));
    const store = await open();
    expect(store.get()).toEqual(defaultSceneCollection(counter()));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(keptName);
    expect(warnings[0]).toContain('activeSceneId');
    expect(await listData()).toEqual([keptName]);
  });

  it('opens a version 1 file, giving each source a 9:16 place, and sets nothing aside', async () => {
    const current = edited();
    const version1 = {
      ...current,
      version: 1,
      scenes: current.scenes.map((scene) => ({ ...scene, sources: scene.sources.map(({ portraitRect: _portrait, ...source }) => source) })),
    };
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    await fs.writeFile(filePath, JSON.stringify(version1));
    const store = await open();
    const loaded = store.get();
    expect(loaded.version).toBe(SCENES_VERSION);
    expect(loaded.scenes.map((scene) => scene.sources.map((source) => source.rect))).toEqual(current.scenes.map((scene) => scene.sources.map((source) => source.rect)));
    for (const scene of loaded.scenes) for (const source of scene.sources) expect(source.portraitRect).toEqual(portraitFromLandscape(source.rect));
    expect(warnings).toEqual([]);
    expect(await listData()).toEqual(['scenes.json']);
  });

  it('can save again after setting a file aside', async () => {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    await fs.writeFile(filePath, 'not json');
    const store = await open();
    await store.save(edited());
    expect((await listData()).sort()).toEqual([keptName, 'scenes.json'].sort());
    expect((await open()).get()).toEqual(edited());
  });
});
