import { buildRtmpTestArgs } from '../ffmpeg/ffmpegArgs.std';
import type { Spawn } from '../ffmpeg/childProcesses.node';
import { RTMP_TEST_TIMEOUT_MS, type RtmpTestRun } from './destinationTest.std';

// The pre-flight's test publish to one RTMP(S) destination: the real FFmpeg, a second of a tiny
// test picture, bounded in time. It never touches a running show: it is a process of its own on
// its own connection (the core does not test while live, when the platform would see a second
// publisher on the show's key).

const STDERR_KEPT_CHARS = 16 * 1024;

export interface RtmpTesterDeps {
  ffmpegPath: string;
  spawn: Spawn;
  timeoutMs?: number;
}

export function runRtmpTest(deps: RtmpTesterDeps, url: string): Promise<RtmpTestRun> {
  return new Promise((resolve) => {
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const finish = (run: RtmpTestRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(run);
    };
    const child = deps.spawn(deps.ffmpegPath, buildRtmpTestArgs(url), { stdio: ['ignore', 'ignore', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, deps.timeoutMs ?? RTMP_TEST_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT_CHARS);
    });
    child.once('error', (error) => finish({ code: null, timedOut: false, stderr, spawnError: error.message }));
    // 'close': stderr is drained, so FFmpeg's last words are in.
    child.once('close', (code) => finish({ code: timedOut ? null : code, timedOut, stderr, spawnError: null }));
  });
}

/**
 * Tests destinations, one FFmpeg each, all at once; a destination already being tested (Go Live
 * pressed twice, Check again) shares that test instead of publishing twice on the same key, which
 * the platform would refuse as "already publishing".
 */
export function createRtmpTester(deps: Omit<RtmpTesterDeps, 'ffmpegPath'>) {
  const running = new Map<string, Promise<RtmpTestRun>>();
  return (ffmpegPath: string, url: string): Promise<RtmpTestRun> => {
    const key = `${ffmpegPath}\n${url}`;
    const existing = running.get(key);
    if (existing) return existing;
    const test = runRtmpTest({ ...deps, ffmpegPath }, url).finally(() => running.delete(key));
    running.set(key, test);
    return test;
  };
}
