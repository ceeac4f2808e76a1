import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStaticFile, type StaticFile } from './staticFiles.node';

// <dir>/secret and <dir>/renderer-old sit next to the served folder <dir>/renderer, so a traversal
// would reach them.
let dir: string;
let root: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-static-'));
  root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>studio</title>');
  await writeFile(path.join(root, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  await writeFile(path.join(root, 'my file.svg'), '<svg/>');
  await writeFile(path.join(root, 'notes.xyz'), 'x');
  await writeFile(path.join(dir, 'secret'), 'do not serve');
  await mkdir(path.join(dir, 'renderer-old'));
  await writeFile(path.join(dir, 'renderer-old', 'app.js'), 'stale');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function body(file: StaticFile): string {
  if (file.status !== 200) throw new Error('expected a file');
  return file.body.toString('utf8');
}

describe('readStaticFile', () => {
  it('serves index.html for /', async () => {
    const file = await readStaticFile(root, '/');
    expect(file).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8', immutable: false });
    expect(body(file)).toContain('<title>studio</title>');
  });

  it('serves hashed assets as immutable, with their content type', async () => {
    const file = await readStaticFile(root, '/assets/app-1a2b3c.js');
    expect(file).toMatchObject({ status: 200, contentType: 'text/javascript; charset=utf-8', immutable: true });
    expect(body(file)).toBe('console.log(1)');
  });

  it('decodes percent-encoded names and falls back to octet-stream for unknown types', async () => {
    expect(await readStaticFile(root, '/my%20file.svg')).toMatchObject({ status: 200, contentType: 'image/svg+xml' });
    expect(await readStaticFile(root, '/notes.xyz')).toMatchObject({ status: 200, contentType: 'application/octet-stream' });
  });

  it.each([
    ['a plain traversal', '/../secret'],
    ['an encoded traversal', '/%2e%2e%2fsecret'],
    ['a traversal behind a double slash', '//..%2fsecret'],
    ['a sibling folder whose name starts with the root folder\'s', '/../renderer-old/app.js'],
    ['an absolute path', '/%2Fetc%2Fpasswd'],
  ])('refuses %s', async (_name, urlPath) => {
    expect(await readStaticFile(root, urlPath)).toEqual({ status: 404 });
  });

  it('refuses bad percent-encoding', async () => {
    expect(await readStaticFile(root, '/%E0%A4%A')).toEqual({ status: 404 });
    expect(await readStaticFile(root, '/%')).toEqual({ status: 404 });
  });

  it('answers 404 for a missing file, a folder and the root folder itself', async () => {
    expect(await readStaticFile(root, '/missing.js')).toEqual({ status: 404 });
    expect(await readStaticFile(root, '/assets')).toEqual({ status: 404 });
    expect(await readStaticFile(root, '')).toEqual({ status: 404 });
  });
});
