import { execFile, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isExecutableFile, locateFfmpeg } from './ffmpegLocator.node';
import { probeFfmpeg } from './ffmpegProbe.node';
import { selectVideoEncoder, spawnFfmpegRunner, type FfmpegRunResult, type RunFfmpeg } from './encoderSelection.node';
import { outputProfileSpec } from './outputProfiles.std';

const output = outputProfileSpec('720p30');

/** A fake FFmpeg: answers per encoder named after `-c:v`, and records what it was asked. */
function fakeRun(answers: Record<string, FfmpegRunResult>) {
  const asked: string[] = [];
  const run: RunFfmpeg = (args) => {
    const encoder = args[args.indexOf('-c:v') + 1] ?? '';
    asked.push(encoder);
    return Promise.resolve(answers[encoder] ?? { exitCode: 1, stderr: `Unknown encoder '${encoder}'\n` });
  };
  return { run, asked };
}

const works: FfmpegRunResult = { exitCode: 0, stderr: '' };

describe('selectVideoEncoder', () => {
  it('takes the first hardware encoder whose test encode works', async () => {
    const { run, asked } = fakeRun({
      h264_nvenc: { exitCode: 1, stderr: '[h264_nvenc @ 0x1] Cannot load libcuda.so.1\nError initializing output stream\n' },
      h264_qsv: works,
      libx264: works,
    });
    const selection = await selectVideoEncoder({ h264Encoders: ['h264_nvenc', 'h264_qsv', 'h264_vaapi', 'libx264'], output, run, ffmpegPath: '/usr/bin/ffmpeg' });
    expect(selection).toEqual({
      ok: true,
      encoding: { encoder: 'h264_qsv' },
      trials: [
        { encoder: 'h264_nvenc', ok: false, detail: '[h264_nvenc @ 0x1] Cannot load libcuda.so.1' },
        { encoder: 'h264_qsv', ok: true, detail: '' },
      ],
    });
    expect(asked).toEqual(['h264_nvenc', 'h264_qsv']);
  });

  it('tries libx264 last whatever the order it was given in, and skips names it does not know', async () => {
    const { run, asked } = fakeRun({ libx264: works });
    const selection = await selectVideoEncoder({ h264Encoders: ['libx264', 'h264_omx', 'h264_vaapi'], output, run, ffmpegPath: 'ffmpeg' });
    expect(selection).toMatchObject({ ok: true, encoding: { encoder: 'libx264', preset: 'veryfast' } });
    expect(asked).toEqual(['h264_vaapi', 'libx264']);
  });

  it('says how to fix it when nothing works, naming what was tried and why it failed', async () => {
    const { run } = fakeRun({ libx264: { exitCode: null, stderr: '' } });
    const selection = await selectVideoEncoder({ h264Encoders: ['h264_vaapi', 'libx264'], output, run, ffmpegPath: '/opt/ffmpeg' });
    expect(selection.ok).toBe(false);
    if (selection.ok) return;
    expect(selection.message).toBe(
      "The FFmpeg at /opt/ffmpeg cannot encode H.264 on this computer. Tried h264_vaapi (Unknown encoder 'h264_vaapi'), libx264 (did not finish in time). " +
        'Install an FFmpeg built with libx264 (run `npm run setup`), or set FFMPEG_PATH to one that has it, then start Shopcast again.',
    );
  });

  it('says so when FFmpeg offers no H.264 encoder at all', async () => {
    const { run, asked } = fakeRun({});
    const selection = await selectVideoEncoder({ h264Encoders: [], output, run, ffmpegPath: '/usr/bin/ffmpeg' });
    expect(selection).toMatchObject({ ok: false, trials: [] });
    expect(!selection.ok && selection.message).toContain('It offers no H.264 encoder at all. Install an FFmpeg built with libx264 (run `npm run setup`), or set FFMPEG_PATH');
    expect(asked).toEqual([]);
  });

  it('with the real FFmpeg here (nvenc, qsv and vaapi listed, no hardware): every hardware trial fails and libx264 is chosen', async () => {
    const found = await locateFfmpeg({ env: process.env, ffmpegStaticPath: () => null, isExecutable: isExecutableFile, platform: process.platform });
    if (!found) throw new Error('FFmpeg is not installed on this machine');
    const probe = await probeFfmpeg(found.path, execFile);
    const run = spawnFfmpegRunner({ spawn, ffmpegPath: found.path, timeoutMs: 10_000 });
    const selection = await selectVideoEncoder({ h264Encoders: probe.h264Encoders, output, run, ffmpegPath: found.path });
    expect(selection).toMatchObject({ ok: true, encoding: { encoder: 'libx264', preset: 'veryfast' } });
    const hardware = selection.trials.filter((trial) => trial.encoder !== 'libx264');
    expect(hardware.length).toBe(probe.h264Encoders.length - 1);
    for (const trial of hardware) {
      expect(trial.ok).toBe(false);
      expect(trial.detail).not.toBe('');
    }
  });
});

describe('spawnFfmpegRunner', () => {
  it('answers the exit code and stderr of a real run', async () => {
    const run = spawnFfmpegRunner({ spawn, ffmpegPath: '/usr/bin/ffmpeg', timeoutMs: 10_000 });
    expect(await run(['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64', '-t', '0.1', '-f', 'null', '-'])).toEqual({ exitCode: 0, stderr: '' });
    const failed = await run(['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64', '-t', '0.1', '-c:v', 'no_such_encoder', '-f', 'null', '-']);
    expect(failed.exitCode).not.toBe(0);
    expect(failed.stderr).toContain("Unknown encoder 'no_such_encoder'");
  });

  it('kills a run that takes too long and answers a null exit code', async () => {
    // lavfi without -t never ends: only the timeout stops it.
    const run = spawnFfmpegRunner({ spawn, ffmpegPath: '/usr/bin/ffmpeg', timeoutMs: 300 });
    const result = await run(['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=64x64', '-f', 'null', '-']);
    expect(result.exitCode).toBeNull();
  });

  it('answers a null exit code with the reason when the binary does not exist', async () => {
    const run = spawnFfmpegRunner({ spawn, ffmpegPath: '/no/such/ffmpeg', timeoutMs: 1000 });
    const result = await run(['-version']);
    expect(result.exitCode).toBeNull();
    expect(result.stderr).toContain('ENOENT');
  });
});
