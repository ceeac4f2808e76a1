import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLogger } from '../main/log/logger.std';
import { readShowTimeline } from '../main/ffmpeg/showTimeline.std';
import { cutShowClips } from '../main/replay/clipCutter.node';
import { median } from './stats.std';
import { RECORDING_INFO_FILE, SHOW_FILE } from '../main/ffmpeg/recordingFiles.std';

// `npm run bench -- replay`: a 10-minute show recorded as Shopcast records (720p30 H.264 at
// 2.5 Mb/s, a keyframe every 2 s, AAC) with ten promotions; the time to cut all its clips against
// plain `ffmpeg -ss … -i show.mp4 -t … -c copy` of the same ranges, in alternating rounds of the
// same run. Thumbnails are timed apart: the floor makes none.

export interface ReplayBenchOptions {
  showSeconds: number;
  promotions: number;
  rounds: number;
  cacheDir: string;
  ffmpegPath: string;
}

const run = promisify(execFile);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function benchShow(options: ReplayBenchOptions): Promise<string> {
  const file = path.join(options.cacheDir, `replay-show-${options.showSeconds}s.mp4`);
  if (existsSync(file)) return file;
  await mkdir(options.cacheDir, { recursive: true });
  const partial = `${file}.part.mp4`;
  await run(options.ffmpegPath, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${options.showSeconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:duration=${options.showSeconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '2500k', '-maxrate', '2500k', '-bufsize', '2500k', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', partial,
  ]);
  await rename(partial, file);
  return file;
}

/** Promotions spread over the show at uneven times, as a host would: the last runs to the end. */
function timeline(showSeconds: number, promotions: number): string {
  const liveAt = 1_800_000_000_000;
  const lines: object[] = [{ at: liveAt, seq: 0, kind: 'live' }];
  for (let index = 0; index < promotions; index += 1) {
    const startSec = 15 + index * ((showSeconds - 30) / promotions) + (index % 3) * 4;
    lines.push({ at: liveAt + startSec * 1000, seq: index + 1, kind: 'promotion', product: { id: `p${index}`, name: `Product ${index + 1}` } });
  }
  return `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
}

export async function benchReplay(options: ReplayBenchOptions, print: (figures: object) => void): Promise<void> {
  const show = await benchShow(options);
  const showDir = await mkdtemp(path.join(os.tmpdir(), 'shopcast-bench-replay-'));
  const floorDir = path.join(showDir, 'floor');
  try {
    await symlink(show, path.join(showDir, SHOW_FILE));
    // As a show the join made: its measured length beside it (so no clip cut reads the header first).
    await writeFile(path.join(showDir, RECORDING_INFO_FILE), JSON.stringify({ durationSec: options.showSeconds }));
    const text = timeline(options.showSeconds, options.promotions);
    await writeFile(path.join(showDir, 'timeline.jsonl'), text);
    await mkdir(floorDir);
    const { chapters } = readShowTimeline(text, { durationMs: options.showSeconds * 1000 });
    const deps = { ffmpegPath: options.ffmpegPath, spawn, log: createLogger(() => {}) };

    const floor = async () => {
      const started = performance.now();
      for (const [index, chapter] of chapters.entries()) {
        const duration = chapter.endMs === null ? [] : ['-t', ((chapter.endMs - chapter.startMs) / 1000).toFixed(3)];
        await run(options.ffmpegPath, ['-v', 'error', '-y', '-ss', (chapter.startMs / 1000).toFixed(3), '-i', show, ...duration, '-c', 'copy', path.join(floorDir, `${index}.mp4`)]);
      }
      return performance.now() - started;
    };
    const ours = async (thumbnails: boolean) => {
      const started = performance.now();
      await cutShowClips(deps, showDir, { thumbnails });
      return performance.now() - started;
    };

    // A first pass of each warms the page cache: every round then reads the show from memory.
    await floor();
    await ours(false);
    const floorMs: number[] = [];
    const oursMs: number[] = [];
    const withThumbnailsMs: number[] = [];
    for (let index = 0; index < options.rounds; index += 1) {
      floorMs.push(await floor());
      oursMs.push(await ours(false));
      withThumbnailsMs.push(await ours(true));
    }
    print({
      bench: 'replay',
      showSeconds: options.showSeconds,
      clips: chapters.length,
      rounds: options.rounds,
      cutAllClipsMs: round(median(oursMs), 0),
      ffmpegCopyMs: round(median(floorMs), 0),
      // Each round's ours against the floor run just before it: a busy spell on this shared machine
      // slows both of a round, so the median of the rounds' ratios is steadier than a ratio of medians.
      cutRatioVsFfmpegCopy: round(median(oursMs.map((ms, index) => ms / (floorMs[index] ?? Number.NaN)))),
      withThumbnailsMs: round(median(withThumbnailsMs), 0),
      withThumbnailsRatio: round(median(withThumbnailsMs.map((ms, index) => ms / (floorMs[index] ?? Number.NaN)))),
      roundsMs: { ours: oursMs.map((value) => round(value, 0)), floor: floorMs.map((value) => round(value, 0)), withThumbnails: withThumbnailsMs.map((value) => round(value, 0)) },
    });
  } finally {
    await rm(showDir, { recursive: true, force: true });
  }
}
