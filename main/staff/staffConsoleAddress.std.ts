// Where the staff console server listens: all interfaces on port 4822 unless
// SHOPCAST_STAFF_HOST / SHOPCAST_STAFF_PORT say otherwise.

export const DEFAULT_STAFF_PORT = 4822;
export const DEFAULT_STAFF_HOST = '0.0.0.0';

export type StaffConsoleAddress =
  | { ok: true; host: string; port: number; /** False for the default port: then a busy one falls back to a free one. */ portChosen: boolean }
  | { ok: false; message: string };

export function staffConsoleAddress(env: NodeJS.ProcessEnv): StaffConsoleAddress {
  const host = env['SHOPCAST_STAFF_HOST']?.trim() || DEFAULT_STAFF_HOST;
  const portText = env['SHOPCAST_STAFF_PORT']?.trim();
  if (portText === undefined || portText === '') return { ok: true, host, port: DEFAULT_STAFF_PORT, portChosen: false };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    return { ok: false, message: `Staff consoles are off: SHOPCAST_STAFF_PORT must be a number from 0 to 65535 (0 picks a free one), not "${portText}".` };
  }
  return { ok: true, host, port, portChosen: true };
}

/** The host consoles type or scan: this machine's LAN address when listening on every interface. */
export function consoleHost(listenHost: string, lanAddress: string | null): string {
  const everywhere = listenHost === '0.0.0.0' || listenHost === '::';
  if (!everywhere) return listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  return lanAddress ?? '127.0.0.1';
}
