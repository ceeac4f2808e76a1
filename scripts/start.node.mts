import { spawn } from 'node:child_process';
import { findElectronBinary } from './electronBinary.node.ts';

// `npm start`: the Electron app where its binary can be had; otherwise the same studio in a browser.
const args = process.argv.slice(2);
const binary = findElectronBinary(true);
const child = binary
  ? spawn(binary, ['.', ...args], { stdio: 'inherit' })
  : (console.log('The Electron binary cannot be downloaded on this machine, so Shopcast starts the browser studio instead.'),
    spawn(process.execPath, ['dist/main/studio.node.js', ...args], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
