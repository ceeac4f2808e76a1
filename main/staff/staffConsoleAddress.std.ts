// Where the staff console server listens: all interfaces on port 4822 unless
// SHOPCAST_STAFF_HOST / SHOPCAST_STAFF_PORT say otherwise; HTTPS when SHOPCAST_STAFF_TLS_CERT and
// SHOPCAST_STAFF_TLS_KEY name a certificate and its key (PEM files).

export const DEFAULT_STAFF_PORT = 4822;
export const DEFAULT_STAFF_HOST = '0.0.0.0';

export type StaffConsoleAddress =
  | {
      ok: true;
      host: string;
      port: number;
      /** False for the default port: then a busy one falls back to a free one. */
      portChosen: boolean;
      tls: { certFile: string; keyFile: string } | null;
    }
  | { ok: false; message: string };

export function staffConsoleAddress(env: NodeJS.ProcessEnv): StaffConsoleAddress {
  const host = env['SHOPCAST_STAFF_HOST']?.trim() || DEFAULT_STAFF_HOST;
  const certFile = env['SHOPCAST_STAFF_TLS_CERT']?.trim() || null;
  const keyFile = env['SHOPCAST_STAFF_TLS_KEY']?.trim() || null;
  if ((certFile === null) !== (keyFile === null)) {
    return { ok: false, message: 'Staff consoles are off: HTTPS needs both SHOPCAST_STAFF_TLS_CERT (the certificate) and SHOPCAST_STAFF_TLS_KEY (its key).' };
  }
  const tls = certFile !== null && keyFile !== null ? { certFile, keyFile } : null;
  const portText = env['SHOPCAST_STAFF_PORT']?.trim();
  if (portText === undefined || portText === '') return { ok: true, host, port: DEFAULT_STAFF_PORT, portChosen: false, tls };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    return { ok: false, message: `Staff consoles are off: SHOPCAST_STAFF_PORT must be a number from 0 to 65535 (0 picks a free one), not "${portText}".` };
  }
  return { ok: true, host, port, portChosen: true, tls };
}

/** The host consoles type or scan: this machine's LAN address when listening on every interface. */
export function consoleHost(listenHost: string, lanAddress: string | null): string {
  const everywhere = listenHost === '0.0.0.0' || listenHost === '::';
  if (!everywhere) return listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  return lanAddress ?? '127.0.0.1';
}
