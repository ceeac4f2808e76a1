import type { Readable, Writable } from 'node:stream';
import { endReason, exited, lastLinesOf, spawned, stopGently, type Spawn } from './childProcesses.node';
import type { Running } from './supervisor.std';

// The one encoder: raw I420 video in on stdin, PCM on fd 3, NUT out on stdout, FFmpeg's
// `-progress` key=value blocks on fd 4 (stderr stays for its log and last words). Writes resolve
// when the pipe takes more, so a slow encoder slows the compositor's credits instead of queueing.

export interface EncoderProcess extends Running {
  writeVideo(frame: Uint8Array): Promise<void>;
  writeAudio(chunk: Uint8Array): Promise<void>;
}

export interface EncoderOptions {
  ffmpegPath: string;
  args: readonly string[];
  spawn: Spawn;
  onStream: (chunk: Uint8Array) => void;
  onProgress: (text: string) => void;
}

function writer(stream: Writable, alive: () => boolean): (bytes: Uint8Array) => Promise<void> {
  stream.on('error', () => {});
  // One wait for every writer held back by a full pipe, not a listener each.
  let drained: Promise<void> | null = null;
  return (bytes) => {
    if (!alive() || stream.destroyed) return Promise.resolve();
    if (stream.write(bytes)) return Promise.resolve();
    drained ??= new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        drained = null;
        resolve();
      };
      stream.once('drain', done);
      stream.once('close', done);
    });
    return drained;
  };
}

export async function startEncoder(options: EncoderOptions): Promise<EncoderProcess> {
  const child = options.spawn(options.ffmpegPath, options.args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe'] });
  const lastLines = lastLinesOf(child);
  await spawned(child);
  const [video, out, , audio, progress] = child.stdio as [Writable, Readable, Readable, Writable, Readable];
  out.on('data', (chunk: Buffer) => options.onStream(chunk));
  progress.setEncoding('utf8');
  progress.on('data', (text: string) => options.onProgress(text));
  let alive = true;
  const ended = exited(child).then(({ code, signal }) => {
    alive = false;
    return endReason(code, signal, lastLines);
  });
  return {
    ended,
    writeVideo: writer(video, () => alive),
    writeAudio: writer(audio, () => alive),
    async stop() {
      audio.end();
      await stopGently(child, 3000, video);
    },
  };
}
