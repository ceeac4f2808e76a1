import type { types } from 'mediasoup';
import type { VideoState } from '../../contract/room/sfuSignalling.std';
import type { Logger } from '../log/logger.std';
import { routerMediaCodecs } from './routerCodecs.std';
import type { SfuConfig } from './sfuConfig.std';
import { PIPE_MAX_WAIT_MS } from './sfuPipeSchemas.std';
import { SfuError, sfuErrorFrom } from './sfuErrors.std';
import { createPipeReceiver } from './pipeReceiver.node';
import { createPipeSource } from './pipeSource.node';
import { createShowBroadcasters } from './showBroadcasters.node';
import type { ShowSfu, ViewerNotify } from './showSfuTypes.std';
import { createViewerSfu, type ViewerSide } from './viewerSfu.node';
import type { WorkerPool } from './workerPool.node';

// One live room's SFU: a router on one pool worker, the broadcasters that send into it, the
// viewers that receive from it. The router is made on first use. When its worker dies, mediasoup
// closes everything on it: broadcasters are dropped (they find out with GET …/broadcasters/:id,
// docs/BROADCASTER-API.md), and once a worker is there again the router is recreated and every
// viewer is told to start over (`reset: true`). Viewers' sockets and the room's text side never
// notice beyond that frame.

/** The other room nodes of a cluster, asked for the broadcaster when this show has none (sfuPipe*). */
export interface ShowPipeOptions {
  peers: readonly string[];
  token: string;
  /** This show's id towards the other nodes. */
  node: string;
  fetch: typeof fetch;
  schedule(ms: number, run: () => void): () => void;
  /** How long a request to a peer is held; PIPE_MAX_WAIT_MS less a margin by default. */
  waitMs?: number;
  retryMs?: number;
}

export interface ShowSfuDeps {
  pool: WorkerPool;
  config: SfuConfig;
  log: Logger;
  roomId: string;
  /** None: this show serves other nodes' requests but asks none. */
  pipes?: ShowPipeOptions;
}

