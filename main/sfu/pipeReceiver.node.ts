import type { types } from 'mediasoup';
import type { Logger } from '../log/logger.std';
import type { SfuConfig } from './sfuConfig.std';
import { pipeAnswerSchema, type PipeAnswer } from './sfuPipeSchemas.std';

// The receiving side of node-to-node piping: a show with viewers and no broadcaster of its own
// asks the other room nodes (`--peers`) for theirs and produces what the first one answers into its
// own router, so its viewers consume as from a local broadcaster.
//
// Long polls, not polling on a timer: each request is held by the source until its producers
// differ from the ones this node already pipes (a broadcaster arrived, added a track, or left), so
// a broadcaster starting after the viewers is seen at once and a broadcaster leaving closes the
// copies here at once, with one request in flight per peer and nothing sent in between. A peer
// that dies breaks its request: the copies from it close, and viewers see video off as on the
// source node.

export interface PipeReceiverDeps {
  roomId: string;
  /** This show's id towards the sources: each keeps its transports for us under it. */
  node: string;
  /** The other room nodes' base URLs (`http://10.0.0.2:4830`). */
  peers: readonly string[];
  /** The room token, shared by the nodes of a cluster. */
  token: string;
  router(): Promise<types.Router>;
  config: SfuConfig;
  log: Logger;
  fetch: typeof fetch;
  /** A piped producer appeared or closed. */
  onProducersChanged(): void;
  /** How long a source may hold a request. */
  waitMs: number;
  /** The pause before asking a peer again after it failed. */
  retryMs: number;
}

export interface PipeReceiver {
  /** The producers piped in, what viewers consume besides the local broadcasters'. */
  producers(): types.Producer[];
  /** A viewer wants video and the show has no broadcaster: look on the peers (once: a running search goes on). */
  want(): void;
  /** No viewer left, or the router is gone: stop asking and close what was piped in. */
  stop(): void;
}

interface Piped {
  producer: types.Producer;
  transport: types.PipeTransport;
  peer: string;
}

interface Asked {
  answer: PipeAnswer;
  transport: types.PipeTransport;
}

