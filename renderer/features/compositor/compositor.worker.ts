/// <reference lib="webworker" />
import { i420Bytes } from '../../../contract/media.std';
import { connectMedia, type MediaConnection } from '../../media/mediaTransport.dom';
import { createComposer, type Composer } from './composeFrame.dom';
import { createFrameClock, type FrameClock } from './frameClock.std';
import { LiveLayerAnimator, planFrame, type ProgramState } from './framePlan.dom';
import { ImageCache } from './images.dom';
import { OverlayRasters } from './overlayRasters.dom';
import type { CompositorStats, FromCompositor, OutputFormat, ToCompositor } from './workerMessages.std';

// The compositor: a worker with its own clock, so the program keeps its frame rate whatever the
// page is doing (React renders, a busy panel, a background tab).

declare const self: DedicatedWorkerGlobalScope;
const post = (message: FromCompositor) => self.postMessage(message);
const epochNow = () => performance.timeOrigin + performance.now();

const latest = new Map<string, VideoFrame>();
const readers = new Map<string, ReadableStreamDefaultReader<VideoFrame>>();
const images = new ImageCache();
const rasters = new OverlayRasters();
const animator = new LiveLayerAnimator();

let program: (ProgramState & { output: OutputFormat; testPattern: boolean }) | null = null;
let preview: OffscreenCanvasRenderingContext2D | null = null;
let media: MediaConnection | null = null;
let composer: Composer | null = null;
let previewSize = { width: 0, height: 0 };
let clock: FrameClock | null = null;
let clockFormat = '';
let running = false;

// Keeps only the newest frame of each capture: a slow tick never makes frames pile up.
async function readFrames(key: string, frames: ReadableStream<VideoFrame>): Promise<void> {
  const reader = frames.getReader();
  readers.set(key, reader);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      latest.get(key)?.close();
      latest.set(key, value);
    }
  } catch {
    // The capture ended under us: the slate takes over.
  } finally {
    if (readers.get(key) === reader) {
      readers.delete(key);
      latest.get(key)?.close();
      latest.delete(key);
    }
  }
}

function configure(output: OutputFormat): void {
  const format = `${output.width}x${output.height}@${output.fps}`;
  if (format === clockFormat) return;
  clockFormat = format;
  composer = createComposer(output.width, output.height, rasters);
  clock = createFrameClock(output.fps, performance.now());
  animator.frameMs = 1000 / output.fps;
  sizePreview();
}

// The preview canvas shows the output frames at the size the page displays them (never larger
// than the output): drawing more pixels than the screen shows is the preview's whole cost.
function sizePreview(): void {
  if (!preview || !program) return;
  const scale = Math.min(1, previewSize.width / program.width, previewSize.height / program.height);
  const width = Math.round(program.width * scale);
  const height = Math.round(program.height * scale);
  if (preview.canvas.width !== width || preview.canvas.height !== height) {
    preview.canvas.width = width;
    preview.canvas.height = height;
  }
  // Nearest-neighbour scaling: smoothing a 30 fps preview costs more CPU than it is worth.
  preview.imageSmoothingEnabled = false;
}

const stats = { produced: 0, sent: 0, dropped: 0, late: 0, composeMs: 0, path: 'canvas' as CompositorStats['path'] };

