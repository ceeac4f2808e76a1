import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

export type FfmpegSource = 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH';
export interface FfmpegLocation {
  path: string;
  source: FfmpegSource;
}

export interface LocatorDeps {
  env: NodeJS.ProcessEnv;
  /** Resolves the ffmpeg-static package's binary path, or null when the package is absent. */
  ffmpegStaticPath: () => string | null;
  isExecutable: (file: string) => Promise<boolean>;
  platform: NodeJS.Platform;
}

export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds FFmpeg in the order the project promises: FFMPEG_PATH, then ffmpeg-static (an optional
 * dependency whose download fails on offline machines), then `ffmpeg` on PATH.
 */
export async function locateFfmpeg(deps: LocatorDeps): Promise<FfmpegLocation | null> {
  const fromEnv = deps.env['FFMPEG_PATH'];
  if (fromEnv && (await deps.isExecutable(fromEnv))) return { path: fromEnv, source: 'FFMPEG_PATH' };
  const fromPackage = deps.ffmpegStaticPath();
  if (fromPackage && (await deps.isExecutable(fromPackage))) return { path: fromPackage, source: 'ffmpeg-static' };
  const binary = deps.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  for (const dir of (deps.env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    if (await deps.isExecutable(candidate)) return { path: candidate, source: 'PATH' };
  }
  return null;
}

/** ffmpeg-static's default export is the binary's path; requiring it never downloads. */
export function ffmpegStaticPathFrom(requireModule: (id: string) => unknown): () => string | null {
  return () => {
    try {
      const value = requireModule('ffmpeg-static');
      return typeof value === 'string' ? value : null;
    } catch {
      return null;
    }
  };
}
