import type { PreflightCheck, PreflightReport } from '../../contract/schemas/preflight.std';
import type { FfmpegLocation } from '../ffmpeg/ffmpegLocator.node';
import type { FfmpegProbe } from '../ffmpeg/ffmpegProbe.node';
import type { MediaIngestStats } from '../media/mediaIngest.std';
import type { LiveRoomInfo } from '../../contract/schemas/liveRoom.std';
import type { SceneCollection } from '../../contract/schemas/scene.std';
import type { Product } from '../../contract/schemas/product.std';
import { describeFlaggedWords, findFlaggedWords, type WordLists } from '../../contract/text/wordFlags.std';

/** What the `words` check reads: the merchant's lists, and every text the show puts on screen or on sale. */
export interface WordsCheckInput {
  lists: WordLists;
  scenes: SceneCollection;
  products: readonly Product[];
}

/** At most this many texts are named one by one; the rest are counted. */
export const MAX_WORD_WARNINGS = 10;

export interface PreflightDeps {
  locateFfmpeg: () => Promise<FfmpegLocation | null>;
  probeFfmpeg: (binary: string) => Promise<FfmpegProbe>;
  mediaStats: () => MediaIngestStats;
  destinationCount: () => number;
  /** What the show will send out, against the upload measured where Shopcast can; null when nothing leaves. */
  upload: () => Promise<PreflightCheck | null>;
  /** The studio's live room, or null when it is not running. */
  liveRoom: () => LiveRoomInfo;
  platform: NodeJS.Platform;
  words: () => WordsCheckInput;
  /** Free space where shows are recorded, and the recording's rate (video + AAC, kb/s); null when it cannot be read. */
  recordingSpace: () => Promise<{ folder: string; freeBytes: number; kbps: number } | null>;
}

export function ffmpegInstallHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Install it with "brew install ffmpeg", or set FFMPEG_PATH to an ffmpeg binary.';
    case 'win32':
      return 'Install it with "winget install Gyan.FFmpeg", or set FFMPEG_PATH to ffmpeg.exe.';
    default:
      return 'Run "npm run setup" (it installs Debian/Ubuntu\'s ffmpeg package), or set FFMPEG_PATH to an ffmpeg binary.';
  }
}

/** What must be true before going live, each in words a merchant can act on. */
export async function runPreflight(deps: PreflightDeps): Promise<PreflightReport> {
  const checks: PreflightCheck[] = [];
  const ffmpeg = await deps.locateFfmpeg();
  if (!ffmpeg) {
    checks.push({ id: 'ffmpeg', ok: false, message: `FFmpeg was not found. ${ffmpegInstallHint(deps.platform)}` });
  } else {
    try {
      const probe = await deps.probeFfmpeg(ffmpeg.path);
      checks.push({ id: 'ffmpeg', ok: true, message: `FFmpeg ${probe.version} (${ffmpeg.path}, from ${ffmpeg.source}).` });
      checks.push(
        probe.h264Encoders.length > 0
          ? { id: 'h264', ok: true, message: `This FFmpeg can encode H.264 (${probe.h264Encoders.join(', ')}); hardware encoders are tried first when you go live.` }
          : { id: 'h264', ok: false, message: `This FFmpeg has no H.264 encoder. ${ffmpegInstallHint(deps.platform)}` },
      );
    } catch (error) {
      checks.push({
        id: 'ffmpeg',
        ok: false,
        message: `FFmpeg at ${ffmpeg.path} does not run (${error instanceof Error ? error.message : String(error)}). ${ffmpegInstallHint(deps.platform)}`,
      });
    }
  }
  const media = deps.mediaStats();
  checks.push(
    media.framesPerSecond
      ? { id: 'program', ok: true, message: `The program is arriving at ${media.framesPerSecond} fps.` }
      : { id: 'program', ok: false, message: 'The program has no picture yet: add a camera, screen or image to a scene.' },
  );
  const room = deps.liveRoom();
  if (!room.running) checks.push({ id: 'room', ok: false, message: room.message ?? 'The live room is not running.' });
  else if (!room.video.available) checks.push({ id: 'room', ok: false, message: `Viewers can comment and order, but will not see the show. ${room.video.reason ?? ''}`.trim() });
  else checks.push({ id: 'room', ok: true, message: `The live room is open: viewers join at ${room.watchUrl ?? 'its link'}.` });
  const upload = await deps.upload();
  if (upload) checks.push(upload);
  const destinations = deps.destinationCount();
  checks.push(
    destinations > 0
      ? { id: 'destinations', ok: true, message: `${destinations} destination(s) set up.` }
      : { id: 'destinations', ok: false, message: 'No destination is set up yet.' },
  );
  const space = await deps.recordingSpace();
  if (space) checks.push(recordingSpaceCheck(space.freeBytes, space.kbps, space.folder));
  checks.push(...wordsChecks(deps.words()));
  return { ready: checks.every((check) => check.ok), checks };
}

