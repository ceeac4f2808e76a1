import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ffmpegStaticPathFrom, isExecutableFile, locateFfmpeg } from '../main/ffmpeg/ffmpegLocator.node.ts';
import { ffmpegInstallHint } from '../main/live/preflight.std.ts';
import { localSfuWorkerPlace, sfuWorkerPath } from '../main/sfu/sfuWorkerPath.node.ts';
import { natsServerBinaryPath } from '../testing/natsServer.node.ts';
import { nginxBinaryPath, nginxRtmpModulePath } from '../testing/nginxRtmp.node.ts';
import { postgresBinDir } from '../testing/postgresServer.node.ts';

// `npm run setup [-- --test]`: installs what this machine lacks to run the studio (FFmpeg, the
// SFU worker) and, with --test, to run `npm test` (Debian's Chromium). CI runs the same step, so
// the README's first command is what CI proves. It installs with apt on Debian/Ubuntu; elsewhere
// it says exactly what to install.
const forTests = process.argv.includes('--test');
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Need {
  what: string;
  present: () => Promise<boolean>;
  debianPackages: string[];
  elsewhere: string;
  /** Makes the thing once its packages are installed; true when it succeeded. */
  build?: () => boolean;
}

const needs: Need[] = [
  {
    what: 'FFmpeg',
    present: async () =>
      (await locateFfmpeg({
        env: process.env,
        ffmpegStaticPath: ffmpegStaticPathFrom(createRequire(import.meta.url)),
        isExecutable: isExecutableFile,
        platform: process.platform,
      })) !== null,
    debianPackages: ['ffmpeg'],
    elsewhere: ffmpegInstallHint(process.platform),
  },
  {
    // Merchants write Chinese product names and viewers send emoji; overlays draw them with
    // system fonts (Windows and macOS ship them; bare Linux does not).
    what: 'CJK and emoji fonts',
    present: async () =>
      process.platform !== 'linux' ||
      /Noto Sans CJK/.test(spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' }).stdout ?? ''),
    debianPackages: ['fonts-noto-cjk', 'fonts-noto-color-emoji', 'fontconfig'],
    elsewhere: 'Install a CJK font (Noto Sans CJK) and an emoji font.',
  },
  {
    // mediasoup cannot download its prebuilt worker here, so it is built from the npm package's
    // own C++ source against these libraries (../shared/SFU.md), once per mediasoup version.
    what: 'mediasoup SFU worker',
    present: async () => sfuWorkerPath(process.env, existsSync, localSfuWorkerPlace(root)) !== null,
    debianPackages: [
      // to build it
      'build-essential', 'pkg-config', 'meson', 'ninja-build', 'libssl-dev', 'libuv1-dev', 'libabsl-dev',
      'libusrsctp-dev', 'libsrtp2-dev', 'nlohmann-json3-dev',
      // to run it (it links these dynamically)
      'libuv1', 'libssl3', 'libsrtp2-1', 'libusrsctp2', 'libabsl20220623',
    ],
    elsewhere:
      'Set MEDIASOUP_WORKER_BIN to a mediasoup-worker binary, or fetch mediasoup\'s prebuilt one with ' +
      '`node npm-scripts.mjs postinstall` inside node_modules/mediasoup (it needs internet access).',
    build: () => {
      const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
      const script = path.join(root, 'scripts', 'buildSfuWorker.node.mts');
      console.log(`$ tsx ${path.relative(root, script)}`);
      return spawnSync(tsx, [script], { cwd: root, stdio: 'inherit' }).status === 0;
    },
  },
];
if (forTests) {
  needs.push({
    what: 'Chromium (for the end-to-end tests)',
    present: async () => isExecutableFile(chromiumPath),
    debianPackages: ['chromium'],
    elsewhere: 'Install Chromium or Chrome and set CHROMIUM_PATH to its binary.',
  });
  needs.push({
    // The RTMP ingest the go-live tests push to (testing/nginxRtmp.node.ts runs its own private
    // nginx on a free port; a system nginx is neither needed nor touched).
    what: 'nginx with the RTMP module (for the RTMP tests)',
    present: async () => nginxBinaryPath() !== null && nginxRtmpModulePath() !== null,
    debianPackages: ['nginx-light', 'libnginx-mod-rtmp'],
    elsewhere: 'Install nginx with the RTMP module and set NGINX_PATH and NGINX_RTMP_MODULE to the binary and ngx_rtmp_module.so.',
  });
  needs.push({
    // The room's event log on JetStream is tested against a real server the test starts
    // (testing/natsServer.node.ts: its own port and store; a system service is neither needed nor touched).
    what: 'NATS server with JetStream (for the room event log tests)',
    present: async () => natsServerBinaryPath() !== null,
    debianPackages: ['nats-server'],
    elsewhere: 'Install nats-server 2.9 or newer (https://github.com/nats-io/nats-server/releases) and put it on PATH or set NATS_SERVER_PATH.',
  });
  needs.push({
    // A throwaway cluster per test (testing/postgresServer.node.ts: initdb into a temporary folder).
    what: 'PostgreSQL server (for the engine tests)',
    present: async () => postgresBinDir() !== null,
    debianPackages: ['postgresql'],
    elsewhere: 'Install the PostgreSQL 15 server and set POSTGRES_BIN to the folder holding initdb and postgres.',
  });
}

function isDebianLike(): boolean {
  if (process.platform !== 'linux' || !existsSync('/etc/os-release')) return false;
  const release = readFileSync('/etc/os-release', 'utf8');
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release) && existsSync('/usr/bin/apt-get');
}

