import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createProgressParser } from '../main/ffmpeg/ffmpegProgress.std';

// Tiny test media for the replay tests, made as Shopcast records: H.264 with a keyframe every
// 2 s, AAC, Matroska segments with one-second clusters, 320×180 so a test costs little.

const video = (seconds: number | null) => ['-f', 'lavfi', '-i', `testsrc=size=320x180:rate=30${seconds === null ? '' : `:duration=${seconds}`}`];
const audio = (seconds: number | null) => ['-f', 'lavfi', '-i', `sine=frequency=440${seconds === null ? '' : `:duration=${seconds}`}`];
const codecs = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac'];
const matroska = ['-f', 'matroska', '-cluster_time_limit', '1000', '-flush_packets', '1'];

/** A whole segment of `seconds`. */
export function writeSegment(file: string, seconds: number): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...video(seconds), ...audio(seconds), ...codecs, ...matroska, file]);
}

/**
 * A segment as a crash leaves it: FFmpeg writes it in real time and is SIGKILLed once `seconds`
 * are out, mid-cluster, without writing the Matroska index or the segment's length.
 */
export async function writeKilledSegment(file: string, seconds: number): Promise<void> {
  const child = spawn('ffmpeg', ['-v', 'error', '-y', '-re', ...video(null), '-re', ...audio(null), ...codecs, '-progress', 'pipe:1', '-stats_period', '0.2', ...matroska, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const closed = once(child, 'close');
  const parser = createProgressParser((progress) => {
    if (progress.outTimeUs !== null && progress.outTimeUs >= seconds * 1e6) child.kill('SIGKILL');
  });
  child.stdout.on('data', (chunk: Buffer) => parser.push(chunk.toString()));
  const [, signal] = (await closed) as [number | null, NodeJS.Signals | null];
  if (signal !== 'SIGKILL') throw new Error(`the recording FFmpeg was not killed (${String(signal)})`);
}

export function probe(file: string): { durationSec: number; codecs: string[] } {
  const out = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', file]).toString()) as {
    format: { duration: string };
    streams: { codec_name: string }[];
  };
  return { durationSec: Number(out.format.duration), codecs: out.streams.map((stream) => stream.codec_name).sort() };
}
