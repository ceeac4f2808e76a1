import { activeScene } from '../../store/sceneEdits.std';
import type { StudioState, StudioStore } from '../../store/studioStore.std';
import { requestMediaTransport } from '../../media/mediaTransport.dom';
import { outputSizes } from '../preview/outputSize.std';
import type { CaptureManager } from './captureManager.dom';
import type { FromCompositor, ToCompositor } from './workerMessages.std';

const OUTPUT_FPS = 30;

/**
 * Starts the compositor worker on the preview canvas and keeps it fed: the active scene, the live
 * layers, the output format, and the frames of every capture. Returns a stop function.
 */
export function startCompositor(store: StudioStore, captures: CaptureManager, canvas: HTMLCanvasElement): () => void {
  const worker = new Worker(new URL('./compositor.worker.ts', import.meta.url), { type: 'module', name: 'compositor' });
  const send = (message: ToCompositor, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  worker.onmessage = (event: MessageEvent<FromCompositor>) => {
    const message = event.data;
    if (message.type === 'stopped') worker.terminate();
    if (stopped) return;
    if (message.type === 'stats') {
      store.getState().compositorStatsReceived(message.stats);
      if (store.getState().compositorError) store.getState().compositorFailed(null);
    } else if (message.type === 'error') store.getState().compositorFailed(message.message);
  };
  worker.onerror = (event) => store.getState().compositorFailed(event.message || 'The compositor stopped.');

  const preview = canvas.transferControlToOffscreen();
  let stopped = false;
  void requestMediaTransport().then((transport) => {
    if (stopped) return;
    send({ type: 'start', preview, transport }, transport.kind === 'port' ? [preview, transport.port] : [preview]);
  });

  const postProgram = (state: StudioState) => {
    const collection = state.sceneCollection;
    const scene = collection && activeScene(collection);
    if (!collection || !scene) return;
    const { width, height } = outputSizes[state.settings.outputProfile];
    send({
      type: 'program',
      output: { width, height, fps: OUTPUT_FPS },
      scene,
      testPattern: collection.testPattern,
      liveLayers: state.liveLayers,
    });
  };
  const unsubscribeStore = store.subscribe((state, previous) => {
    if (state.sceneCollection !== previous.sceneCollection && state.sceneCollection) captures.sync(state.sceneCollection);
    if (
      state.sceneCollection !== previous.sceneCollection ||
      state.liveLayers !== previous.liveLayers ||
      state.settings.outputProfile !== previous.settings.outputProfile
    ) {
      postProgram(state);
    }
  });

  // Each capture's frames go to the worker as a transferred stream: pixels never touch this thread.
  const unsubscribeCaptures = captures.onStreamChange((key, stream) => {
    const track = stream?.getVideoTracks()[0];
    if (!track) {
      send({ type: 'video', key, frames: null });
      return;
    }
    const frames = new MediaStreamTrackProcessor({ track, maxBufferSize: 2 }).readable;
    send({ type: 'video', key, frames }, [frames]);
  });

  const resizes = new ResizeObserver(([entry]) => {
    const box = entry?.devicePixelContentBoxSize?.[0];
    const width = box ? box.inlineSize : Math.round((entry?.contentRect.width ?? 0) * devicePixelRatio);
    const height = box ? box.blockSize : Math.round((entry?.contentRect.height ?? 0) * devicePixelRatio);
    send({ type: 'previewSize', width, height });
  });
  resizes.observe(canvas);

  const initial = store.getState();
  if (initial.sceneCollection) captures.sync(initial.sceneCollection);
  postProgram(initial);

  return () => {
    stopped = true;
    resizes.disconnect();
    unsubscribeStore();
    unsubscribeCaptures();
    // The worker closes its frames and says so, then goes; a worker too busy to answer goes anyway.
    send({ type: 'stop' });
    setTimeout(() => worker.terminate(), 2000);
  };
}
