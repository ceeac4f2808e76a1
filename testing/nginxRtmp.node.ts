import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort.node';

// A real RTMP ingest for tests (issue 5): Debian's nginx-light with libnginx-mod-rtmp, run as a
// private child process on a free port, with its config, logs and pid file in its own folder, so
// it needs no root and touches nothing of a system nginx. `npm run setup -- --test` installs it.

export const NGINX_PATH_ENV = 'NGINX_PATH';
export const NGINX_RTMP_MODULE_ENV = 'NGINX_RTMP_MODULE';
export const nginxRtmpMissingMessage =
  'nginx with the RTMP module is missing: run `npm run setup -- --test` (Debian: apt-get install nginx-light libnginx-mod-rtmp), ' +
  `or set ${NGINX_PATH_ENV} and ${NGINX_RTMP_MODULE_ENV} to the nginx binary and ngx_rtmp_module.so.`;

export function nginxBinaryPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidate = env[NGINX_PATH_ENV] ?? '/usr/sbin/nginx';
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    return null;
  }
}

/**
 * The RTMP module's .so: NGINX_RTMP_MODULE, else where Debian's mod-rtmp.conf says (relative to
 * nginx's compiled-in prefix /usr/share/nginx, whose `modules` links to /usr/lib/nginx/modules),
 * else the usual module folders.
 */
export function nginxRtmpModulePath(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates: string[] = [];
  const fromEnv = env[NGINX_RTMP_MODULE_ENV];
  if (fromEnv) candidates.push(fromEnv);
  const debianConf = '/usr/share/nginx/modules-available/mod-rtmp.conf';
  if (existsSync(debianConf)) {
    const named = /load_module\s+([^;\s]+)\s*;/.exec(readFileSync(debianConf, 'utf8'))?.[1];
    if (named) candidates.push(path.resolve('/usr/share/nginx', named));
  }
  candidates.push('/usr/lib/nginx/modules/ngx_rtmp_module.so', '/usr/lib64/nginx/modules/ngx_rtmp_module.so');
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

export interface NginxRtmpOptions {
  /** The folder for the config, logs and pid file; a new temporary folder when absent. */
  dir?: string;
  /** RTMP applications to serve; `live` by default. */
  apps?: readonly string[];
  /** Write every publish, as it arrives, to `<dir>/record/<stream>-<time>.flv` (what a server received, when). */
  record?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface NginxRtmp {
  readonly port: number;
  readonly dir: string;
  /** rtmp://127.0.0.1:<port>/<app>/<key> */
  rtmpUrl(app: string, key: string): string;
  /** The running nginx (null while stopped): for tests that kill it the hard way. */
  readonly process: ChildProcess | null;
  /** Starts nginx again on the same port after stop() (or after it was killed). */
  start(): Promise<void>;
  /** Stops nginx (SIGTERM, SIGKILL after 3 s) and waits for it to exit; the folder stays. */
  stop(): Promise<void>;
  /** stop(), then removes the folder if this helper created it. */
  dispose(): Promise<void>;
  /** nginx's error log (info level: connect, publish, play…), to wait on or to quote in a failure. */
  errorLog(): Promise<string>;
}

export function nginxRtmpConfig(options: { dir: string; port: number; modulePath: string; apps: readonly string[]; record?: boolean }): string {
  const { dir } = options;
  const record = options.record ? `record all;\n      record_path ${path.join(dir, 'record')};\n      record_unique on;` : 'record off;';
  const applications = options.apps
    // wait_key: a player that joins mid-stream starts at a keyframe, so ffprobe sees H.264 at once.
    .map((app) => `    application ${app} {\n      live on;\n      ${record}\n      wait_key on;\n    }`)
    .join('\n');
  return [
    // One process in the foreground, owned by the test: no daemon, no master/worker split (as
    // root, workers would switch to another user and lose access to the private folder).
    'daemon off;',
    'master_process off;',
    'worker_processes 1;',
    `error_log ${path.join(dir, 'error.log')} info;`,
    `pid ${path.join(dir, 'nginx.pid')};`,
    `load_module ${options.modulePath};`,
    'events {\n  worker_connections 256;\n}',
    'rtmp {',
    // The module's default access log is /var/log/nginx/access.log, not writable without root.
    '  access_log off;',
    '  server {',
    `    listen 127.0.0.1:${options.port};`,
    applications,
    '  }',
    '}',
    '',
  ].join('\n');
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Starts a private nginx-rtmp and resolves once its port accepts TCP connections. */
export async function startNginxRtmp(options: NginxRtmpOptions = {}): Promise<NginxRtmp> {
  const env = options.env ?? process.env;
  const nginx = nginxBinaryPath(env);
  const modulePath = nginxRtmpModulePath(env);
  if (nginx === null || modulePath === null) throw new Error(nginxRtmpMissingMessage);

  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'shopcast-nginx-rtmp-')));
  await fs.mkdir(dir, { recursive: true });
  const port = await freePort();
  const confPath = path.join(dir, 'nginx.conf');
  const errorLogPath = path.join(dir, 'error.log');
  if (options.record) await fs.mkdir(path.join(dir, 'record'), { recursive: true });
  await fs.writeFile(confPath, nginxRtmpConfig({ dir, port, modulePath, apps: options.apps ?? ['live'], record: options.record }));

  let child: ChildProcess | null = null;

  const errorLog = () => fs.readFile(errorLogPath, 'utf8').catch(() => '');
  const errorLogTail = async () => (await errorLog()).split('\n').slice(-20).join('\n');

  async function start(): Promise<void> {
    if (child && isRunning(child)) return;
    // -e: the error log before the config is read (the default, /var/log/nginx, needs root).
    const started = spawn(nginx as string, ['-c', confPath, '-p', `${dir}${path.sep}`, '-e', errorLogPath], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = started;
    let stderr = '';
    started.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (!isRunning(started)) {
        throw new Error(`nginx-rtmp exited (${started.exitCode ?? started.signalCode}) before accepting connections on port ${port}:\n${stderr}\n${await errorLogTail()}`);
      }
      if (await accepts(port)) return;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`nginx-rtmp did not accept connections on port ${port} within 10 s:\n${stderr}\n${await errorLogTail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function stop(): Promise<void> {
    const running = child;
    if (!running || !isRunning(running)) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM'); // nginx's fast shutdown: closes publishers and players at once
    const hard = setTimeout(() => running.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(hard);
  }

  await start();
  return {
    port,
    dir,
    rtmpUrl: (app, key) => `rtmp://127.0.0.1:${port}/${app}/${key}`,
    get process() {
      return child;
    },
    start,
    stop,
    async dispose() {
      await stop();
      if (ownsDir) await fs.rm(dir, { recursive: true, force: true });
    },
    errorLog,
  };
}