function run(command: string[], asRoot: boolean): boolean {
  const isRoot = process.getuid?.() === 0;
  const argv = asRoot && !isRoot ? ['sudo', '-n', ...command] : command;
  console.log(`$ ${argv.join(' ')}`);
  const result = spawnSync(argv[0] ?? '', argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Already installed packages are left alone: apt-get install would upgrade them. */
function debianPackageInstalled(name: string): boolean {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return query.status === 0 && query.stdout.trim() === 'install ok installed';
}

const missing: Need[] = [];
for (const need of needs) {
  if (await need.present()) console.log(`✓ ${need.what}`);
  else missing.push(need);
}

if (missing.length > 0) {
  const debian = isDebianLike();
  // A need can be missing while its packages are all there (the SFU worker is built, not
  // installed): then there is nothing for apt to do.
  const packages = [...new Set(missing.flatMap((need) => need.debianPackages))].filter(
    (name) => !debian || !debianPackageInstalled(name),
  );
  if (packages.length > 0) {
    const canSudo = process.getuid?.() === 0 || spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
    if (debian && canSudo) {
      const installed =
        run(['apt-get', 'update', '-qq'], true) &&
        run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages], true);
      if (!installed) {
        console.error(`Installing ${packages.join(' ')} with apt-get failed (see above).`);
        process.exit(1);
      }
    } else {
      console.error('Shopcast needs software this machine lacks:');
      for (const need of missing) {
        const needed = need.debianPackages.filter((name) => packages.includes(name));
        if (debian && needed.length === 0) continue;
        console.error(debian ? `  ${need.what}: sudo apt-get install ${needed.join(' ')}` : `  ${need.what}: ${need.elsewhere}`);
      }
      process.exit(1);
    }
  }
  for (const need of missing) {
    if (!(await need.present()) && need.build && !need.build()) {
      console.error(`Building the ${need.what} failed (see above).`);
      process.exit(1);
    }
    if (!(await need.present())) {
      console.error(`${need.what} is still missing after installing it. ${need.elsewhere}`);
      process.exit(1);
    }
    console.log(`✓ ${need.what} (${need.build ? 'built' : 'installed'})`);
  }
}
console.log('Set-up complete.');
