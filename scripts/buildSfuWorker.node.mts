import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isExecutableFile } from '../main/ffmpeg/ffmpegLocator.node.ts';
import { localSfuWorkerPlace, sfuWorkerCacheDir, sfuWorkerCachePath, sfuWorkerStampPath } from '../main/sfu/sfuWorkerPath.node.ts';

// `npm run build:sfu` (and `npm run setup`, when no worker is found): builds the mediasoup worker
// from the C++ source inside the installed npm package, against Debian's libraries instead of
// the meson "wrap" subprojects mediasoup would download (nothing is downloaded here), and caches
// the binary under .cache/sfu/mediasoup-<version>-<arch>/. The recipe, and why each piece is
// there: ../shared/SFU.md. node_modules is never modified: the build runs on a copy.
// The Debian packages it needs are installed by `npm run setup`, not here.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string): void => console.log(`[sfu] ${line}`);

class StepFailed extends Error {}

function hasCommand(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

function runInherited(command: string, args: string[], cwd: string): void {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new StepFailed(`${command} exited with ${result.status ?? result.signal ?? result.error?.message}`);
}

/**
 * The worker refuses to run unless mediasoup's Node library starts it, and says so with exit code
 * 41 (worker/src/main.cpp): getting that code proves the binary loads with every shared library
 * it links. A missing library gives 127 and the loader's message instead.
 */
function workerStarts(binary: string): { ok: boolean; detail: string } {
  const env = { ...process.env };
  delete env['MEDIASOUP_VERSION'];
  const result = spawnSync(binary, [], { env, encoding: 'utf8', timeout: 10_000 });
  return { ok: result.status === 41, detail: `exit ${result.status ?? result.signal}: ${(result.stderr ?? '').trim()}` };
}

// One tiny meson subproject per mediasoup wrap, declaring the variables mediasoup 3.12's
// worker/meson.build (and worker/deps/libwebrtc/meson.build) read with get_variable(), from
// Debian's libraries found through pkg-config. `allow_fallback: false` keeps meson from looking
// for the same name in the wrap being configured. The `*_lib` variables are only link_whole'd
// into libmediasoup-worker (a library target that is not built), so empty static libraries do.
// meson_options.txt holds the options mediasoup passes to each subproject: meson refuses
// default_options that a subproject does not declare.
interface Stub {
  meson: string;
  options?: string;
  /** Extra files, path relative to the subproject folder → content. */
  files?: Record<string, string>;
}

const EMPTY_C = '/* Empty: stands in for a library mediasoup link_whole()s only into targets that are not built. */\n';

const stubs: Record<string, Stub> = {
  libuv: {
    meson: `project('libuv', 'c')
libuv_dep = dependency('libuv', allow_fallback: false)
libuv = static_library('libuv_stub', 'empty.c')
`,
    options: `option('build_tests', type: 'boolean', value: false)
option('build_benchmarks', type: 'boolean', value: false)
`,
  },
  openssl: {
    meson: `project('openssl', 'c')
openssl_dep = dependency('openssl', allow_fallback: false)
libcrypto_dep = dependency('libcrypto', allow_fallback: false)
libssl_dep = dependency('libssl', allow_fallback: false)
libcrypto_lib = static_library('libcrypto_stub', 'empty.c')
libssl_lib = static_library('libssl_stub', 'empty.c')
`,
  },
  libsrtp2: {
    // mediasoup includes <srtp.h>; Debian installs it as <srtp2/srtp.h>, and its pkg-config
    // file points at /usr/include only: the shim folder bridges the two.
    meson: `project('libsrtp2', 'c')
libsrtp2_dep = declare_dependency(
  dependencies: dependency('libsrtp2', allow_fallback: false),
  include_directories: include_directories('include'),
)
libsrtp2 = static_library('libsrtp2_stub', 'empty.c')
`,
    options: `option('crypto-library', type: 'combo', choices: ['none', 'openssl', 'nss', 'mbedtls'], value: 'openssl')
option('crypto-library-kdf', type: 'feature', value: 'disabled')
option('tests', type: 'feature', value: 'disabled')
`,
    files: { 'include/srtp.h': '#include <srtp2/srtp.h>\n' },
  },
  usrsctp: {
    meson: `project('usrsctp', 'c')
usrsctp_dep = dependency('usrsctp', allow_fallback: false)
usrsctp = static_library('usrsctp_stub', 'empty.c')
`,
    options: `option('sctp_build_programs', type: 'boolean', value: false)
`,
  },
  'abseil-cpp': {
    // The worker includes flat_hash_map/set, btree, inlined_vector, memory, string_view and
    // optional; Debian splits abseil into one pkg-config module per component.
    meson: `project('abseil-cpp', 'c')
absl_container_dep = declare_dependency(dependencies: [
  dependency('absl_flat_hash_map', allow_fallback: false),
  dependency('absl_flat_hash_set', allow_fallback: false),
  dependency('absl_btree', allow_fallback: false),
  dependency('absl_inlined_vector', allow_fallback: false),
])
absl_strings_dep = dependency('absl_strings', allow_fallback: false)
absl_types_dep = declare_dependency(dependencies: [
  dependency('absl_optional', allow_fallback: false),
  dependency('absl_memory', allow_fallback: false),
])
absl_container_lib = static_library('absl_container_stub', 'empty.c')
`,
  },
  nlohmann_json: {
    meson: `project('nlohmann_json')
nlohmann_json_dep = dependency('nlohmann_json', allow_fallback: false)
`,
  },
  catch2: {
    // Only mediasoup's own test executable uses it, and that is not built.
    meson: `project('catch2')
catch2_dep = declare_dependency()
`,
  },
  wingetopt: {
    // Windows only: mediasoup never asks for it on Linux; a stub keeps every wrap accounted for.
    meson: `project('wingetopt', 'c')
wingetopt_dep = declare_dependency()
wingetopt_lib = static_library('wingetopt_stub', 'empty.c')
`,
  },
};

// --- what to build, and is it already there -------------------------------------------------

const place = localSfuWorkerPlace(root);
const version = place.mediasoupVersion;
if (version === null) {
  console.error('[sfu] mediasoup is not installed in node_modules: run `npm install` first.');
  process.exit(1);
}
const cacheDir = sfuWorkerCacheDir(root, version, place.arch);
const binary = sfuWorkerCachePath(root, version, place.arch);
const stamp = sfuWorkerStampPath(root, version, place.arch);

if ((await isExecutableFile(binary)) && existsSync(stamp)) {
  log(`✓ the mediasoup ${version} worker is already built: ${binary}`);
  process.exit(0);
}

const missingTools = ['meson', 'ninja', 'pkg-config', 'c++'].filter((tool) => !hasCommand(tool));
if (missingTools.length > 0) {
  console.error(`[sfu] ${missingTools.join(', ')} missing: run \`npm run setup\` (it installs the build packages with apt).`);
  process.exit(1);
}

// --- build ------------------------------------------------------------------------------------

const started = Date.now();
log(`building the mediasoup ${version} worker for ${place.arch} from node_modules/mediasoup/worker (about 3 minutes on 2 cores)`);
const workDir = mkdtempSync(path.join(tmpdir(), `shopcast-sfu-${version}-`));
const sourceDir = path.join(workDir, 'worker');
const buildDir = path.join(workDir, 'build');

function step<T>(name: string, run: () => T): T {
  log(`${name}…`);
  try {
    return run();
  } catch (error) {
    const why = error instanceof StepFailed ? error.message : String(error instanceof Error ? error.stack : error);
    console.error(`[sfu] ✗ building the SFU worker failed at "${name}": ${why}`);
    console.error(`[sfu] the build folder is kept for inspection: ${workDir}`);
    process.exit(1);
  }
}

step('copying the worker source', () => {
  const packaged = path.join(root, 'node_modules', 'mediasoup', 'worker');
  // out/ and prebuild/ are what mediasoup's own install may have left: not source.
  cpSync(packaged, sourceDir, {
    recursive: true,
    filter: (from) => !['out', 'prebuild'].includes(path.relative(packaged, from).split(path.sep)[0] ?? ''),
  });
});

step('relaxing the meson version requirement', () => {
  // mediasoup 3.12 asks for meson >= 1.1.0; bookworm has 1.0.1, which builds it fine.
  const file = path.join(sourceDir, 'meson.build');
  const text = readFileSync(file, 'utf8');
  const relaxed = text.replace("meson_version: '>= 1.1.0'", "meson_version: '>= 1.0.0'");
  if (relaxed === text) throw new StepFailed(`no "meson_version: '>= 1.1.0'" in ${file}: mediasoup's build changed, update this script`);
  writeFileSync(file, relaxed);
});

step('writing the subprojects that use Debian libraries', () => {
  const subprojects = path.join(sourceDir, 'subprojects');
  for (const wrap of readdirSync(subprojects).filter((name) => name.endsWith('.wrap'))) {
    const name = wrap.slice(0, -'.wrap'.length);
    const stub = stubs[name];
    if (!stub) throw new StepFailed(`no stub for ${wrap}: mediasoup's build changed, add one to this script`);
    // meson uses the folder the wrap's `directory =` names when it exists, and downloads nothing.
    const directory = /^directory\s*=\s*(\S+)\s*$/m.exec(readFileSync(path.join(subprojects, wrap), 'utf8'))?.[1] ?? name;
    const dir = path.join(subprojects, directory);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'meson.build'), stub.meson);
    writeFileSync(path.join(dir, 'empty.c'), EMPTY_C);
    if (stub.options) writeFileSync(path.join(dir, 'meson_options.txt'), stub.options);
    for (const [file, content] of Object.entries(stub.files ?? {})) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
  }
});

