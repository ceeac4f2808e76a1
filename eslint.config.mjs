import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin, stdRestrictedGlobals } from './eslint.layers.mjs';

// Electron may be imported at run time only at its edge: under plain Node `require('electron')`
// tries to download the binary (Electron ≥ 42), so one stray import breaks the studio and CI.
export const electronEdge = ['main/electron/**/*.main.ts', 'preload/**/*.preload.ts'];
const noRuntimeElectron = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'electron',
          allowTypeImports: true,
          message: 'Import electron at run time only in main/electron/*.main.ts or preload/*.preload.ts; elsewhere use `import type` or take it as an argument.',
        },
      ],
    },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "ImportExpression[source.value='electron'], CallExpression[callee.name='require'][arguments.0.value='electron']",
      message: 'Load electron only in main/electron/*.main.ts or preload/*.preload.ts.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: 'error',
    },
  },
  { files: ['**/*.{ts,tsx,mts}'], ignores: electronEdge, rules: noRuntimeElectron },
  {
    // The renderer and the contract run in a browser: no Node built-ins.
    files: ['renderer/**/*.{ts,tsx}', 'contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'The renderer and the contract run in a browser: no Node built-ins.' }] }],
    },
  },
  { files: ['renderer/**/*.tsx'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  // The layers the folders show (eslint.layers.mjs; docs/ARCHITECTURE.md, "Layers").
  { files: ['**/*.{ts,tsx,mts}'], plugins: { shopcast: layersPlugin }, rules: { 'shopcast/layers': 'error' } },
  // A .std.ts file computes only: no Node built-in, no run-time import of a .node/.dom/.main file,
  // no browser page or Node process globals.
  {
    files: ['**/*.std.ts'],
    plugins: { shopcast: layersPlugin },
    rules: { 'shopcast/std-imports': 'error', 'no-restricted-globals': ['error', ...stdRestrictedGlobals] },
  },
);
