import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// `npm start`: the Electron app where its binary can be had; otherwise the same studio in a browser.
const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const locate = () => {
    const pathFile = path.join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  };
  const present = locate();
  if (present) return present;
  // Electron ≥ 42 downloads its binary on first use; try once, quietly, with a deadline.
  spawnSync(process.execPath, [path.join(packageDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return locate();
}

const args = process.argv.slice(2);
const binary = electronBinary();
if (binary) {
  const child = spawn(binary, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron binary cannot be downloaded on this machine, so Shopcast starts the browser studio instead.');
  const child = spawn(process.execPath, ['dist/main/studio.node.js', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}