export function createPipeReceiver(deps: PipeReceiverDeps): PipeReceiver {
  const { config, log, roomId } = deps;
  const piped = new Map<string, Piped>();
  const transports = new Map<types.PipeTransport, string>();
  let running: AbortController | null = null;
  let linked: string | null = null;

  const pipeUrl = (peer: string, node?: string): string =>
    `${peer}/rooms/${encodeURIComponent(roomId)}/pipe${node === undefined ? '' : `/${encodeURIComponent(node)}`}`;
  const knownFrom = (peer: string): string[] => [...piped.entries()].filter(([, entry]) => entry.peer === peer).map(([id]) => id);

  const pause = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });

  /** One long poll: our pipe transport first, its address in the request; the source's answer. */
  const ask = async (peer: string, signal: AbortSignal): Promise<Asked> => {
    const router = await deps.router();
    const transport = await router.createPipeTransport({
      listenIp: { ip: config.listenIp, ...(config.announcedIp !== null ? { announcedIp: config.announcedIp } : {}) },
      enableSrtp: true,
    });
    transports.set(transport, peer);
    transport.observer.once('close', () => transports.delete(transport));
    try {
      if (transport.srtpParameters === undefined) throw new Error('the pipe transport has no SRTP parameters');
      const response = await deps.fetch(pipeUrl(peer), {
        method: 'POST',
        headers: { authorization: `Bearer ${deps.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          node: deps.node,
          ip: transport.tuple.localIp,
          port: transport.tuple.localPort,
          srtpParameters: transport.srtpParameters,
          known: knownFrom(peer),
          waitMs: deps.waitMs,
        }),
        // A source that stopped answering is as gone as one that closed the connection.
        signal: AbortSignal.any([signal, AbortSignal.timeout(deps.waitMs + 10_000)]),
      });
      const body: unknown = await response.json();
      if (!response.ok) throw new Error(`${peer} answered ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
      const answer = pipeAnswerSchema.parse(body);
      for (const id of answer.closed) piped.get(id)?.producer.close();
      if (answer.transport === null || answer.producers.length === 0) transport.close();
      return { answer, transport };
    } catch (error) {
      transport.close();
      throw error;
    }
  };

  /** Produces the source's pipe consumers into our router under the same producer ids. */
  const adopt = async (peer: string, { answer, transport }: Asked): Promise<void> => {
    if (answer.transport === null) return;
    try {
      await transport.connect(answer.transport);
      for (const offered of answer.producers) {
        const producer = await transport.produce({
          id: offered.producerId,
          kind: offered.kind,
          rtpParameters: offered.rtpParameters as types.RtpParameters,
          paused: offered.paused,
        });
        piped.set(producer.id, { producer, transport, peer });
        producer.observer.once('close', () => {
          piped.delete(producer.id);
          if (![...piped.values()].some((entry) => entry.transport === transport)) transport.close();
          deps.onProducersChanged();
        });
      }
    } catch (error) {
      transport.close();
      throw error;
    }
    log.info('producers piped in from a node', { peer, producers: answer.producers.map((offered) => offered.producerId) });
    deps.onProducersChanged();
  };

  /** Asks every peer at once; the first with producers wins and the others' requests are cancelled. */
  const search = async (signal: AbortSignal): Promise<string | null> => {
    const searching = new AbortController();
    const either = AbortSignal.any([signal, searching.signal]);
    let winner: string | null = null;
    await Promise.all(
      deps.peers.map(async (peer) => {
        while (!either.aborted) {
          let asked: Asked;
          try {
            asked = await ask(peer, either);
          } catch (error) {
            if (either.aborted) return;
            log.debug('asking a peer node for the broadcaster failed', { peer, error: messageOf(error) });
            await pause(deps.retryMs, either);
            continue;
          }
          if (asked.answer.producers.length === 0) continue;
          if (winner !== null || signal.aborted) {
            // Another peer answered first (two nodes with a broadcaster): let this one go.
            asked.transport.close();
            void release(peer);
            return;
          }
          winner = peer;
          searching.abort();
          await adopt(peer, asked);
          return;
        }
      }),
    );
    return winner;
  };

  /** Long polls the linked peer until it has nothing left for us (its broadcaster left) or fails. */
  const follow = async (peer: string, signal: AbortSignal): Promise<void> => {
    while (!signal.aborted && knownFrom(peer).length > 0) {
      const asked = await ask(peer, signal);
      if (asked.answer.producers.length > 0) await adopt(peer, asked);
    }
  };

  const closeFrom = (peer: string): void => {
    for (const entry of [...piped.values()]) if (entry.peer === peer) entry.producer.close();
    for (const [transport, from] of [...transports]) if (from === peer) transport.close();
  };

  /** Tells a source to close what it holds for us now rather than when our lease runs out. */
  const release = async (peer: string): Promise<void> => {
    try {
      await deps.fetch(pipeUrl(peer, deps.node), { method: 'DELETE', headers: { authorization: `Bearer ${deps.token}` }, signal: AbortSignal.timeout(5000) });
    } catch (error) {
      log.debug('releasing a peer node\'s pipe failed; its lease will', { peer, error: messageOf(error) });
    }
  };

  const loop = async (signal: AbortSignal): Promise<void> => {
    while (!signal.aborted) {
      let peer: string | null = null;
      try {
        peer = await search(signal);
        if (!signal.aborted) linked = peer;
        if (peer !== null) await follow(peer, signal);
      } catch (error) {
        if (!signal.aborted) log.warn('the pipe from a peer node broke: its video here is off until a node has the broadcaster again', { peer, error: messageOf(error) });
      }
      // Stopped: stop() closed everything already, and a new search may be under way.
      if (signal.aborted) return;
      linked = null;
      if (peer !== null) closeFrom(peer);
      await pause(deps.retryMs, signal);
    }
  };

  return {
    producers: () => [...piped.values()].map((entry) => entry.producer),
    want() {
      if (running !== null || deps.peers.length === 0) return;
      const controller = new AbortController();
      running = controller;
      void loop(controller.signal).finally(() => {
        if (running === controller) running = null;
      });
    },
    stop() {
      if (running === null) return;
      running.abort();
      running = null;
      const peer = linked;
      for (const entry of [...piped.values()]) entry.producer.close();
      for (const transport of [...transports.keys()]) transport.close();
      if (peer !== null) void release(peer);
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
