import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portAccepts } from './freePort.node';
import { isExecutableFile, locateFfmpeg } from '../main/ffmpeg/ffmpegLocator.node';
import { nginxRtmpConfig, startNginxRtmp, type NginxRtmp } from './nginxRtmp.node';

// The RTMP ingest the go-live tests push to (issue 5): real nginx-rtmp, real FFmpeg, real ffprobe.

let ffmpeg = '';
let ffprobe = '';
let nginx: NginxRtmp | undefined;

beforeAll(async () => {
  const found = await locateFfmpeg({ env: process.env, ffmpegStaticPath: () => null, isExecutable: isExecutableFile, platform: process.platform });
  if (!found) throw new Error('FFmpeg is missing: run `npm run setup`.');
  ffmpeg = found.path;
  ffprobe = path.join(path.dirname(found.path), 'ffprobe');
  nginx = await startNginxRtmp();
});

afterAll(async () => {
  await nginx?.dispose();
});

function run(binary: string, args: readonly string[]): { done: Promise<{ code: number | null; stdout: string; stderr: string }>; exited: () => boolean } {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { done, exited: () => child.exitCode !== null || child.signalCode !== null };
}

/** 2 s of H.264 test pattern at real-time pace, as a platform would receive it. */
const pushArgs = (url: string) => [
  '-hide_banner', '-loglevel', 'error', '-nostdin',
  '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-t', '2',
  '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '15',
  '-f', 'flv', url,
];

const probeArgs = (url: string) => [
  '-v', 'error', '-rw_timeout', '8000000', '-analyzeduration', '500000',
  '-show_entries', 'stream=codec_type,codec_name,width,height', '-of', 'json', url,
];

/** Polls nginx's own log (info level names each connect, publish and play) for a line. */
async function logShows(server: NginxRtmp, pattern: RegExp, since: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!pattern.test((await server.errorLog()).slice(since))) {
    if (Date.now() > deadline) throw new Error(`nginx never logged ${pattern}:\n${await server.errorLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A player waits on the stream, the push starts, and the player reads H.264 before the push ends. */
async function probeWhilePushing(server: NginxRtmp, key: string): Promise<void> {
  const url = server.rtmpUrl('live', key);
  const logStart = (await server.errorLog()).length;
  const probe = run(ffprobe, probeArgs(url));
  await logShows(server, new RegExp(`play: name='${key}'`), logStart);
  const push = run(ffmpeg, pushArgs(url));
  const probed = await probe.done;
  expect(push.exited(), 'the probe answered while the push was still running').toBe(false);
  expect(probed.code, probed.stderr).toBe(0);
  const { streams } = JSON.parse(probed.stdout) as { streams: { codec_type: string; codec_name: string; width: number; height: number }[] };
  expect(streams).toContainEqual({ codec_type: 'video', codec_name: 'h264', width: 640, height: 360 });
  const pushed = await push.done;
  expect(pushed.code, pushed.stderr).toBe(0);
}


describe('startNginxRtmp', () => {
  it('writes a private config: own log, pid and port, no access log outside its folder', () => {
    const config = nginxRtmpConfig({ dir: '/tmp/x', port: 19350, modulePath: '/m/ngx_rtmp_module.so', apps: ['live', 'live2'] });
    expect(config).toContain('daemon off;');
    expect(config).toContain('error_log /tmp/x/error.log info;');
    expect(config).toContain('pid /tmp/x/nginx.pid;');
    expect(config).toContain('load_module /m/ngx_rtmp_module.so;');
    expect(config).toContain('listen 127.0.0.1:19350;');
    expect(config).toContain('access_log off;');
    expect(config).toMatch(/application live \{\s+live on;\s+record off;/);
    expect(config).toMatch(/application live2 \{/);
  });

  it('receives an FFmpeg RTMP push that ffprobe reads back as H.264 while it runs', async () => {
    if (!nginx) throw new Error('nginx did not start');
    await probeWhilePushing(nginx, 'test');
  });

  it('stops, refuses connections, and starts again on the same port', async () => {
    if (!nginx) throw new Error('nginx did not start');
    const { port } = nginx;
    const first = nginx.process;
    await nginx.stop();
    expect(nginx.process?.exitCode ?? nginx.process?.signalCode).not.toBeNull();
    expect(await portAccepts(port)).toBe(false);
    const refused = await run(ffmpeg, pushArgs(nginx.rtmpUrl('live', 'test'))).done;
    expect(refused.code).not.toBe(0);

    await nginx.start();
    expect(nginx.port).toBe(port);
    expect(nginx.process).not.toBe(first);
    expect(await portAccepts(port)).toBe(true);
    await probeWhilePushing(nginx, 'again');
  });
});
