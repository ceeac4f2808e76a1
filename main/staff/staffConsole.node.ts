import os from 'node:os';
import type { Logger } from '../log/logger.std';
import { readTlsFiles, type TlsFiles } from '../http/tlsFiles.node';
import { lanAddress } from '../network/lanAddress.node';
import { consoleHost, staffConsoleAddress } from './staffConsoleAddress.std';
import { startStaffServer, type StaffCore, type StaffServer } from './staffServer.node';

export interface StaffConsoleDeps {
  env: NodeJS.ProcessEnv;
  rendererDir: string;
  core: StaffCore;
  log: Logger;
}

/**
 * Starts the staff console server for an entry (`npm run studio`, the Electron app). It never
 * stops the studio from starting: when it cannot listen, `getStaff` says why instead.
 */
export async function startStaffConsole(deps: StaffConsoleDeps): Promise<StaffServer | null> {
  const address = staffConsoleAddress(deps.env);
  if (!address.ok) {
    deps.log.warn('staff consoles are off', { reason: address.message });
    deps.core.staff.setConsole({ url: null, message: address.message });
    return null;
  }
  let tls: TlsFiles | null = null;
  try {
    tls = address.tls ? await readTlsFiles(address.tls.certFile, address.tls.keyFile) : null;
  } catch (error) {
    // Never plain http instead of the HTTPS asked for: off, with the reason on the Staff tab.
    const message = `Staff consoles are off: ${(error as Error).message}`;
    deps.log.warn('staff consoles are off', { reason: message });
    deps.core.staff.setConsole({ url: null, message });
    return null;
  }
  const start = (port: number) =>
    startStaffServer({
      tls,
      host: address.host,
      port,
      publicHost: consoleHost(address.host, lanAddress(os.networkInterfaces())),
      rendererDir: deps.rendererDir,
      core: deps.core,
      log: deps.log,
    });
  try {
    return await start(address.port).catch((error: unknown) => {
      // Another studio on this machine has 4822: this one's consoles take a free port.
      if (address.portChosen || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      deps.log.info('staff console port in use, taking a free one', { port: address.port });
      return start(0);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'EADDRINUSE'
        ? `Staff consoles are off: port ${address.port} (SHOPCAST_STAFF_PORT) is in use.`
        : `Staff consoles are off: the console server could not listen on ${address.host}:${address.port} (${code ?? (error instanceof Error ? error.message : String(error))}).`;
    deps.log.warn('staff console server failed to start', { error });
    deps.core.staff.setConsole({ url: null, message });
    return null;
  }
}
