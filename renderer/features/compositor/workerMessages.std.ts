import type { LiveLayers } from '../../../contract/schemas/liveLayers.std';
import type { Scene } from '../../../contract/schemas/scene.std';
import type { MediaTransportSpec } from '../../media/mediaTransport.dom';

// The page ↔ compositor worker protocol. Same origin, same build: typed, not re-validated.

export interface OutputFormat {
  width: number;
  height: number;
  fps: number;
}

export type ToCompositor =
  | { type: 'start'; preview: OffscreenCanvas; transport: MediaTransportSpec }
  | {
      type: 'program';
      output: OutputFormat;
      scene: Scene;
      testPattern: boolean;
      liveLayers: LiveLayers;
    }
  /** The preview's size on screen, in device pixels. */
  | { type: 'previewSize'; width: number; height: number }
  /** A capture's frames (null: the capture ended). */
  | { type: 'video'; key: string; frames: ReadableStream<VideoFrame> | null }
  | { type: 'stop' };

export interface CompositorStats {
  /** Frames produced in the last second. */
  fps: number;
  framesSent: number;
  /** Not sent: the core was behind (no credit) or the compositor was late. */
  framesDropped: number;
  /** Of those dropped, the ones the compositor itself was too late for (the rest had no credit). */
  framesLate: number;
  /** Milliseconds spent composing a frame, mean over the last second. */
  composeMs: number;
  /** Which way the last frame was composed. */
  path: 'i420' | 'canvas';
}

export type FromCompositor =
  | { type: 'stats'; stats: CompositorStats }
  | { type: 'error'; message: string }
  /** Every video frame it held is closed: the page may terminate it. */
  | { type: 'stopped' };
