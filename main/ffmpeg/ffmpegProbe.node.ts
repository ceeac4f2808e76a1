import type { execFile as execFileType } from 'node:child_process';
import { promisify } from 'node:util';

export interface FfmpegProbe {
  version: string;
  /** H.264 encoders this build offers, in preference order (hardware first, libx264 last). */
  h264Encoders: string[];
}

const h264Preference = ['h264_videotoolbox', 'h264_nvenc', 'h264_qsv', 'h264_vaapi', 'h264_amf', 'libx264'];

export function parseFfmpegVersion(output: string): string | null {
  return /^ffmpeg version (\S+)/m.exec(output)?.[1] ?? null;
}

export function parseH264Encoders(output: string): string[] {
  const offered = new Set<string>();
  for (const line of output.split('\n')) {
    const match = /^\s*V\S*\s+(\S+)/.exec(line);
    if (match?.[1]) offered.add(match[1]);
  }
  return h264Preference.filter((name) => offered.has(name));
}

/** Asks an FFmpeg binary what it is and what it can encode. */
export async function probeFfmpeg(binary: string, execFile: typeof execFileType): Promise<FfmpegProbe> {
  const run = promisify(execFile);
  const options = { timeout: 10_000, maxBuffer: 4 * 1024 * 1024 };
  const versionOut = await run(binary, ['-hide_banner', '-version'], options);
  const version = parseFfmpegVersion(versionOut.stdout);
  if (!version) throw new Error(`${binary} did not report an FFmpeg version`);
  const encodersOut = await run(binary, ['-hide_banner', '-encoders'], options);
  return { version, h264Encoders: parseH264Encoders(encodersOut.stdout) };
}
