export interface StudioArgs {
  host: string;
  port: number;
  /** False when the port is the default: then a busy port falls back to any free one. */
  portChosen: boolean;
  dataDir: string | null;
  /** JSON log lines on stderr instead of the log file (--log-json, SHOPCAST_LOG_JSON=1). */
  logJson: boolean;
}

// A fixed default, so the studio's address (and, with it, the browser's remembered camera and
// microphone choices, which are per origin) stays the same from one show to the next.
export const DEFAULT_STUDIO_PORT = 4820;

export type ParsedArgs = { ok: true; args: StudioArgs } | { ok: false; message: string };

export const studioUsage = 'Usage: npm run studio -- [--port <0-65535, default 4820>] [--host <address>] [--data-dir <folder>] [--log-json]';

/** Reads `--port`, `--host`, `--data-dir`, `--log-json` (and SHOPCAST_PORT / SHOPCAST_HOST / SHOPCAST_LOG_JSON); port 0 means any free one. */
export function parseStudioArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
  const args: StudioArgs = {
    host: env['SHOPCAST_HOST'] ?? '127.0.0.1',
    port: DEFAULT_STUDIO_PORT,
    portChosen: env['SHOPCAST_PORT'] !== undefined,
    dataDir: null,
    logJson: env['SHOPCAST_LOG_JSON'] === '1',
  };
  let portText = env['SHOPCAST_PORT'] ?? String(DEFAULT_STUDIO_PORT);
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    if (flag === '--help' || flag === '-h') return { ok: false, message: studioUsage };
    if (flag === '--log-json') {
      args.logJson = true;
      continue;
    }
    if ((flag === '--port' || flag === '--host' || flag === '--data-dir') && value === undefined) {
      return { ok: false, message: `${flag} needs a value. ${studioUsage}` };
    }
    if (flag === '--port') {
      portText = value ?? '';
      args.portChosen = true;
    }
    else if (flag === '--host') args.host = value ?? '';
    else if (flag === '--data-dir') args.dataDir = value ?? null;
    else return { ok: false, message: `Unknown option ${String(flag)}. ${studioUsage}` };
    index += 1;
  }
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    return { ok: false, message: `The port must be a number from 0 to 65535 (0 picks a free one), not "${portText}".` };
  }
  args.port = port;
  return { ok: true, args };
}
