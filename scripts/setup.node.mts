import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ffmpegStaticPathFrom, isExecutableFile, locateFfmpeg } from '../main/encoder/ffmpegLocator.node.ts';
import { ffmpegInstallHint } from '../main/live/preflight.std.ts';

// `npm run setup [-- --test]`: installs what this machine lacks to run the studio (FFmpeg) and,
// with --test, to run `npm test` (Debian's Chromium). CI runs the same step, so the README's
// first command is what CI proves. It installs with apt on Debian/Ubuntu; elsewhere it says
// exactly what to install.
const forTests = process.argv.includes('--test');
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

interface Need {
  what: string;
  present: () => Promise<boolean>;
  debianPackages: string[];
  elsewhere: string;
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
];
if (forTests) {
  needs.push({
    what: 'Chromium (for the end-to-end tests)',
    present: async () => isExecutableFile(chromiumPath),
    debianPackages: ['chromium'],
    elsewhere: 'Install Chromium or Chrome and set CHROMIUM_PATH to its binary.',
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

const missing: Need[] = [];
for (const need of needs) {
  if (await need.present()) console.log(`✓ ${need.what}`);
  else missing.push(need);
}

if (missing.length > 0) {
  const packages = missing.flatMap((need) => need.debianPackages);
  const canSudo = process.getuid?.() === 0 || spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (isDebianLike() && canSudo) {
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
      console.error(
        isDebianLike()
          ? `  ${need.what}: sudo apt-get install ${need.debianPackages.join(' ')}`
          : `  ${need.what}: ${need.elsewhere}`,
      );
    }
    process.exit(1);
  }
  for (const need of missing) {
    if (!(await need.present())) {
      console.error(`${need.what} is still missing after installing it. ${need.elsewhere}`);
      process.exit(1);
    }
    console.log(`✓ ${need.what} (installed)`);
  }
}
console.log('Set-up complete.');
