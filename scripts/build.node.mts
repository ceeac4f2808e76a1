import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';

// One build for both ways of running: Node bundles for the core entries (plain Node and
// Electron), a sandbox-safe preload bundle, and the renderer through Vite.
const node: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native or optional packages stay outside the bundle and resolve at run time.
  external: ['electron', 'bufferutil', 'utf-8-validate', 'ffmpeg-static', 'better-sqlite3', 'mediasoup'],
};

await Promise.all([
  esbuild({
    ...node,
    entryPoints: {
      'main/studio.node': 'main/studio.node.ts',
      'main/room.node': 'main/room.node.ts',
      // The Electron app's core, forked by main as a utilityProcess (main/electron/coreHost.ts).
      'main/appCore.node': 'main/appCore.node.ts',
      'main/app.main': 'main/electron/app.main.ts',
    },
    outdir: 'dist',
  }),
  // The benchmarks (npm run bench) go to dist-bench/, outside dist/: electron-builder packages dist/** only.
  esbuild({ ...node, entryPoints: { 'bench.node': 'bench/bench.node.ts' }, outdir: 'dist-bench' }),
  // A sandboxed preload can require only 'electron' and a few built-ins: everything else is bundled.
  esbuild({ ...node, entryPoints: { 'preload/index.preload': 'preload/index.preload.ts' }, outdir: 'dist', external: ['electron'] }),
  viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' }),
]);