/**
 * The `disk` check: a show needs its recording and, when it ends, as much again while the
 * segments are joined into one MP4. Less than an hour of that is a warning in plain words (the
 * show still goes live: the crash-safe segments keep what fits).
 */
export function recordingSpaceCheck(freeBytes: number, kbps: number, folder: string): PreflightCheck {
  const bytesPerHour = (kbps * 1000 * 3600) / 8;
  const minutes = Math.floor((freeBytes / (2 * bytesPerHour)) * 60);
  const free = `${(freeBytes / 1e9).toFixed(1)} GB free`;
  if (minutes >= 60) {
    const hours = Math.floor(minutes / 60);
    return { id: 'disk', ok: true, message: `About ${hours} hour${hours === 1 ? '' : 's'} of recording fit on this disk (${free}).` };
  }
  return {
    id: 'disk',
    ok: true,
    warning: true,
    message: `Only about ${minutes} minute${minutes === 1 ? '' : 's'} of recording fit on this disk (${free} in ${folder}): free some space before a long show, or the recording stops when the disk is full.`,
  };
}

const quoted = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 40 ? `${flat.slice(0, 39)}…` : flat}"`;
};

/**
 * The `words` check: overlay texts, product cards and the catalogue's names against the word
 * lists. A warning, not a failure: the merchant may know better (a brand named "Best"), but a
 * superlative on screen can get a show cut off by the platform, so it is said before going live.
 */
export function wordsChecks(input: WordsCheckInput): PreflightCheck[] {
  const found: string[] = [];
  const check = (text: string, where: string) => {
    const flags = findFlaggedWords(text, input.lists);
    if (flags.length > 0) found.push(`${where}: ${describeFlaggedWords(flags)}.`);
  };
  for (const scene of input.scenes.scenes) {
    for (const source of scene.sources) {
      if (source.kind === 'text') check(source.text, `Text ${quoted(source.text)} in scene ${scene.name}`);
      else if (source.kind === 'ticker') check(source.text, `Ticker ${quoted(source.text)} in scene ${scene.name}`);
      else if (source.kind === 'productCard') check(source.product.name, `Product card ${quoted(source.product.name)} in scene ${scene.name}`);
    }
  }
  for (const product of input.products) check(product.name, `Product ${quoted(product.name)} in the catalogue`);
  if (found.length === 0) return [{ id: 'words', ok: true, message: 'No blocked words or advertising-law superlatives in the overlays or product names.' }];
  const named = found.slice(0, MAX_WORD_WARNINGS).map((message, index) => ({ id: `words-${index + 1}`, ok: true, warning: true, message }));
  const more = found.length - named.length;
  return more > 0 ? [...named, { id: 'words-more', ok: true, warning: true, message: `${more} more text(s) have flagged words: check the other overlays and product names too.` }] : named;
}
