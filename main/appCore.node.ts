import { createRequire } from 'node:module';
import { serveCoreProcess, type ParentPortLike } from './appCore/coreProcess.node';
import { createCore } from './core/createCore.node';
import { stopOnSignals } from './entry/processLifecycle.node';
import { createLogger, jsonLineSink } from './log/logger.std';
import { startStaffConsole } from './staff/staffConsole.node';

// The Electron app's core, in a utilityProcess that main forks (main/electron/coreHost.ts): the
// same core as `npm run studio`, kept out of Electron's main process so a stall or a crash here
// is a message in the window (with a Restart button), not a frozen app. No `electron` import:
// Electron gives this process `process.parentPort`, and the window's ports arrive through it.

const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) {
  console.error('appCore.node.js runs inside the Shopcast app (an Electron utilityProcess). For the browser studio, run npm run studio.');
  process.exit(2);
}

const log = createLogger(jsonLineSink((line) => process.stderr.write(line), process.env['SHOPCAST_LOG_LEVEL'] === 'debug' ? 'debug' : 'info'), 'core');
const requireModule = createRequire(__filename);
let close = () => Promise.resolve();

const served = serveCoreProcess({
  parentPort,
  log,
  async start(init, room, shell) {
    // No secretKeyWrapping here: Electron's safeStorage exists only in the main process, and
    // KeyWrapping is synchronous (secretBox.node.ts), so it cannot be relayed over parentPort.
    // secret.key (the stream keys' key) is therefore a file readable by this user only (0600),
    // as under `npm run studio`. Relaying would need an async KeyWrapping, or the unwrapped key
    // sent here at start; until then the keys are no weaker than the browser studio's.
    const core = await createCore({ dataDir: init.dataDir, log, env: process.env, requireModule, room, openExternal: shell.openExternal, revealFolder: shell.revealFolder });
    const staffConsole = await startStaffConsole({ env: process.env, rendererDir: init.rendererDir, core, log: log.child('staff') });
    close = async () => {
      await staffConsole?.close();
      core.close();
    };
    log.info('core process ready', { pid: process.pid, packaged: init.packaged });
    return core;
  },
});

// Main stops this process with utilityProcess.kill() (SIGTERM) on quit.
stopOnSignals(() => close());
served.ready.catch((error: unknown) => {
  log.error('the core failed to start', { error });
  process.exit(1);
});
