import { execFile } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { cameraSource, productCardSource, sampleProduct, textSource } from '../contract/scenePresets.std';
import { SCENES_VERSION, type SceneCollection } from '../contract/schemas/scene.std';

// The one benchmark scene (../shared/BENCH-SCENE.md): camera + 400×200 product card at (20, 500)
// + a 36 px bold white text line at (20, 20), all in 720p pixels.

export const BENCH_TEXT = 'LIVE - Shopcast bench - 20% off today only';

export function benchSceneCollection(): SceneCollection {
  const fraction = (x: number, y: number, width: number, height: number) => ({ x: x / 1280, y: y / 720, width: width / 1280, height: height / 720 });
  const camera = { ...cameraSource('bench-camera'), mirrorPreview: false };
  return {
    version: SCENES_VERSION,
    activeSceneId: 'bench',
    testPattern: false,
    scenes: [
      {
        id: 'bench',
        name: 'Bench',
        preset: 'custom',
        sources: [
          camera,
          productCardSource('bench-card', { ...sampleProduct, name: 'Bench product' }, fraction(20, 500, 400, 200)),
          textSource('bench-text', BENCH_TEXT, fraction(20, 20, 900, 50)),
        ],
      },
    ],
  };
}

const run = promisify(execFile);

/**
 * The camera clip as Chromium's fake camera wants it (.y4m), made once and cached: FFmpeg's
 * testsrc2 with a 440 Hz tone track, as the bench scene says (a few seconds, looped by Chromium).
 */
export async function benchCameraY4m(cacheDir: string, ffmpeg: string, width: number, height: number, seconds: number): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `camera-${width}x${height}-${seconds}s.y4m`);
  try {
    await access(file);
    return file;
  } catch {
    await run(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=30`, '-t', String(seconds), '-pix_fmt', 'yuv420p', file], {
      maxBuffer: 1024 * 1024,
    });
    return file;
  }
}

/** A 400×200 card picture for the plain-FFmpeg floor (Shopcast draws its card natively). */
export async function benchCardPng(cacheDir: string, ffmpeg: string): Promise<string> {
  const file = path.join(cacheDir, 'card.png');
  try {
    await access(file);
  } catch {
    await run(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=white:s=400x200', '-frames:v', '1', file]);
  }
  return file;
}
