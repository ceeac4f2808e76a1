import type { PreflightCheck, PreflightReport } from '../../contract/schemas/preflight.std';
import type { FfmpegLocation } from '../ffmpeg/ffmpegLocator.node';
import type { FfmpegProbe } from '../ffmpeg/ffmpegProbe.node';
import type { MediaIngestStats } from '../media/mediaIngest.std';
import type { LiveRoomInfo } from '../../contract/schemas/liveRoom.std';
import type { SceneCollection } from '../../contract/schemas/scene.std';
import type { Product } from '../../contract/schemas/product.std';
import { RTMP_TEST_TIMEOUT_MS, rtmpTestCheck, type RtmpTestRun } from './destinationTest.std';
import { describeFlaggedWords, findFlaggedWords, type WordLists } from '../../contract/text/wordFlags.std';

/** What the `words` check reads: the merchant's lists, and every text the show puts on screen or on sale. */
export interface WordsCheckInput {
  lists: WordLists;
  scenes: SceneCollection;
  products: readonly Product[];
}

/** At most this many texts are named one by one; the rest are counted. */
export const MAX_WORD_WARNINGS = 10;

/** An RTMP(S) destination that is on, with its push URL (stream key included: secret), or why it has none. */
export interface RtmpDestinationToTest {
  id: string;
  name: string;
  url: string | null;
  /** Why its push URL could not be put together (its key could not be read); null when it could. */
  problem: string | null;
}

export interface PreflightDeps {
  locateFfmpeg: () => Promise<FfmpegLocation | null>;
  probeFfmpeg: (binary: string) => Promise<FfmpegProbe>;
  mediaStats: () => MediaIngestStats;
  /** The program's rate over the last seconds before the check (programRate.std.ts); null when too short to say. */
  recentProgramFps: () => number | null;
  /** The output profile's frame rate: what the program must keep up with. */
  targetFps: () => number;
  destinationCount: () => number;
  /** The merchant's RTMP(S) destinations that are on. */
  rtmpDestinations: () => Promise<RtmpDestinationToTest[]>;
  /** One test publish (destinationTest.node.ts runRtmpTest); bounded in time. */
  testRtmp: (ffmpegPath: string, url: string) => Promise<RtmpTestRun>;
  /** A show is on air: its destinations are not tested then (a second publisher on the show's own key would disturb it). */
  onAir: () => boolean;
  /** What the show will send out, against the upload measured where Shopcast can; null when nothing leaves. */
  upload: () => Promise<PreflightCheck | null>;
  /** The studio's live room; null when the merchant switched it off as a destination. */
  liveRoom: () => LiveRoomInfo | null;
  platform: NodeJS.Platform;
  words: () => WordsCheckInput;
  /** Free space where shows are recorded, and the recording's rate (video + AAC, kb/s); null when it cannot be read. */
  recordingSpace: () => Promise<{ folder: string; freeBytes: number; kbps: number } | null>;
}

/** Below this share of the output's frame rate the show visibly stutters: not ready. */
export const PROGRAM_FAIL_RATIO = 0.8;
/** Below this share, a warning: it plays, but a busier moment will stutter. */
export const PROGRAM_WARN_RATIO = 0.93;

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

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The encoder row, and the FFmpeg the destinations are tested with (null when there is none to test with). */
async function encoderCheck(deps: PreflightDeps): Promise<{ check: PreflightCheck; testWith: string | null }> {
  const ffmpeg = await deps.locateFfmpeg();
  const hint = ffmpegInstallHint(deps.platform);
  if (!ffmpeg) return { check: { id: 'ffmpeg', ok: false, blocking: true, message: 'Video encoder missing', fix: `FFmpeg was not found. ${hint}` }, testWith: null };
  let probe: FfmpegProbe;
  try {
    probe = await deps.probeFfmpeg(ffmpeg.path);
  } catch (error) {
    return {
      check: { id: 'ffmpeg', ok: false, blocking: true, message: 'Video encoder does not start', fix: hint, details: `FFmpeg at ${ffmpeg.path} does not run (${errorText(error)}).` },
      testWith: null,
    };
  }
  const found = `FFmpeg ${probe.version} (${ffmpeg.path}, from ${ffmpeg.source})`;
  if (probe.h264Encoders.length === 0) {
    return { check: { id: 'ffmpeg', ok: false, blocking: true, message: 'Video encoder cannot make H.264', fix: `This FFmpeg has no H.264 encoder. ${hint}`, details: `${found}: no H.264 encoder.` }, testWith: null };
  }
  return {
    check: {
      id: 'ffmpeg',
      ok: true,
      message: 'Video encoder ready',
      details: `${found}; H.264 encoders: ${probe.h264Encoders.join(', ')} (hardware encoders are tried first when you go live).`,
    },
    // The test publish sends H.264 from libx264, the encoder every FFmpeg build Shopcast installs has.
    testWith: probe.h264Encoders.includes('libx264') ? ffmpeg.path : null,
  };
}

