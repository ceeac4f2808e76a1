import type { SceneCollection } from '../../../contract/schemas/scene.std';
import type { SourceStatus } from '../../store/scenesSlice.std';
import { describeCaptureError } from './captureErrors.std';
import { deviceProblemOf } from '../../media/deviceProblem.std';
import { capturesNeeded, type VideoSource } from './captureKeys.std';

interface Capture {
  key: string;
  source: VideoSource;
  sourceIds: string[];
  stream: MediaStream | null;
  status: SourceStatus;
  /** Bumped on every (re)start, so a late answer from an abandoned attempt is ignored. */
  attempt: number;
}

export interface CaptureManager {
  /** Opens what the scenes need (cameras right away; screens wait for "Share screen"), closes the rest. */
  sync(collection: SceneCollection): void;
  /** Must run from a click: browsers only share a screen on a user gesture. */
  shareScreen(): Promise<void>;
  retry(key: string): void;
  stream(key: string): MediaStream | null;
  /** Called with the key whenever a capture's stream appears, changes or goes away. */
  onStreamChange(listener: (key: string, stream: MediaStream | null) => void): () => void;
  dispose(): void;
}

export interface CaptureDeps {
  mediaDevices: MediaDevices;
  reportStatus: (sourceId: string, status: SourceStatus | null) => void;
}

/**
 * Owns the camera and screen captures the scenes use. A failure becomes a clear status on the
 * sources that use it (the compositor draws a slate there); nothing else stops.
 */
export function createCaptureManager(deps: CaptureDeps): CaptureManager {
  const captures = new Map<string, Capture>();
  const listeners = new Set<(key: string, stream: MediaStream | null) => void>();

  const setStatus = (capture: Capture, status: SourceStatus) => {
    capture.status = status;
    for (const id of capture.sourceIds) deps.reportStatus(id, status);
  };
  const setStream = (capture: Capture, stream: MediaStream | null) => {
    capture.stream?.getTracks().forEach((track) => track.stop());
    capture.stream = stream;
    for (const listener of listeners) listener(capture.key, stream);
  };

  function watch(capture: Capture, stream: MediaStream): void {
    const [track] = stream.getVideoTracks();
    track?.addEventListener('ended', () => {
      if (capture.stream !== stream) return;
      setStream(capture, null);
      const name = capture.source.kind === 'camera' ? 'ended' : 'NotAllowedError';
      setStatus(capture, { state: 'error', message: describeCaptureError(capture.source.kind, { name }), problem: deviceProblemOf(name) });
    });
  }

  async function start(capture: Capture, getStream: () => Promise<MediaStream>): Promise<void> {
    const attempt = ++capture.attempt;
    setStatus(capture, { state: 'starting' });
    try {
      const stream = await getStream();
      if (captures.get(capture.key) !== capture || capture.attempt !== attempt) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      setStream(capture, stream);
      watch(capture, stream);
      setStatus(capture, { state: 'live' });
    } catch (error) {
      if (capture.attempt !== attempt) return;
      const source = capture.source;
      const format = source.kind === 'camera' ? `${source.captureWidth}×${source.captureHeight} at ${source.captureFps} fps` : undefined;
      const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
      setStatus(capture, { state: 'error', message: describeCaptureError(source.kind, error, format), problem: deviceProblemOf(name) });
    }
  }

  const startCamera = (capture: Capture) => {
    const source = capture.source;
    if (source.kind !== 'camera') return;
    void start(capture, () =>
      deps.mediaDevices.getUserMedia({
        audio: false,
        video: {
          ...(source.deviceId ? { deviceId: { exact: source.deviceId } } : {}),
          width: { ideal: source.captureWidth },
          height: { ideal: source.captureHeight },
          frameRate: { ideal: source.captureFps },
        },
      }),
    );
  };

  // A camera plugged in (or back in) is picked up without the merchant doing anything.
  const onDeviceChange = () => {
    for (const capture of captures.values()) {
      if (capture.source.kind === 'camera' && capture.status.state === 'error') startCamera(capture);
    }
  };
  deps.mediaDevices.addEventListener('devicechange', onDeviceChange);

  return {
    sync(collection) {
      const needed = capturesNeeded(collection);
      for (const [key, capture] of captures) {
        if (needed.has(key)) continue;
        captures.delete(key);
        capture.attempt += 1;
        setStream(capture, null);
        for (const id of capture.sourceIds) deps.reportStatus(id, null);
      }
      for (const [key, { source, sourceIds }] of needed) {
        const existing = captures.get(key);
        if (existing) {
          const gone = existing.sourceIds.filter((id) => !sourceIds.includes(id));
          gone.forEach((id) => deps.reportStatus(id, null));
          existing.sourceIds = sourceIds;
          setStatus(existing, existing.status);
          continue;
        }
        const capture: Capture = { key, source, sourceIds, stream: null, status: { state: 'starting' }, attempt: 0 };
        captures.set(key, capture);
        if (source.kind === 'camera') startCamera(capture);
        else setStatus(capture, { state: 'error', message: 'Press "Share screen" to choose the screen or window to show.' });
      }
    },
    async shareScreen() {
      const capture = captures.get('screen');
      if (!capture) return;
      await start(capture, () => deps.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 30 } }, audio: false }));
    },
    retry(key) {
      const capture = captures.get(key);
      if (capture?.source.kind === 'camera') startCamera(capture);
    },
    stream: (key) => captures.get(key)?.stream ?? null,
    onStreamChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      deps.mediaDevices.removeEventListener('devicechange', onDeviceChange);
      for (const capture of captures.values()) {
        capture.attempt += 1;
        setStream(capture, null);
      }
      captures.clear();
    },
  };
}
