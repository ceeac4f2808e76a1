import type { Readable } from 'node:stream';
import type { Logger } from '../log/logger.std';
import { endReason, exited, lastLinesOf, spawned, stopGently, type Spawn } from './childProcesses.node';
import type { Running } from './supervisor.std';
import type { JoinFrom, NutFanout, StreamOutput } from './nutJoin.std';

// One destination's copy of the program: a `-c copy` FFmpeg fed the encoder's NUT stream from the
// fan-out, header first. A destination that cannot keep up (a stalled RTMP server) is
// ended once its backlog passes the cap, never buffered without bound; its supervisor retries.

export interface RemuxerOptions {
  ffmpegPath: string;
  args: readonly string[];
  fanout: NutFanout;
  spawn: Spawn;
  log: Logger;
  /** Bytes waiting in the pipe before the destination counts as stalled (a few seconds of stream). */
  maxBacklogBytes: number;
  /** How long a clean stop may take (a recording finishing its file). */
  stopGraceMs?: number;
  /** FFmpeg's `-progress` text from fd 3 (REMUX_FD.progress). */
  onProgress?: (text: string) => void;
  /** Where it joins the stream (nutJoin.std.ts); `syncpoint` unless said. */
  joinFrom?: JoinFrom;
  /**
   * Resolve only once FFmpeg writes its first `-progress` block, which it does after it has
   * opened its output and muxed a packet: an RTMP push then counts as running once the server
   * took the stream, not when the process started. Given in ms: how long it may take.
   */
  flowingWithinMs?: number;
  /**
   * Waited for after FFmpeg has started and before it is fed (an RTMP server taking connections):
   * FFmpeg's own start-up is then behind it, and it connects as soon as the stream reaches it.
   * A rejection ends the attempt with that error.
   */
  beforeJoin?: () => Promise<void>;
  /** Aborted: the run is no longer wanted before it has started (its process is killed). */
  signal?: AbortSignal;
}

/** Resolves at FFmpeg's first `-progress` block; rejects if it ends first or takes longer than `withinMs`. */
function firstProgress(progress: Readable | null, ended: Promise<string>, withinMs: number, kill: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`no stream went out within ${Math.round(withinMs / 1000)} s`));
    }, withinMs);
    progress?.once('data', () => {
      clearTimeout(timer);
      resolve();
    });
    void ended.then((why) => {
      clearTimeout(timer);
      reject(new Error(why));
    });
  });
}

export async function startRemuxer(options: RemuxerOptions): Promise<Running> {
  const child = options.spawn(options.ffmpegPath, options.args, { stdio: ['pipe', 'ignore', 'pipe', 'pipe'] });
  const lastLines = lastLinesOf(child);
  await spawned(child);
  const stdin = child.stdin;
  if (!stdin) throw new Error('FFmpeg has no stdin');
  // A closed pipe after FFmpeg exits is expected; its exit says why.
  stdin.on('error', () => {});
  const progress = child.stdio[3] as Readable | null;
  progress?.setEncoding('utf8');
  progress?.on('data', (text: string) => options.onProgress?.(text));
  let stalled = false;
  const output: StreamOutput = {
    write(bytes) {
      if (stalled) return;
      if (stdin.writableLength > options.maxBacklogBytes) {
        stalled = true;
        options.fanout.leave(output);
        options.log.warn('destination too slow, restarting it', { backlogBytes: stdin.writableLength });
        child.kill('SIGKILL');
        return;
      }
      stdin.write(bytes);
    },
  };
  const abort = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', abort, { once: true });
  const ended = exited(child).then(({ code, signal }) => {
    options.fanout.leave(output);
    return stalled ? 'it could not keep up with the stream' : endReason(code, signal, lastLines);
  });
  if (options.beforeJoin) {
    try {
      await options.beforeJoin();
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }
  options.fanout.join(output, options.joinFrom);
  if (options.flowingWithinMs !== undefined) await firstProgress(progress, ended, options.flowingWithinMs, () => child.kill('SIGKILL'));
  options.signal?.removeEventListener('abort', abort);
  return {
    ended,
    async stop() {
      options.fanout.leave(output);
      await stopGently(child, options.stopGraceMs ?? 3000);
    },
  };
}
