import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of eslint.config.mjs (eslint.layers.mjs; docs/ARCHITECTURE.md, "Layers"), run
// through ESLint's own API on snippets at virtual paths: each rule fires where it should, and an
// allowed import passes.

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });

/** `ruleId:messageId` of each problem found in `code` as if it were the file at `filePath`. */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages.map((message) => `${message.ruleId ?? 'fatal'}:${message.messageId ?? message.message}`);
}

const importing = (spec: string) => `import { thing } from '${spec}';\nexport const used = thing;\n`;
const typeImporting = (spec: string) => `import type { Thing } from '${spec}';\nexport type Used = Thing;\n`;

describe('which folder may import which', { timeout: 60_000 }, () => {
  it('refuses a kernel importing a capability or a root', async () => {
    expect(await problems('main/kernel/example.node.ts', importing('../live/liveController.node'))).toEqual(['shopcast/layers:upward']);
    expect(await problems('main/http/example.node.ts', importing('../core/createCore.node'))).toEqual(['shopcast/layers:upward']);
    expect(await problems('main/ffmpeg/example.node.ts', typeImporting('../replay/showLibrary.node'))).toEqual(['shopcast/layers:upward']);
  });

  it('refuses a capability importing a root', async () => {
    expect(await problems('main/live/example.node.ts', importing('../core/createCore.node'))).toEqual(['shopcast/layers:upward']);
    expect(await problems('main/staff/example.node.ts', importing('../studio/studioServer.node'))).toEqual(['shopcast/layers:upward']);
    expect(await problems('main/replay/example.node.ts', importing('../electron/app.main'))).toEqual(['shopcast/layers:upward']);
  });

  it('allows imports down the layers and within one', async () => {
    expect(await problems('main/http/example.node.ts', importing('../kernel/dispatcher.std'))).toEqual([]);
    expect(await problems('main/live/example.node.ts', importing('../ffmpeg/showRepair.node'))).toEqual([]);
    expect(await problems('main/replay/example.node.ts', importing('../../contract/schemas/replay.std'))).toEqual([]);
    expect(await problems('main/panel/example.node.ts', importing('../products/catalogueStore.node'))).toEqual([]);
    expect(await problems('main/core/example.node.ts', importing('../live/liveController.node'))).toEqual([]);
    expect(await problems('main/example.node.ts', importing('./core/createCore.node'))).toEqual([]);
    expect(await problems('main/electron/example.main.ts', importing('../studio/studioServer.node'))).toEqual([]);
  });

  it('lets a test compose the real core, but holds a kernel test to the kernel’s layer', async () => {
    expect(await problems('main/panel/example.test.ts', importing('../core/createCore.node'))).toEqual([]);
    expect(await problems('main/kernel/example.test.ts', importing('../room/liveRoomInfo.node'))).toEqual(['shopcast/layers:upward']);
  });

  it('keeps contract/ free of main/ and renderer/, and renderer/ free of main/', async () => {
    expect(await problems('contract/example.std.ts', typeImporting('../main/kernel/dispatcher.std'))).toEqual(['shopcast/layers:contract']);
    expect(await problems('contract/example.std.ts', importing('../renderer/store/studioStore.std'))).toEqual(['shopcast/layers:contract']);
    expect(await problems('renderer/example.dom.ts', importing('../main/kernel/eventHub.std'))).toEqual(['shopcast/layers:renderer']);
    expect(await problems('renderer/example.dom.ts', importing('../contract/api.std'))).toEqual([]);
  });

  it('keeps the renderer’s language kernel free of the pages that use it, and asks for a layer for a new folder of renderer/', async () => {
    expect(await problems('renderer/i18n/example.std.ts', typeImporting('../viewer/i18n/messages.en.std'))).toEqual(['shopcast/layers:rendererKernel']);
    expect(await problems('renderer/i18n/example.dom.tsx', importing('../app/studioContext.dom'))).toEqual(['shopcast/layers:rendererKernel']);
    expect(await problems('renderer/viewer/example.dom.tsx', importing('../i18n/i18nContext.dom'))).toEqual([]);
    expect(await problems('renderer/app/i18n/example.std.ts', importing('../../i18n/translate.std'))).toEqual([]);
    expect(await problems('renderer/gadgets/example.dom.ts', 'export const a = 1;\n')).toEqual(['shopcast/layers:rendererUnknown']);
  });

  it('keeps test kits and benches out of shipped code, not out of tests', async () => {
    expect(await problems('main/room/example.node.ts', importing('../../testing/roomTestKit.node'))).toEqual(['shopcast/layers:testKit']);
    expect(await problems('main/live/example.node.ts', importing('../../bench/stats.std'))).toEqual(['shopcast/layers:testKit']);
    expect(await problems('main/room/example.test.ts', importing('../../testing/roomTestKit.node'))).toEqual([]);
  });

  it('keeps the room out of the core: the core imports nothing from main/room/ or main/sfu/', async () => {
    expect(await problems('main/live/example.node.ts', typeImporting('../sfu/showSfuTypes.std'))).toEqual(['shopcast/layers:room']);
    expect(await problems('main/core/example.node.ts', importing('../room/roomServer.node'))).toEqual(['shopcast/layers:room']);
    expect(await problems('main/staff/example.node.ts', importing('../room/lanAddress.node'))).toEqual(['shopcast/layers:room']);
    // The room's own folders, its entries and tests that start a room as a peer may.
    expect(await problems('main/room/example.node.ts', importing('../sfu/showSfu.node'))).toEqual([]);
    expect(await problems('main/room.node.ts', importing('./room/roomHost.node'))).toEqual([]);
    expect(await problems('main/panel/example.test.ts', importing('../room/roomServer.node'))).toEqual([]);
  });

  it('asks for a layer for a new folder of main/', async () => {
    expect(await problems('main/gadgets/example.node.ts', 'export const a = 1;\n')).toEqual(['shopcast/layers:unknown']);
  });
});

