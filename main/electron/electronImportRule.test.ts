import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own eslint.config.mjs, run as `npx eslint .` runs it from the project root.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

const runtimeImport = "import { app } from 'electron';\nexport const a = app;\n";

describe('the electron import rule', { timeout: 60_000 }, () => {
  it('refuses a run-time electron import outside the Electron edge', async () => {
    expect(await ruleIds(runtimeImport, 'main/core/example.ts')).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('allows it in main/electron/*.main.ts', async () => {
    expect(await ruleIds(runtimeImport, 'main/electron/example.main.ts')).toEqual([]);
  });

  it('allows it in preload/*.preload.ts', async () => {
    expect(await ruleIds(runtimeImport, 'preload/example.preload.ts')).toEqual([]);
  });

  it('refuses it in main/electron files that are not *.main.ts', async () => {
    expect(await ruleIds(runtimeImport, 'main/electron/example.ts')).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('allows a type-only import anywhere', async () => {
    expect(await ruleIds("import type { App } from 'electron';\nexport type A = App;\n", 'main/core/example.ts')).toEqual([]);
  });

  it('refuses a dynamic import and a require of electron outside the edge', async () => {
    expect(await ruleIds("export const load = () => import('electron');\n", 'main/core/example.ts')).toContain('no-restricted-syntax');
    expect(await ruleIds("export const load = () => require('electron');\n", 'main/core/example.ts')).toContain('no-restricted-syntax');
  });
});
