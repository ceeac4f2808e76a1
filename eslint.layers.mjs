import { builtinModules } from 'node:module';
import path from 'node:path';

// The layers the folders show (docs/ARCHITECTURE.md, "Layers"), held by two small local rules
// rather than a plugin: the layer of a file is its folder, and that needs a table, not a resolver.
//
//   contract/ → kernels → capabilities → composition roots and edges
//
// A folder may import its own layer and the layers below it, never one above. contract/ imports
// nothing from main/, renderer/ or preload/; renderer/ nothing from main/. Shipped code (main/)
// imports no test kit (testing/) or bench (bench/). The core — every folder of main/ but the
// room's own (room/, sfu/), the entries and the edges (studio/, electron/) — imports nothing from
// main/room/ or main/sfu/: the room runs in a process of its own and is reached by its protocol.
// In renderer/, the language kernel (i18n/) imports nothing from either page that uses it.

/** main/<folder>/ by layer. A new folder must be added here: the rule says so until it is. */
export const mainLayers = {
  kernel: ['kernel', 'http', 'ffmpeg', 'media', 'log', 'persistence', 'security', 'paths', 'network', 'entry', 'roomLog', 'roomCluster'],
  capability: [
    'live', 'replay', 'panel', 'products', 'scenes', 'settings', 'liveLayers', 'notices', 'status',
    'destinations', 'staff', 'roomProcess', 'roomLink', 'room', 'sfu', 'fulfilment',
  ],
  // main/*.node.ts entries are roots too; appCore serves the core over the Electron app's port.
  root: ['core', 'appCore', 'studio', 'electron'],
};

/**
 * renderer/<folder>/ by layer: the language kernel serves both pages (the studio and the viewers'
 * page) and knows neither; each page brings its own catalogues to it. A new folder must be added.
 */
export const rendererLayers = {
  kernel: ['i18n'],
  page: ['app', 'features', 'store', 'api', 'media', 'viewer'],
};

/** The room's own folders: it runs in its own process (npm run room, or the studio's room child). */
export const roomSide = ['room', 'sfu'];
/** Roots that are the core's own (the composition root, the core's process in the app): held to the core's rule. */
const coreRoots = ['core', 'appCore'];

const rank = { kernel: 1, capability: 2, root: 3 };
const folderLayer = new Map(Object.entries(mainLayers).flatMap(([layer, folders]) => folders.map((folder) => [folder, layer])));
const rendererFolderLayer = new Map(Object.entries(rendererLayers).flatMap(([layer, folders]) => folders.map((folder) => [folder, layer])));
const isTest = (file) => /\.test\.tsx?$/.test(file);
const posix = (file) => file.split(path.sep).join('/');

/** Where a repository path sits: { tree, folder?, layer? } (layer only for main/ and renderer/). */
export function placeOf(file) {
  const [tree, folder, ...rest] = file.split('/');
  if (tree === 'renderer') {
    // Files beside the folders (main.dom.tsx, the studio's entry) belong to a page.
    if (rest.length === 0) return { tree, folder: null, layer: 'page' };
    return { tree, folder, layer: rendererFolderLayer.get(folder) ?? null };
  }
  if (tree !== 'main') return { tree };
  if (rest.length === 0) return { tree, folder: null, layer: 'root' };
  return { tree, folder, layer: folderLayer.get(folder) ?? null };
}