describe('what a .std.ts file may use', { timeout: 60_000 }, () => {
  it('refuses Node built-ins, type imports included', async () => {
    expect(await problems('main/products/example.std.ts', importing('node:fs/promises'))).toEqual(['shopcast/std-imports:builtin']);
    expect(await problems('main/products/example.std.ts', "import path from 'path';\nexport const join = path.join;\n")).toEqual(['shopcast/std-imports:builtin']);
    expect(await problems('main/products/example.std.ts', typeImporting('node:stream'))).toEqual(['shopcast/std-imports:builtin']);
  });

  it('refuses a run-time import of a .node, .dom or .main file, not a type import', async () => {
    expect(await problems('main/live/example.std.ts', importing('../ffmpeg/ffmpegLocator.node'))).toEqual(['shopcast/std-imports:runtime']);
    expect(await problems('renderer/example.std.ts', importing('./media/mediaTransport.dom'))).toEqual(['shopcast/std-imports:runtime']);
    expect(await problems('main/live/example.std.ts', typeImporting('../ffmpeg/ffmpegLocator.node'))).toEqual([]);
    expect(await problems('main/live/example.std.ts', "import { type Thing } from '../ffmpeg/ffmpegLocator.node';\nexport type Used = Thing;\n")).toEqual([]);
    expect(await problems('main/live/example.std.ts', importing('../ffmpeg/ffmpegArgs.std'))).toEqual([]);
  });

  it('refuses the browser page’s and Node’s globals, not a local of the same name', async () => {
    expect(await problems('renderer/example.std.ts', 'export const width = () => window.innerWidth;\n')).toEqual(['no-restricted-globals:customMessage']);
    expect(await problems('contract/example.std.ts', 'export const title = () => document.title;\n')).toEqual(['no-restricted-globals:customMessage']);
    expect(await problems('main/live/example.std.ts', "export const home = () => process.env['HOME'];\n")).toEqual(['no-restricted-globals:customMessage']);
    expect(await problems('main/live/example.std.ts', 'export const size = (text: string) => Buffer.byteLength(text);\n')).toEqual(['no-restricted-globals:customMessage']);
    expect(await problems('main/live/example.std.ts', 'export const title = (document: { title: string }) => document.title;\n')).toEqual([]);
    expect(await problems('renderer/example.dom.ts', 'export const width = () => window.innerWidth;\n')).toEqual([]);
  });

  it('still keeps Node built-ins out of every renderer and contract file', async () => {
    expect(await problems('renderer/example.dom.ts', importing('node:fs'))).toEqual(['no-restricted-imports:patternWithCustomMessage']);
  });
});