async function produce(): Promise<void> {
  if (!program || !composer || !media) return;
  const { width, height } = program;
  const started = performance.now();
  const sendTimeMs = epochNow();
  // Composed straight into the outgoing message when the core has room for it; for the preview
  // alone when it does not, and then the frame counts as dropped.
  const slot = media.sender.prepare({ kind: 'video-i420', width, height, sampleRate: 0, payloadBytes: i420Bytes(width, height), captureTimeMs: sendTimeMs });
  // Clones: a capture may replace (and close) its latest frame while this one is being composed.
  const clones: VideoFrame[] = [];
  const layers = planFrame(program, sendTimeMs, (key) => {
    const frame = latest.get(key);
    if (!frame) return null;
    const clone = frame.clone();
    clones.push(clone);
    return clone;
  }, images, animator);
  try {
    // The stamp carries the media channel's own sequence number, so a reader can match it to the core's.
    const sequence = media.sender.lastSequence('video-i420');
    stats.path = await composer.compose(layers, slot?.payload ?? null, program.testPattern ? { sequence, sendTimeMs } : null);
    if (preview && preview.canvas.width > 0) composer.drawPreview(preview, layers, stats.path);
  } finally {
    clones.forEach((clone) => clone.close());
  }
  rasters.retain(new Set(layers.flatMap((layer) => (layer.kind === 'overlay' ? [layer.item.id] : []))));
  if (slot) {
    slot.send();
    stats.sent += 1;
  } else stats.dropped += 1;
  stats.produced += 1;
  stats.composeMs += performance.now() - started;
}

// A task, not a microtask, with no timer clamp: a MessageChannel message is queued behind what is waiting.
const taskChannel = new MessageChannel();
const taskWaiters: (() => void)[] = [];
taskChannel.port1.onmessage = () => taskWaiters.shift()?.();
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    taskWaiters.push(resolve);
    taskChannel.port2.postMessage(null);
  });
}

async function run(): Promise<void> {
  running = true;
  let windowStart = performance.now();
  while (running) {
    if (!clock || !program) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const wait = clock.waitMs(performance.now());
    // Always through the event loop, even when behind: a frame composed without a real await
    // (the canvas path) would otherwise start the next at once, and the WebSocket that sends the
    // frames, the credits that come back and the camera's frames would never get their turn.
    await (wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : nextTask());
    const { skipped } = clock.next(performance.now());
    for (let index = 0; index < skipped; index += 1) media?.sender.skip('video-i420');
    stats.dropped += skipped;
    stats.late += skipped;
    try {
      await produce();
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
    clock.advance();
    const now = performance.now();
    if (now - windowStart >= 1000) {
      post({
        type: 'stats',
        stats: {
          fps: Math.round((stats.produced * 1000) / (now - windowStart)),
          framesSent: stats.sent,
          framesDropped: stats.dropped,
          framesLate: stats.late,
          composeMs: stats.produced ? Math.round((stats.composeMs / stats.produced) * 100) / 100 : 0,
          path: stats.path,
        },
      });
      windowStart = now;
      stats.produced = 0;
      stats.composeMs = 0;
    }
  }
}

self.onmessage = (event: MessageEvent<ToCompositor>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      preview = message.preview.getContext('2d', { alpha: false });
      sizePreview();
      media = connectMedia(message.transport);
      media.opened.catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
      if (!running) void run();
      break;
    case 'program': {
      program = {
        width: message.output.width,
        height: message.output.height,
        output: message.output,
        scene: message.scene,
        liveLayers: message.liveLayers,
        testPattern: message.testPattern,
      };
      configure(message.output);
      const used = new Set<string>();
      for (const source of message.scene.sources) {
        if (source.kind === 'image') used.add(source.image);
        if (source.kind === 'productCard' && source.product.photo) used.add(source.product.photo);
      }
      if (message.liveLayers.nowExplaining?.photo) used.add(message.liveLayers.nowExplaining.photo);
      images.retain(used);
      for (const url of used) images.get(url);
      break;
    }
    case 'previewSize':
      previewSize = { width: message.width, height: message.height };
      sizePreview();
      break;
    case 'video':
      void readers.get(message.key)?.cancel();
      if (message.frames) void readFrames(message.key, message.frames);
      break;
    case 'stop':
      running = false;
      media?.close();
      // Closed here rather than left to the garbage collector, which warns about every frame it
      // finds open (and the camera's pool stalls until then).
      void Promise.allSettled([...readers.values()].map((reader) => reader.cancel())).then(() => {
        for (const frame of latest.values()) frame.close();
        latest.clear();
        post({ type: 'stopped' });
      });
      break;
  }
};