step('configuring (meson setup)', () =>
  runInherited(
    'meson',
    ['setup', '--wrap-mode=nodownload', '--buildtype', 'release', '-Db_ndebug=true', '-Db_pie=true', '-Db_staticpic=true', buildDir],
    sourceDir,
  ),
);

step('compiling (meson compile)', () => runInherited('meson', ['compile', '-C', buildDir, '-j', '2', 'mediasoup-worker'], sourceDir));

const built = path.join(buildDir, 'mediasoup-worker');
step('checking that the worker starts', () => {
  const check = workerStarts(built);
  if (!check.ok) throw new StepFailed(`${built} did not start as expected (${check.detail})`);
});

step(`installing it into ${path.relative(root, cacheDir)}`, () => {
  mkdirSync(cacheDir, { recursive: true });
  rmSync(stamp, { force: true });
  // Copy under a temporary name, then rename: a reader never sees half a binary.
  const temporary = `${binary}.tmp-${process.pid}`;
  copyFileSync(built, temporary);
  chmodSync(temporary, 0o755);
  renameSync(temporary, binary);
  writeFileSync(stamp, `${JSON.stringify({ mediasoup: version, arch: place.arch, builtAt: new Date().toISOString() })}\n`);
});

rmSync(workDir, { recursive: true, force: true });
log(`✓ built in ${Math.round((Date.now() - started) / 1000)} s: ${binary}`);
