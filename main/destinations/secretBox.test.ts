import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../log/logger.std';
import { openSecretBox, SecretBoxError, type KeyWrapping } from './secretBox.node';

let dir: string;
let keyPath: string;
let records: LogRecord[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopcast-secrets-'));
  keyPath = path.join(dir, 'data', 'secret.key');
  records = [];
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const open = (wrapping?: KeyWrapping, file = keyPath) =>
  openSecretBox({ fs, keyPath: file, log: createLogger((record) => records.push(record)), ...(wrapping ? { wrapping } : {}) });

/** Changes one character of a sealed value's part (0 format, 1 nonce, 2 tag, 3 ciphertext). */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const text = parts[part] ?? '';
  parts[part] = `${text.startsWith('A') ? 'B' : 'A'}${text.slice(1)}`;
  return parts.join('.');
}

describe('openSecretBox', () => {
  it('creates a private 32-byte key file on first use, not before', async () => {
    const box = open();
    await expect(fs.stat(keyPath)).rejects.toMatchObject({ code: 'ENOENT' });
    await box.encrypt('live_123', 'dest-1');
    const stat = await fs.stat(keyPath);
    expect(stat.size).toBe(32);
    expect(stat.mode & 0o777).toBe(0o600);
    expect(await fs.readdir(path.dirname(keyPath))).toEqual(['secret.key']);
    expect(records.map((record) => record.message)).toEqual(['secret key file created']);
  });

  it('round-trips a string, with a fresh nonce each time, and a reopened box reads it', async () => {
    const box = open();
    const secret = 'stream-987?expire=1700000000&sign=abcdef 直播';
    const first = await box.encrypt(secret, 'dest-1');
    const second = await box.encrypt(secret, 'dest-1');
    expect(first).not.toBe(second);
    expect(first).not.toContain('stream-987');
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await box.decrypt(first, 'dest-1')).toBe(secret);
    expect(await open().decrypt(second, 'dest-1')).toBe(secret);
  });

  it.each([
    ['the ciphertext', 3],
    ['the tag', 2],
    ['the nonce', 1],
  ])('refuses a tampered value (%s changed) with a clear error', async (_name, part) => {
    const box = open();
    const sealed = await box.encrypt('live_123_secret', 'dest-1');
    const changed = tamper(sealed, part);
    expect(changed).not.toBe(sealed);
    await expect(box.decrypt(changed, 'dest-1')).rejects.toThrow(SecretBoxError);
    await expect(box.decrypt(changed, 'dest-1')).rejects.toThrow(/changed, damaged or sealed with another key file, so it was refused|damaged/);
  });

  it('refuses a value moved to another context, a malformed one, and one sealed under another key file', async () => {
    const box = open();
    const sealed = await box.encrypt('live_123_secret', 'dest-1');
    await expect(box.decrypt(sealed, 'dest-2')).rejects.toThrow(/was refused/);
    await expect(box.decrypt('not-a-secret', 'dest-1')).rejects.toThrow(/not in the expected format/);
    await expect(box.decrypt(`${sealed}.extra`, 'dest-1')).rejects.toThrow(/not in the expected format/);
    await expect(box.decrypt(sealed.replace(/^v1/, 'v9'), 'dest-1')).rejects.toThrow(/not in the expected format/);
    const other = open(undefined, path.join(dir, 'other', 'secret.key'));
    await expect(other.decrypt(sealed, 'dest-1')).rejects.toThrow(/another key file/);
  });

  it('gives two boxes that create the key at the same moment one key', async () => {
    const [a, b] = [open(), open()];
    const [fromA, fromB] = await Promise.all([a.encrypt('one', 'x'), b.encrypt('two', 'x')]);
    expect(await b.decrypt(fromA, 'x')).toBe('one');
    expect(await a.decrypt(fromB, 'x')).toBe('two');
    expect(await fs.readdir(path.dirname(keyPath))).toEqual(['secret.key']);
  });

  it('makes a key file that others could read private again', async () => {
    const sealed = await open().encrypt('live_1', 'x');
    await fs.chmod(keyPath, 0o644);
    expect(await open().decrypt(sealed, 'x')).toBe('live_1');
    expect((await fs.stat(keyPath)).mode & 0o777).toBe(0o600);
    expect(records.some((record) => record.level === 'warn' && /made private/.test(record.message))).toBe(true);
  });

  it('says a damaged key file is damaged instead of replacing it', async () => {
    await fs.mkdir(path.dirname(keyPath), { recursive: true });
    await fs.writeFile(keyPath, Buffer.alloc(7), { mode: 0o600 });
    await expect(open().encrypt('live_1', 'x')).rejects.toThrow(/secret key file .* is damaged/);
    expect((await fs.readFile(keyPath)).length).toBe(7);
  });

  it('stores the key through the wrapping port (where Electron safeStorage plugs in)', async () => {
    const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
    const wrapping: KeyWrapping = { wrap: (key) => Buffer.concat([Buffer.from('wrapped:'), xor(key)]), unwrap: (stored) => xor(stored.subarray(8)) };
    const sealed = await open(wrapping).encrypt('live_1', 'x');
    expect((await fs.readFile(keyPath)).subarray(0, 8).toString()).toBe('wrapped:');
    expect(await open(wrapping).decrypt(sealed, 'x')).toBe('live_1');
    // The same file read without the wrapping is not a valid key.
    await expect(open().decrypt(sealed, 'x')).rejects.toThrow(SecretBoxError);
  });
});