function importSources(context, check) {
  const visit = (node, source, typeOnly) => {
    if (source && source.type === 'Literal' && typeof source.value === 'string') check(node, source.value, typeOnly);
  };
  return {
    ImportDeclaration: (node) =>
      visit(node, node.source, node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'))),
    ExportNamedDeclaration: (node) => visit(node, node.source, node.exportKind === 'type'),
    ExportAllDeclaration: (node) => visit(node, node.source, node.exportKind === 'type'),
    ImportExpression: (node) => visit(node, node.source, false),
    CallExpression: (node) => {
      if (node.callee.type === 'Identifier' && node.callee.name === 'require') visit(node, node.arguments[0], false);
    },
  };
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Which folder may import which (docs/ARCHITECTURE.md, "Layers")' },
    schema: [],
    messages: {
      upward: '{{from}} ({{fromLayer}}) may not import {{to}} ({{toLayer}}): a {{fromLayer}} imports only its own layer and those below it (contract → kernels → capabilities → roots).',
      contract: 'contract/ holds types and schemas only: it imports nothing from main/, renderer/ or preload/.',
      renderer: 'The renderer runs in a browser and reaches the core only through the contract: it imports nothing from main/.',
      testKit: 'Shipped code (main/) imports no test kit or bench ({{to}}): only *.test.ts files may.',
      room: 'The core imports nothing from main/{{folder}}/: the room runs in a process of its own; reach it by its protocol (contract/room/) or take what it needs as an argument.',
      unknown: 'main/{{folder}}/ has no layer: add it to mainLayers in eslint.layers.mjs.',
      rendererKernel: 'renderer/{{folder}}/ is a kernel both pages use: it imports nothing from a page ({{to}}); take what it needs as an argument (a catalogue, a storage key).',
      rendererUnknown: 'renderer/{{folder}}/ has no layer: add it to rendererLayers in eslint.layers.mjs.',
    },
  },
  create(context) {
    const file = posix(path.relative(context.cwd, context.filename));
    if (file.startsWith('..')) return {};
    const from = placeOf(file);
    const test = isTest(file);
    return {
      Program(node) {
        if (from.tree === 'main' && from.folder && from.layer === null) context.report({ node, messageId: 'unknown', data: { folder: from.folder } });
        if (from.tree === 'renderer' && from.folder && from.layer === null) context.report({ node, messageId: 'rendererUnknown', data: { folder: from.folder } });
      },
      ...importSources(context, (node, spec) => {
        if (!spec.startsWith('.')) return;
        const target = posix(path.relative(context.cwd, path.resolve(path.dirname(context.filename), spec)));
        const to = placeOf(target);
        if (from.tree === 'contract' && ['main', 'renderer', 'preload'].includes(to.tree)) return context.report({ node, messageId: 'contract' });
        if (from.tree === 'renderer' && to.tree === 'main') return context.report({ node, messageId: 'renderer' });
        if (from.tree === 'renderer' && from.layer === 'kernel' && to.tree === 'renderer' && to.layer !== 'kernel') {
          return context.report({ node, messageId: 'rendererKernel', data: { folder: from.folder, to: target } });
        }
        if (from.tree !== 'main') return;
        if (!test && ['testing', 'bench', 'e2e', 'scripts'].includes(to.tree)) return context.report({ node, messageId: 'testKit', data: { to: target } });
        if (to.tree !== 'main' || !to.layer || !from.layer) return;
        // A test may compose the real core around what it tests, and start a room as a peer.
        if (rank[to.layer] > rank[from.layer] && !(test && to.layer === 'root')) {
          return context.report({ node, messageId: 'upward', data: { from: file, fromLayer: from.layer, to: target, toLayer: to.layer } });
        }
        const core = from.layer !== 'root' || coreRoots.includes(from.folder);
        if (core && !test && !roomSide.includes(from.folder) && roomSide.includes(to.folder)) {
          context.report({ node, messageId: 'room', data: { folder: to.folder } });
        }
      }),
    };
  },
};

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const runtimeSuffix = /\.(node|dom|main|preload)(\.tsx?)?$/;

const stdImportsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'A *.std.ts file computes only: no Node built-in, and nothing that needs Node, a browser or Electron at run time' },
    schema: [],
    messages: {
      builtin: "A .std.ts file runs anywhere: it imports no Node built-in ('{{spec}}'). Move the code to a .node.ts file, or take what it needs as an argument.",
      runtime: "A .std.ts file runs anywhere: it imports '{{spec}}' at run time only as `import type`. Move the code to a file with that suffix, or take it as an argument.",
    },
  },
  create(context) {
    return importSources(context, (node, spec, typeOnly) => {
      if (builtins.has(spec) || spec.startsWith('node:')) context.report({ node, messageId: 'builtin', data: { spec } });
      else if (spec.startsWith('.') && runtimeSuffix.test(spec) && !typeOnly) context.report({ node, messageId: 'runtime', data: { spec } });
    });
  },
};

export const layersPlugin = { meta: { name: 'shopcast-layers' }, rules: { layers: layersRule, 'std-imports': stdImportsRule } };

/** Globals a .std.ts file may not use: the browser's page and Node's process (no-restricted-globals). */
export const stdRestrictedGlobals = [
  ...['window', 'document', 'navigator', 'location', 'history', 'screen', 'localStorage', 'sessionStorage', 'indexedDB', 'customElements', 'requestAnimationFrame', 'cancelAnimationFrame', 'getComputedStyle', 'matchMedia', 'alert', 'confirm', 'prompt'].map((name) => ({
    name,
    message: `A .std.ts file runs anywhere: \`${name}\` is the browser's. Move the code to a .dom.ts file, or take it as an argument.`,
  })),
  ...['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global', 'setImmediate', 'clearImmediate'].map((name) => ({
    name,
    message: `A .std.ts file runs anywhere: \`${name}\` is Node's. Move the code to a .node.ts file, or take it as an argument.`,
  })),
];
