import type { types } from 'mediasoup';
import type { Logger } from '../log/logger.std';
import type { SfuConfig } from './sfuConfig.std';
import { sfuErrorFrom } from './sfuErrors.std';
import type { PipeAnswer, PipeRequest } from './sfuPipeSchemas.std';

// The source side of node-to-node piping: another room node's show asks for this show's
// broadcasters' producers. mediasoup's router.pipeToRouter() does this within one process; across
// processes and hosts it is done by hand: a pipe transport connected to the receiver's, a pipe
// consumer per producer, and the consumers' RTP parameters in the answer for the receiver to
// produce with the same producer ids. Each receiver ("node") holds its transports on a lease that
// its long polls renew, so a receiver that vanishes without a word costs nothing for long.

export interface PipeSourceDeps {
  router(): Promise<types.Router>;
  /** This show's own broadcasters' producers, never producers piped in: two nodes never pipe in a circle. */
  producers(): types.Producer[];
  /** Calls `listener` after producers appeared or closed; answers the unsubscribe. */
  onProducersChanged(listener: () => void): () => void;
  config: SfuConfig;
  log: Logger;
  /** A receiver's transports outlive its last request by this much (its next long poll comes sooner). */
  leaseMs: number;
  schedule(ms: number, run: () => void): () => void;
}

export interface PipeSource {
  /** Waits up to request.waitMs for the producers to differ from request.known, then pipes the new ones. */
  serve(request: PipeRequest, signal: AbortSignal): Promise<PipeAnswer>;
  /** The receiver let go: its transports close now. */
  drop(node: string): void;
  closeAll(): void;
}

type Piped = { transport: NonNullable<PipeAnswer['transport']>; producers: PipeAnswer['producers'] };

interface Receiver {
  transports: Set<types.PipeTransport>;
  requests: number;
  cancelLease: () => void;
}

export function createPipeSource(deps: PipeSourceDeps): PipeSource {
  const { config, log } = deps;
  const receivers = new Map<string, Receiver>();

  const liveIds = (): Set<string> => new Set(deps.producers().filter((producer) => !producer.closed).map((producer) => producer.id));
  const differs = (known: ReadonlySet<string>): boolean => {
    const live = liveIds();
    return [...live].some((id) => !known.has(id)) || [...known].some((id) => !live.has(id));
  };

  const waitForChange = (known: ReadonlySet<string>, waitMs: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (differs(known) || signal.aborted) return resolve();
      const done = (): void => {
        unsubscribe();
        cancelTimer();
        signal.removeEventListener('abort', done);
        resolve();
      };
      const unsubscribe = deps.onProducersChanged(() => {
        if (differs(known)) done();
      });
      const cancelTimer = deps.schedule(waitMs, done);
      signal.addEventListener('abort', done);
    });

  const drop = (node: string): void => {
    const receiver = receivers.get(node);
    if (!receiver) return;
    receivers.delete(node);
    receiver.cancelLease();
    for (const transport of receiver.transports) transport.close();
    log.info('pipe receiver dropped', { node, transports: receiver.transports.size });
  };

  const receiverFor = (node: string): Receiver => {
    let receiver = receivers.get(node);
    if (!receiver) {
      receiver = { transports: new Set(), requests: 0, cancelLease: () => undefined };
      receivers.set(node, receiver);
    }
    return receiver;
  };

  const pipe = async (receiver: Receiver, request: PipeRequest, fresh: types.Producer[], signal: AbortSignal): Promise<Piped> => {
    const router = await deps.router();
    let transport: types.PipeTransport;
    try {
      transport = await router.createPipeTransport({
        listenIp: { ip: config.listenIp, ...(config.announcedIp !== null ? { announcedIp: config.announcedIp } : {}) },
        // Across hosts the media leaves the machine: encrypted like the viewers' WebRTC.
        enableSrtp: true,
      });
    } catch (error) {
      throw sfuErrorFrom(error, 'creating the pipe transport failed');
    }
    receiver.transports.add(transport);
    transport.observer.once('close', () => receiver.transports.delete(transport));
    try {
      await transport.connect({ ip: request.ip, port: request.port, srtpParameters: request.srtpParameters });
      const consumers: types.Consumer[] = [];
      for (const producer of fresh) {
        if (producer.closed) continue;
        consumers.push(await transport.consume({ producerId: producer.id }));
      }
      let open = consumers.length;
      for (const consumer of consumers) {
        // The broadcaster left: the consumer closed with its producer; the receiver hears it in its next answer.
        consumer.observer.once('close', () => {
          open -= 1;
          if (open === 0) transport.close();
        });
      }
      if (signal.aborted) throw new Error('the receiver gave up waiting');
      for (const consumer of consumers) {
        // A viewer on the receiving node gets a picture at the next keyframe: ask for one now.
        if (consumer.kind === 'video') await consumer.requestKeyFrame();
      }
      if (transport.srtpParameters === undefined) throw new Error('the pipe transport has no SRTP parameters');
      return {
        transport: { ip: transport.tuple.localIp, port: transport.tuple.localPort, srtpParameters: transport.srtpParameters },
        producers: consumers.map((consumer) => ({
          producerId: consumer.producerId,
          kind: consumer.kind,
          rtpParameters: consumer.rtpParameters as PipeAnswer['producers'][number]['rtpParameters'],
          paused: consumer.producerPaused,
        })),
      };
    } catch (error) {
      transport.close();
      throw sfuErrorFrom(error, 'piping the producers failed');
    }
  };

  return {
    async serve(request, signal) {
      const receiver = receiverFor(request.node);
      receiver.requests += 1;
      receiver.cancelLease();
      try {
        const known = new Set(request.known);
        await waitForChange(known, request.waitMs, signal);
        const live = liveIds();
        const closed = request.known.filter((id) => !live.has(id));
        const fresh = deps.producers().filter((producer) => !producer.closed && !known.has(producer.id));
        if (fresh.length === 0 || signal.aborted) return { transport: null, producers: [], closed };
        const { transport, producers } = await pipe(receiver, request, fresh, signal);
        log.info('producers piped to a node', { node: request.node, producers: producers.map((producer) => producer.producerId) });
        return { transport, producers, closed };
      } finally {
        receiver.requests -= 1;
        if (receiver.requests === 0 && receivers.get(request.node) === receiver) {
          receiver.cancelLease = deps.schedule(deps.leaseMs, () => drop(request.node));
        }
      }
    },
    drop,
    closeAll() {
      for (const node of [...receivers.keys()]) drop(node);
    },
  };
}
