import type { spawn as spawnType } from 'node:child_process';
import { isKnownH264Encoder, videoEncodingFor, type H264EncoderName, type VideoEncoding } from './encodePlan.std';
import { buildEncoderTestArgs } from './ffmpegArgs.std';
import type { OutputProfileSpec } from './outputProfiles.std';

// Picks the H.264 encoder (issue 5): hardware first, each proven by a short real encode with the
// very options the show will use, because `ffmpeg -encoders` lists h264_nvenc, h264_qsv and
// h264_vaapi on machines without the hardware or driver (Debian's build lists all three).

export interface FfmpegRunResult {
  /** null when the process was killed (timed out) or could not start. */
  exitCode: number | null;
  stderr: string;
}

/** Runs FFmpeg with these arguments to completion. Injected so tests can fake hardware. */
export type RunFfmpeg = (args: readonly string[]) => Promise<FfmpegRunResult>;

export interface EncoderTrial {
  encoder: H264EncoderName;
  ok: boolean;
  /** FFmpeg's first error line when it failed (e.g. "Cannot load libcuda.so.1"). */
  detail: string;
}

export type EncoderSelection =
  | { ok: true; encoding: VideoEncoding; trials: readonly EncoderTrial[] }
  | { ok: false; message: string; trials: readonly EncoderTrial[] };

export interface EncoderSelectionInput {
  /** From the probe (ffmpegProbe.node.ts), hardware first, libx264 last. */
  h264Encoders: readonly string[];
  /** The profile the show will use: the trial encodes with its rate control and GOP. */
  output: OutputProfileSpec;
  run: RunFfmpeg;
  /** Names the binary in the message when nothing works. */
  ffmpegPath: string;
}

export async function selectVideoEncoder(input: EncoderSelectionInput): Promise<EncoderSelection> {
  const trials: EncoderTrial[] = [];
  const candidates = orderCandidates(input.h264Encoders);
  for (const encoder of candidates) {
    const encoding = videoEncodingFor(encoder);
    const result = await input.run(buildEncoderTestArgs(encoding, input.output));
    const ok = result.exitCode === 0;
    trials.push({ encoder, ok, detail: ok ? '' : firstErrorLine(result) });
    if (ok) return { ok: true, encoding, trials };
  }
  return { ok: false, message: noEncoderMessage(input.ffmpegPath, trials), trials };
}

/** Hardware in the probe's order, then libx264, each once; unknown names are not ours to try. */
function orderCandidates(offered: readonly string[]): H264EncoderName[] {
  const known = [...new Set(offered)].filter(isKnownH264Encoder);
  return [...known.filter((name) => name !== 'libx264'), ...known.filter((name) => name === 'libx264')];
}

function firstErrorLine(result: FfmpegRunResult): string {
  const line = result.stderr
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text.length > 0);
  if (line) return line.length > 200 ? `${line.slice(0, 200)}…` : line;
  return result.exitCode === null ? 'did not finish in time' : `exited with code ${result.exitCode}`;
}

function noEncoderMessage(ffmpegPath: string, trials: readonly EncoderTrial[]): string {
  const tried = trials.length > 0 ? `Tried ${trials.map((trial) => `${trial.encoder} (${trial.detail})`).join(', ')}.` : 'It offers no H.264 encoder at all.';
  return (
    `The FFmpeg at ${ffmpegPath} cannot encode H.264 on this computer. ${tried} ` +
    'Install an FFmpeg built with libx264 (run `npm run setup`), or set FFMPEG_PATH to one that has it, then start Shopcast again.'
  );
}

export interface SpawnRunnerOptions {
  spawn: typeof spawnType;
  ffmpegPath: string;
  /** A trial that takes longer (a hung driver) counts as failed. */
  timeoutMs: number;
}

/** `RunFfmpeg` over a real spawn: stderr kept (bounded), SIGKILL after the timeout. */
export function spawnFfmpegRunner(options: SpawnRunnerOptions): RunFfmpeg {
  return (args) =>
    new Promise((resolve) => {
      const child = options.spawn(options.ffmpegPath, [...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        if (stderr.length < 16_384) stderr += chunk;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
      // 'error' (cannot start) and 'close' may both fire; the first answer wins.
      child.once('error', (error) => {
        clearTimeout(timer);
        resolve({ exitCode: null, stderr: `${stderr}${error.message}` });
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ exitCode: code, stderr });
      });
    });
}