/** The program row: the rate the compositor's frames reached the core over the pre-flight, against the output's. */
export function programCheck(framesPerSecond: number | null, targetFps: number): PreflightCheck {
  if (framesPerSecond === null || framesPerSecond <= 0) {
    return { id: 'program', ok: false, blocking: true, message: 'No picture yet', fix: 'Add a camera, screen or image to the scene, and keep this Shopcast window open.' };
  }
  const fps = Math.round(framesPerSecond);
  const of = `${fps} of ${targetFps} frames a second`;
  if (framesPerSecond < targetFps * PROGRAM_FAIL_RATIO) {
    return {
      id: 'program',
      ok: false,
      message: `Picture too slow: ${of}`,
      fix: 'Viewers would see it stutter. Close other apps and browser tabs, keep the Shopcast window in front (browsers slow down hidden windows), or choose a lower camera resolution or output; then press Check again.',
      details: `The program reached the studio at ${framesPerSecond.toFixed(1)} fps over the last seconds, against the output's ${targetFps} fps.`,
    };
  }
  if (framesPerSecond < targetFps * PROGRAM_WARN_RATIO) {
    return {
      id: 'program',
      ok: true,
      warning: true,
      message: `Picture a little uneven: ${of}`,
      fix: 'It may stutter when the computer gets busier: close apps and browser tabs you do not need during the show.',
      details: `The program reached the studio at ${framesPerSecond.toFixed(1)} fps over the last seconds, against the output's ${targetFps} fps.`,
    };
  }
  return { id: 'program', ok: true, message: `Picture smooth (${fps} frames a second)` };
}

function roomCheck(room: LiveRoomInfo | null): PreflightCheck {
  if (!room) return { id: 'room', ok: true, message: 'Your live room: off', details: 'Switched off in Destinations: viewers who open your page will not see this show.' };
  if (!room.running) return { id: 'room', ok: false, message: 'Your live room is not running', fix: room.message ?? 'Restart Shopcast.' };
  if (!room.video.available) {
    return { id: 'room', ok: false, message: 'Your live room: viewers will not see the picture', fix: room.video.reason ?? 'Viewers can comment and order, but the video does not reach them.' };
  }
  return { id: 'room', ok: true, message: 'Your live room: ready', details: `Viewers join at ${room.watchUrl ?? 'its link'}.` };
}

async function rtmpChecks(deps: PreflightDeps, testWith: string | null): Promise<PreflightCheck[]> {
  const destinations = await deps.rtmpDestinations();
  const onAir = deps.onAir();
  return Promise.all(
    destinations.map(async (destination): Promise<PreflightCheck> => {
      const id = `destination-${destination.id}`;
      if (destination.url === null) return { id, ok: false, message: `${destination.name}: stream key missing`, fix: 'Enter the stream key again in Destinations.', details: destination.problem ?? '' };
      if (onAir) return { id, ok: true, message: `${destination.name}: on air now`, details: 'Not tested again during the show.' };
      if (testWith === null) return { id, ok: true, warning: true, message: `${destination.name}: not tested`, fix: 'The test needs a working video encoder with libx264: see the video encoder row.' };
      return rtmpTestCheck({ id: destination.id, name: destination.name, url: destination.url }, await deps.testRtmp(testWith, destination.url), RTMP_TEST_TIMEOUT_MS);
    }),
  );
}

/** What must be true before going live, each row in words a shopkeeper can act on. */
export async function runPreflight(deps: PreflightDeps): Promise<PreflightReport> {
  // Read before the checks below take any CPU: the picture is not blamed for the check's own work.
  const now = deps.mediaStats().framesPerSecond;
  const measured = now === null ? null : (deps.recentProgramFps() ?? now);
  const encoder = await encoderCheck(deps);
  // The destinations' test publishes, the upload and the disk, all at once.
  const [destinations, upload, space] = await Promise.all([rtmpChecks(deps, encoder.testWith), deps.upload(), deps.recordingSpace()]);

  const checks: PreflightCheck[] = [programCheck(measured, deps.targetFps())];
  const room = deps.liveRoom();
  checks.push(roomCheck(room));
  checks.push(...destinations);
  if (deps.destinationCount() === 0) {
    checks.push({ id: 'destinations', ok: false, blocking: true, message: 'Nowhere to send the show', fix: 'Add a destination or switch on your live room (Destinations, next to Go Live).' });
  }
  if (upload) checks.push(upload);
  checks.push(encoder.check);
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
  const details = `${(freeBytes / 1e9).toFixed(1)} GB free in ${folder}.`;
  if (minutes >= 60) {
    const hours = Math.floor(minutes / 60);
    return { id: 'disk', ok: true, message: `Recording: about ${hours} hour${hours === 1 ? '' : 's'} fit on this disk`, details };
  }
  return {
    id: 'disk',
    ok: true,
    warning: true,
    message: `Recording: only about ${minutes} minute${minutes === 1 ? '' : 's'} fit on this disk`,
    fix: 'Free some space before a long show, or the recording stops when the disk is full.',
    details,
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
  if (found.length === 0) return [{ id: 'words', ok: true, message: 'Overlays and product names: no flagged words', details: 'No blocked words or advertising-law superlatives in the overlay texts, product cards or catalogue names.' }];
  const named = found.slice(0, MAX_WORD_WARNINGS).map((message, index) => ({ id: `words-${index + 1}`, ok: true, warning: true, message }));
  const more = found.length - named.length;
  return more > 0 ? [...named, { id: 'words-more', ok: true, warning: true, message: `${more} more text(s) have flagged words: check the other overlays and product names too.` }] : named;
}
