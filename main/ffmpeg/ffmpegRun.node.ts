import type { StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createProgressParser, type FfmpegProgress } from './ffmpegProgress.std';
import { endReason, type Spawn } from './childProcesses.node';
import { buildHeaderArgs, buildReadCheckArgs, CHECK_PROGRESS_FD, parseHeader, type MediaHeader } from './mediaCheck.std';

// One FFmpeg run of the replay library (a repair, a check, a clip), to its end: its `-progress`
// blocks as they come, what it said on stderr, and a stop on an AbortSignal. Aborted, the process
// is killed (it only ever writes temporary files, which the caller removes) and the run rejects
// with the signal's reason once the process is gone, so the caller's cleanup never races it.

export interface FfmpegRunDeps {
  ffmpegPath: string;
  spawn: Spawn;
}

export interface FfmpegRunOptions {
  /** The descriptor the arguments send `-progress` to (`pipe:N`). */
  progressFd?: number;
  onProgress?: (progress: FfmpegProgress) => void;
  signal?: AbortSignal;
}

export interface FfmpegRun {
  code: number | null;
  exitSignal: NodeJS.Signals | null;
  /** Its stderr, the last 64 KiB: `ffmpeg -i` prints the input's header there. */
  stderr: string;
  /** The output position of the last progress block, µs. */
  outTimeUs: number | null;
  /** Why it failed, in words (exit code and its last line); null when it exited 0. */
  failure: string | null;
}

const STDERR_KEPT_CHARS = 64 * 1024;

export async function runFfmpeg(deps: FfmpegRunDeps, args: readonly string[], options: FfmpegRunOptions = {}): Promise<FfmpegRun> {
  options.signal?.throwIfAborted();
  const stdio: StdioOptions = ['ignore', 'ignore', 'pipe'];
  if (options.progressFd !== undefined) stdio[options.progressFd] = 'pipe';
  const child = deps.spawn(deps.ffmpegPath, args, { stdio });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT_CHARS);
  });
  let outTimeUs: number | null = null;
  if (options.progressFd !== undefined) {
    const parser = createProgressParser((progress) => {
      if (progress.outTimeUs !== null) outTimeUs = progress.outTimeUs;
      options.onProgress?.(progress);
    });
    (child.stdio[options.progressFd] as NodeJS.ReadableStream | null)?.on('data', (chunk: Buffer) => parser.push(chunk.toString('utf8')));
  }
  const stop = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    // 'close', not 'exit': the pipes are drained, so the last progress block has been read.
    const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
    const failed = once(child, 'error').then(([error]) => Promise.reject(error as Error));
    const [code, exitSignal] = await Promise.race([closed, failed]);
    options.signal?.throwIfAborted();
    const lines = stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
    return { code, exitSignal, stderr, outTimeUs, failure: code === 0 ? null : endReason(code, exitSignal, lines.slice(-1)) };
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
}

/** A file's header as `ffmpeg -i` prints it (streams, length); null when FFmpeg cannot open it. */
export async function readHeader(deps: FfmpegRunDeps, file: string, signal?: AbortSignal): Promise<MediaHeader | null> {
  return parseHeader((await runFfmpeg(deps, buildHeaderArgs(file), signal ? { signal } : {})).stderr);
}

/** How far a file reads through: the length of a segment a crash cut short (Matroska writes its length last); null when nothing reads. */
export async function readThroughSeconds(deps: FfmpegRunDeps, file: string, signal?: AbortSignal): Promise<number | null> {
  const run = await runFfmpeg(deps, buildReadCheckArgs(file), { progressFd: CHECK_PROGRESS_FD, ...(signal ? { signal } : {}) });
  return run.outTimeUs === null ? null : run.outTimeUs / 1e6;
}

export interface IntoFileOptions {
  /** The descriptor the arguments send `-progress` to; with `lengthMs`, progress as a fraction. */
  progressFd?: number;
  lengthMs?: number | null;
  onFraction?: (fraction: number) => void;
  signal?: AbortSignal;
  /** The error's words, given FFmpeg's reason. */
  failure: (why: string) => string;
}

/**
 * FFmpeg writing `output` under a temporary dot-name of its own beside it, renamed into place only
 * when FFmpeg succeeded: a reader never sees half a file, two runs for one file at once each finish
 * whole (the last rename wins), and a failed or cancelled run leaves nothing.
 */
export async function ffmpegIntoFile(deps: FfmpegRunDeps, output: string, args: (partial: string) => readonly string[], options: IntoFileOptions): Promise<void> {
  const extension = path.extname(output);
  const partial = path.join(path.dirname(output), `.${path.basename(output, extension)}.${randomBytes(4).toString('hex')}.part${extension}`);
  const { lengthMs, onFraction } = options;
  try {
    const run = await runFfmpeg(deps, args(partial), {
      ...(options.progressFd === undefined ? {} : { progressFd: options.progressFd }),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (progress) => {
        if (lengthMs && progress.outTimeUs !== null) onFraction?.(Math.min(1, progress.outTimeUs / 1000 / lengthMs));
      },
    });
    if (run.failure !== null) throw new Error(options.failure(run.failure));
    await rename(partial, output);
  } finally {
    await rm(partial, { force: true });
  }
}
