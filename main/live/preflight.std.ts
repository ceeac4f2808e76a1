import type { PreflightCheck, PreflightReport } from '../../contract/schemas/preflight.std';
import type { FfmpegLocation } from '../encoder/ffmpegLocator.node';
import type { FfmpegProbe } from '../encoder/ffmpegProbe.node';
import type { MediaIngestStats } from '../media/mediaIngest.std';
import type { LiveRoomInfo } from '../../contract/schemas/liveRoom.std';

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
  return { ready: checks.every((check) => check.ok), checks };
}
