import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DESTINATIONS, type DestinationInput } from '../../contract/schemas/destination.std';
import { createDispatcher, type RequestHandlers, type Sender } from '../kernel/dispatcher.std';
import { createLogger, type LogRecord } from '../log/logger.std';
import { openDestinationStore } from './destinationStore.node';
import { openSecretBox } from './secretBox.node';

const YOUTUBE_KEY = 'abcd-efgh-ijkl-mnop-qrst';
const DOUYIN_KEY = 'stream-7312345678901234567?expire=1760000000&sign=0123456789abcdef';
const now = new Date('2026-11-25T10:00:00.000Z');

let dir: string;
let records: LogRecord[];
let warnings: string[];
let ids: number;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopcast-destinations-'));
  records = [];
  warnings = [];
  ids = 0;
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const filePath = () => path.join(dir, 'destinations.json');
const log = () => createLogger((record) => records.push(record));

function open() {
  return openDestinationStore({
    fs,
    filePath: filePath(),
    log: log().child('destinations'),
    now: () => now,
    warn: (message) => warnings.push(message),
    newId: () => `dest-${(ids += 1)}`,
    secrets: openSecretBox({ fs, keyPath: path.join(dir, 'secret.key'), log: log().child('secrets') }),
  });
}

const youtube: DestinationInput = { platform: 'youtube', name: 'Main channel', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', enabled: true, streamKey: YOUTUBE_KEY };
const douyin: DestinationInput = { platform: 'douyin', name: '抖音店', serverUrl: 'rtmp://push-rtmp-l1.douyincdn.com/third/', enabled: false, streamKey: DOUYIN_KEY };

describe('openDestinationStore', () => {
  it('starts empty and writes nothing until a destination is saved', async () => {
    const store = await open();
    expect(store.list()).toEqual([]);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('saves destinations with their keys encrypted, lists them without keys, and reads them back', async () => {
    const store = await open();
    const saved = await store.save(youtube);
    expect(saved).toEqual({ id: 'dest-1', platform: 'youtube', name: 'Main channel', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', enabled: true, hasKey: true });
    await store.save(douyin);
    expect(store.list().map((destination) => [destination.name, destination.hasKey, destination.enabled])).toEqual([
      ['Main channel', true, true],
      ['抖音店', true, false],
    ]);
    expect(JSON.stringify(store.list())).not.toMatch(/abcd-efgh|stream-7312/);

    const onDisk = await fs.readFile(filePath(), 'utf8');
    expect(onDisk).not.toContain(YOUTUBE_KEY);
    expect(onDisk).not.toContain('stream-7312345678901234567');
    expect(JSON.parse(onDisk)).toMatchObject({ version: 1, destinations: [{ id: 'dest-1', sealedKey: expect.stringMatching(/^v1\./) }, { id: 'dest-2' }] });
    expect((await fs.stat(filePath())).mode & 0o777).toBe(0o600);
    expect((await fs.readdir(dir)).sort()).toEqual(['destinations.json', 'secret.key']);

    const reopened = await open();
    expect(reopened.list()).toEqual(store.list());
    expect(await reopened.streamUrl('dest-1')).toBe(`rtmp://a.rtmp.youtube.com/live2/${YOUTUBE_KEY}`);
    // One slash between server and key, whatever the merchant pasted.
    expect(await reopened.streamUrl('dest-2')).toBe(`rtmp://push-rtmp-l1.douyincdn.com/third/${DOUYIN_KEY}`);
  });

  it('keeps the key when an edit leaves it out, forgets it on null, and replaces it on a new one', async () => {
    const store = await open();
    await store.save(youtube);
    const renamed = await store.save({ id: 'dest-1', platform: 'youtube', name: 'Second channel', serverUrl: 'rtmps://a.rtmps.youtube.com:443/live2', enabled: false });
    expect(renamed).toMatchObject({ name: 'Second channel', enabled: false, hasKey: true });
    expect(await store.streamUrl('dest-1')).toBe(`rtmps://a.rtmps.youtube.com:443/live2/${YOUTUBE_KEY}`);

    await store.save({ ...youtube, id: 'dest-1', streamKey: '  new-key-1234  ' });
    expect(await store.streamUrl('dest-1')).toBe('rtmp://a.rtmp.youtube.com/live2/new-key-1234');

    expect(await store.save({ ...youtube, id: 'dest-1', streamKey: null })).toMatchObject({ hasKey: false });
    await expect(store.streamUrl('dest-1')).rejects.toThrow('YouTube “Main channel” has no stream key yet: add it under Destinations.');
    expect(store.list()).toHaveLength(1);
  });

  it('pushes a custom server without a key to its URL as given', async () => {
    const store = await open();
    const custom = await store.save({ platform: 'custom', name: 'Office nginx', serverUrl: 'rtmp://192.168.1.20:1935/live/shop', enabled: true });
    expect(custom.hasKey).toBe(false);
    expect(await store.streamUrl(custom.id)).toBe('rtmp://192.168.1.20:1935/live/shop');
  });

  it('refuses invalid destinations with plain messages that never quote the key', async () => {
    const store = await open();
    const refusals: [DestinationInput, RegExp][] = [
      [{ ...youtube, serverUrl: 'http://a.rtmp.youtube.com/live2' }, /must start with rtmp:\/\/ or rtmps:\/\//],
      [{ ...youtube, serverUrl: `rtmp://a.rtmp.youtube.com/live2/${YOUTUBE_KEY}` }, /whole push address with the stream key in it.*up to …\/live2/],
      [{ ...douyin, serverUrl: `rtmp://push-rtmp-l1.douyincdn.com/third?${DOUYIN_KEY.split('?')[1]}` }, /stream key in it/],
      [{ ...youtube, streamKey: `${YOUTUBE_KEY} extra` }, /must not contain spaces/],
      [{ ...youtube, streamKey: `rtmp://a.rtmp.youtube.com/live2/${YOUTUBE_KEY}` }, /an address, not a stream key/],
      [{ ...youtube, name: '   ' }, /Give the destination a name/],
    ];
    for (const [input, message] of refusals) {
      const refusal = store.save(input);
      await expect(refusal).rejects.toThrow(message);
      await expect(refusal).rejects.not.toThrow(/abcd-efgh|stream-7312|sign=/);
    }
    await expect(store.save({ ...youtube, id: 'gone' })).rejects.toThrow(/was removed/);
    expect(store.list()).toEqual([]);
  });

  it(`keeps at most ${MAX_DESTINATIONS} destinations`, async () => {
    const store = await open();
    for (let index = 0; index < MAX_DESTINATIONS; index += 1) await store.save({ ...youtube, name: `Channel ${index}` });
    await expect(store.save(youtube)).rejects.toThrow(`Shopcast keeps up to ${MAX_DESTINATIONS} destinations`);
  });

  it('removes a destination together with its sealed key', async () => {
    const store = await open();
    await store.save(youtube);
    await store.save(douyin);
    expect((await store.remove('dest-1')).map((destination) => destination.id)).toEqual(['dest-2']);
    expect(await fs.readFile(filePath(), 'utf8')).not.toContain('dest-1');
    await expect(store.streamUrl('dest-1')).rejects.toThrow('That destination no longer exists.');
    expect(await store.remove('dest-1')).toHaveLength(1);
  });

  it('refuses a key whose ciphertext was changed on disk, or moved to another destination', async () => {
    const first = await open();
    await first.save(youtube);
    await first.save(douyin);
    const document = JSON.parse(await fs.readFile(filePath(), 'utf8')) as { destinations: { sealedKey: string }[] };
    const [a, b] = document.destinations;
    if (!a || !b) throw new Error('two destinations expected');
    const sealedA = a.sealedKey;
    a.sealedKey = b.sealedKey; // Douyin's key sealed for dest-2, now under dest-1
    b.sealedKey = sealedA.replace(/\.([A-Za-z0-9_-])/, (_match, char: string) => `.${char === 'A' ? 'B' : 'A'}`);
    await fs.writeFile(filePath(), JSON.stringify(document));

    const store = await open();
    expect(store.list().map((destination) => destination.hasKey)).toEqual([true, true]);
    await expect(store.streamUrl('dest-1')).rejects.toThrow(/The stream key of YouTube “Main channel” could not be read \(.*refused.*\) Enter it again under Destinations\./);
    await expect(store.streamUrl('dest-2')).rejects.toThrow(/could not be read/);
    // A new key makes it usable again.
    await store.save({ ...youtube, id: 'dest-1', streamKey: 'fresh-key' });
    expect(await store.streamUrl('dest-1')).toBe('rtmp://a.rtmp.youtube.com/live2/fresh-key');
  });

  it('sets an unreadable file aside and starts empty', async () => {
    await fs.writeFile(filePath(), '{"version": 1, "destinations": [');
    const store = await open();
    expect(store.list()).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Your destinations could not be read \(it is not valid JSON\)/);
  });
});

describe('stream keys and the log', () => {
  it('never hands a key to the logger, through the dispatcher and the store, on success or failure', async () => {
    const store = await open();
    const sender: Sender = { transport: 'websocket', id: 'test-window', role: 'host', name: 'Host' };
    const handlers = {
      getDestinations: () => store.list(),
      saveDestination: (input) => store.save(input),
      removeDestination: ({ id }) => store.remove(id),
    } satisfies Partial<RequestHandlers>;
    const dispatch = createDispatcher(handlers as unknown as RequestHandlers, log().child('dispatch'));

    const saved = await dispatch('saveDestination', youtube, sender);
    expect(saved).toMatchObject({ ok: true, value: { hasKey: true } });
    expect(await dispatch('saveDestination', douyin, sender)).toMatchObject({ ok: true });
    // Refused at the boundary: a key pasted into the server URL, a key with a space, an unknown field.
    expect(await dispatch('saveDestination', { ...youtube, serverUrl: `rtmp://a.rtmp.youtube.com/live2/${YOUTUBE_KEY}` }, sender)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await dispatch('saveDestination', { ...douyin, streamKey: `${DOUYIN_KEY} ` + DOUYIN_KEY }, sender)).toMatchObject({ ok: false });
    expect(await dispatch('saveDestination', { ...youtube, secret: YOUTUBE_KEY }, sender)).toMatchObject({ ok: false });
    expect(await dispatch('saveDestination', { ...youtube, id: 'gone' }, sender)).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(await dispatch('getDestinations', {}, sender)).toMatchObject({ ok: true, value: [{ hasKey: true }, { hasKey: true }] });
    expect(await store.streamUrl('dest-1')).toContain(YOUTUBE_KEY);
    await store.save({ ...youtube, id: 'dest-1', streamKey: null });
    await expect(store.streamUrl('dest-1')).rejects.toThrow();
    expect(await dispatch('removeDestination', { id: 'dest-2' }, sender)).toMatchObject({ ok: true });

    expect(records.length).toBeGreaterThan(5);
    const logged = JSON.stringify(records);
    for (const fragment of [YOUTUBE_KEY, 'abcd-efgh', 'stream-7312345678901234567', 'sign=0123456789abcdef']) {
      expect(logged).not.toContain(fragment);
    }
  });
});