const timerSchedule = (ms: number, run: () => void): (() => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

const RESTARTING_REASON = 'Video to viewers is paused: the SFU worker stopped and is restarting.';

export function createShowSfu(deps: ShowSfuDeps): ShowSfu {
  const { pool, config, roomId } = deps;
  const log = deps.log.child('sfu').child(roomId);
  let closed = false;
  let router: types.Router | null = null;
  let routerPending: Promise<types.Router> | null = null;
  /** Set when the worker died under the router; cleared when viewers were told to reset. */
  let lost = false;
  let recovering = false;
  let changeQueued = false;
  const viewers = new Map<ViewerSide, ViewerNotify>();
  const changeListeners = new Set<() => void>();

  const ensureRouter = (): Promise<types.Router> => {
    if (closed) return Promise.reject(new SfuError('not-found', `the show "${roomId}" has ended`));
    if (router && !router.closed) return Promise.resolve(router);
    if (routerPending) return routerPending;
    const pending = createRouter();
    routerPending = pending;
    // Cleared after settling, never synchronously: a failed pick() must not leave a stale promise.
    pending.then(
      () => (routerPending === pending ? (routerPending = null) : undefined),
      () => (routerPending === pending ? (routerPending = null) : undefined),
    );
    return pending;
  };

  const createRouter = async (): Promise<types.Router> => {
    try {
      const worker = pool.pick();
      const created = await worker.createRouter({ mediaCodecs: [...routerMediaCodecs], appData: { roomId } });
      if (closed) {
        created.close();
        throw new SfuError('not-found', `the show "${roomId}" has ended`);
      }
      router = created;
      created.once('workerclose', () => onRouterLost(created, worker));
      log.info('router created', { routerId: created.id, workerPid: worker.pid });
      return created;
    } catch (error) {
      throw sfuErrorFrom(error, 'creating the show\'s router failed');
    }
  };

  const notifyAll = (reset: boolean): void => {
    const video = videoState();
    for (const [viewer, notify] of viewers) {
      if (viewer.closed) continue;
      try {
        notify({ type: 'video', video, reset });
      } catch (error) {
        log.error('notifying a viewer failed', { error });
      }
    }
  };

  /** Coalesced: deleting a broadcaster closes several producers in one go, viewers hear once. */
  const producersChanged = (): void => {
    if (changeQueued) return;
    changeQueued = true;
    queueMicrotask(() => {
      changeQueued = false;
      if (closed) return;
      // Other nodes piping from this show hear of a worker death too: their copies went dark with it.
      for (const listener of [...changeListeners]) listener();
      // After a worker death the reset frame says it all.
      if (lost) return;
      // A broadcaster of our own wins over a copy from another node; without one, look for one.
      if (broadcasters.producers().length > 0) pipeIn.stop();
      else if (viewers.size > 0) pipeIn.want();
      notifyAll(false);
    });
  };

  const broadcasters = createShowBroadcasters({ router: ensureRouter, config, log, onProducersChanged: producersChanged });
  const schedule = deps.pipes?.schedule ?? timerSchedule;
  const waitMs = deps.pipes?.waitMs ?? PIPE_MAX_WAIT_MS - 5000;
  const pipeOut = createPipeSource({
    router: ensureRouter,
    producers: () => broadcasters.producers(),
    onProducersChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    config,
    log,
    leaseMs: PIPE_MAX_WAIT_MS + 15_000,
    schedule,
  });
  const pipeIn = createPipeReceiver({
    roomId,
    node: deps.pipes?.node ?? roomId,
    peers: deps.pipes?.peers ?? [],
    token: deps.pipes?.token ?? '',
    router: ensureRouter,
    config,
    log,
    fetch: deps.pipes?.fetch ?? fetch,
    onProducersChanged: producersChanged,
    waitMs,
    retryMs: deps.pipes?.retryMs ?? 2000,
  });
  /** What viewers consume: the local broadcasters' producers, else those piped in from another node. */
  const allProducers = (): types.Producer[] => [...broadcasters.producers(), ...pipeIn.producers()];

  const onRouterLost = (dead: types.Router, worker: types.Worker): void => {
    if (router !== dead || closed) return;
    router = null;
    lost = true;
    const dropped = broadcasters.forgetAll();
    // Their transports died with the router; the search starts over on the new one.
    pipeIn.stop();
    for (const viewer of viewers.keys()) viewer.forgetTransport();
    log.warn('the SFU worker under this show died: broadcasters dropped, viewers will reconnect once the router is back', {
      workerPid: worker.pid,
      broadcastersDropped: dropped,
      viewers: viewers.size,
    });
    // Another worker alive: move there at once; else wait for the pool's replacement.
    if (pool.live() > 0) void recover();
  };

  const recover = async (): Promise<void> => {
    if (recovering || !lost || closed) return;
    recovering = true;
    try {
      const recreated = await ensureRouter();
      log.info('router recreated after the worker restart; viewers reset', { routerId: recreated.id, viewers: viewers.size });
      lost = false;
      if (viewers.size > 0) pipeIn.want();
      notifyAll(true);
    } catch (error) {
      log.error('recreating the router after the worker restart failed; waiting for the next worker', { error });
    } finally {
      recovering = false;
    }
  };

  const stopListening = pool.onReplaced(() => void recover());

  const videoState = (): VideoState => {
    if (closed) return { available: false, producers: 0, reason: 'The show has ended.' };
    if (pool.live() === 0) return { available: false, producers: 0, reason: RESTARTING_REASON };
    return { available: true, producers: allProducers().length, reason: null };
  };

  return {
    roomId,
    rtpCapabilities: async () => (await ensureRouter()).rtpCapabilities,
    videoState,
    createBroadcaster: (input) => broadcasters.create(input),
    broadcaster: (broadcasterId) => broadcasters.info(broadcasterId),
    deleteBroadcaster: (broadcasterId) => broadcasters.delete(broadcasterId),
    createPlainTransport: (broadcasterId, options) => broadcasters.createPlainTransport(broadcasterId, options),
    connectPlainTransport: (broadcasterId, transportId, remote) => broadcasters.connectPlainTransport(broadcasterId, transportId, remote),
    produce: (broadcasterId, transportId, input) => broadcasters.produce(broadcasterId, transportId, input),
    resyncBroadcaster: (broadcasterId) => broadcasters.resync(broadcasterId),
    openViewer(notify) {
      if (closed) throw new SfuError('not-found', `the show "${roomId}" has ended`);
      const viewer = createViewerSfu({
        router: ensureRouter,
        producers: allProducers,
        config,
        log,
        onClose: () => {
          viewers.delete(viewer);
          if (viewers.size === 0) pipeIn.stop();
        },
      });
      viewers.set(viewer, notify);
      if (broadcasters.producers().length === 0) pipeIn.want();
      return viewer;
    },
    pipeOut: (request, signal) => pipeOut.serve(request, signal),
    dropPipe: (node) => pipeOut.drop(node),
    close() {
      if (closed) return;
      closed = true;
      stopListening();
      for (const viewer of [...viewers.keys()]) viewer.close();
      viewers.clear();
      pipeIn.stop();
      pipeOut.closeAll();
      broadcasters.closeAll();
      router?.close();
      router = null;
      log.info('show SFU closed');
    },
  };
}
