import path from 'node:path';
import { benchCompositor, defaultChromium } from './compositor.bench.node';
import { benchGoLive } from './golive.bench.node';
import { benchMediaChannel } from './mediaChannel.bench.node';
import { benchPanel } from './panel.bench.node';
import { benchReplay } from './replay.bench.node';
import { benchRoom } from './room.bench.node';
import { benchScale } from './scale.bench.node';
import { runBenchRoomProcess } from './benchRoomProcess.node';
import { runChatLoad } from './chatLoad.node';
import { runLoopProbe } from './helloStall.node';

// `npm run bench -- <name> [--seconds N] [--chat N]`: one benchmark, one JSON object per figure set on stdout.
// Built into dist-bench/ (never packaged), next to dist/: the benchmarks run the built entries.
const packageRoot = path.resolve(__dirname, '..');
const built = path.join(packageRoot, 'dist');

interface BenchFlags {
  /** golive: comments per second into the room through the live show, from as many viewers. */
  chat: number;
  /** Every argument after the name, for a benchmark's own flags. */
  args: readonly string[];
}

/** `--name value` from a benchmark's own flags, else `fallback`. */
function flag(args: readonly string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

/** Not benchmarks: the processes some benchmarks start from this same entry (a room with its SFU traced, a chat load, a loop probe). */
const helpers: Record<string, (args: readonly string[]) => Promise<void>> = {
  'room-process': runBenchRoomProcess,
  'chat-load': runChatLoad,
  'loop-probe': runLoopProbe,
};
const benchmarks: Record<string, { about: string; defaultSeconds?: number; run: (seconds: number, flags: BenchFlags) => Promise<void> }> = {
  compositor: {
    about: 'the bench scene composed in Chromium from a fake camera, 720p and 1080p, against plain FFmpeg composing it',
    run: (seconds) =>
      benchCompositor({ seconds, warmupSeconds: 10, cacheDir: path.resolve('.cache', 'bench'), chromium: defaultChromium() }, print),
  },
  room: {
    about: 'the room server under a busy show: 10,000 viewer sockets, 6,000 comments/s offered to the studio, a flash sale of 5,000 orders on 100 units',
    run: (seconds) =>
      benchRoom({ seconds, viewers: 10_000, commentsPerSecond: 6000, flashOrders: 5000, flashStock: 100, entry: path.join(built, 'main', 'room.node.js') }, print),
  },
  scale: {
    about:
      'issue 14\'s capacity figures: one room on --nodes N room processes (default 2; cluster mode on one PostgreSQL and one JetStream, which --nodes 1 skips unless --cluster; --entry <room.node.js> to run another build), 10,000 viewer sockets split between them, 6,000 comments/s offered to the studio on node A, cross-node delivery to node B, hellos with resumeFrom: 0 from sockets that never read against a loop probe, then a flash sale of 5,000 orders on 100 units from every node',
    run: (seconds, flags) => {
      const nodes = Number(flag(flags.args, '--nodes', '2'));
      return benchScale(
        {
          seconds,
          nodes,
          cluster: nodes > 1 || flags.args.includes('--cluster'),
          viewers: Number(flag(flags.args, '--viewers', '10000')),
          commentsPerSecond: Number(flag(flags.args, '--comments', '6000')),
          flashOrders: 5000,
          flashStock: 100,
          entry: path.resolve(flag(flags.args, '--entry', path.join(built, 'main', 'room.node.js'))),
          benchEntry: __filename,
        },
        print,
      );
    },
  },
  golive: {
    about:
      'Go Live on the bench scene (studio in Chromium → core → FFmpeg → the room\'s SFU, nginx-rtmp and a recording): CPU against plain FFmpeg doing the same work (the same raw camera, Shopcast\'s encoder arguments) to the same destinations in --rounds (3) alternating --window (60) s windows after --warmup (10) s, unclean windows not counted, then a live show of --seconds (default 300), with --chat N comments/s from N viewers flowing into the room throughout: dropped/duplicated frames, Go Live → first frame at the SFU, glass-to-glass in a viewer page, peak memory',
    defaultSeconds: 300,
    run: (seconds, flags) =>
      benchGoLive(
        {
          benchEntry: __filename,
          chat: flags.chat,
          seconds,
          // BENCH-SCENE.md's measure: three alternating rounds of 60 s windows after a 10 s warm-up.
          windowSeconds: Number(flag(flags.args, '--window', '60')),
          rounds: Number(flag(flags.args, '--rounds', '3')),
          warmupSeconds: Number(flag(flags.args, '--warmup', '10')),
          cacheDir: path.resolve('.cache', 'bench'),
          chromium: defaultChromium(),
          rendererDir: path.join(built, 'renderer'),
          packageRoot,
        },
        print,
      ),
  },
  panel: {
    about:
      'the live panel in Chromium (the studio in its own process, with its room) while 2,000 viewers comment 2,000/s for --seconds (default 30): comments lost, JS heap growth, the longest main-thread task, and pin click → pinned comment in the program frame',
    defaultSeconds: 30,
    run: (seconds) =>
      benchPanel(
        { seconds, commentsPerSecond: 2000, viewers: 2000, pins: 5, floorSeconds: 10, benchEntry: __filename, chromium: defaultChromium(), entry: path.join(built, 'main', 'studio.node.js'), cacheDir: path.resolve('.cache', 'bench') },
        print,
      ),
  },
  replay: {
    about: 'a 10-minute show (720p30, 2.5 Mb/s, a keyframe every 2 s) with ten promotions: the time to cut all its clips against plain ffmpeg -c copy of the same ranges, alternating rounds; thumbnails timed apart',
    run: () => benchReplay({ showSeconds: 600, promotions: 10, rounds: 5, cacheDir: path.resolve('.cache', 'bench'), ffmpegPath: process.env['FFMPEG_PATH'] ?? 'ffmpeg' }, print),
  },
  'media-channel': {
    about: 'I420 720p30 frames through the studio media socket, against a plain pipe in the same run',
    run: (seconds) => benchMediaChannel({ seconds, width: 1280, height: 720, fps: 30 }, print),
  },
};

function print(figures: object): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const helper = name ? helpers[name] : undefined;
  if (helper) return helper(rest);
  const secondsFlag = rest.indexOf('--seconds');
  const chatFlag = rest.indexOf('--chat');
  const chat = chatFlag >= 0 ? Number(rest[chatFlag + 1]) : 0;
  const benchmark = name ? benchmarks[name] : undefined;
  const seconds = secondsFlag >= 0 ? Number(rest[secondsFlag + 1]) : (benchmark?.defaultSeconds ?? 60);
  if (!benchmark || !(seconds > 0) || !(chat >= 0)) {
    console.error(`Usage: npm run bench -- <name> [--seconds N] [--chat N] [scale: --nodes N --cluster --entry <room.node.js> --viewers N --comments N]\nBenchmarks:\n${Object.entries(benchmarks)
      .map(([key, { about }]) => `  ${key}: ${about}`)
      .join('\n')}`);
    process.exitCode = 2;
    return;
  }
  await benchmark.run(seconds, { chat, args: rest });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
