import type { types } from 'mediasoup';
import type { ConsumerInfo, SfuRequest, SfuResults } from '../../contract/room/sfuSignalling.std';
import type { Logger } from '../log/logger.std';
import { asDtlsParameters, asRtpCapabilities } from './mediasoupShapes.std';
import type { SfuConfig } from './sfuConfig.std';
import { SfuError, sfuErrorFrom } from './sfuErrors.std';
import type { ViewerSfu } from './showSfuTypes.std';

// One viewer's receive side: a single WebRTC transport and a consumer per producer of the show.
// A second createConsumerTransport replaces the first (the player starts over after an ICE
// failure or a reset), so a viewer never holds more than one transport's ports.

export interface ViewerSide extends ViewerSfu {
  /** The worker died with the router: the transport and consumers are gone already. */
  forgetTransport(): void;
  readonly closed: boolean;
}

export interface ViewerSfuDeps {
  router(): Promise<types.Router>;
  producers(): types.Producer[];
  config: SfuConfig;
  log: Logger;
  onClose(): void;
}

type Handlers = { [M in SfuRequest['method']]: (request: Extract<SfuRequest, { method: M }>) => Promise<SfuResults[M]> };

export function createViewerSfu(deps: ViewerSfuDeps): ViewerSide {
  const { config, log } = deps;
  let transport: types.WebRtcTransport | null = null;
  const consumers = new Map<string, types.Consumer>();
  /** Producers consumed or being consumed: consume() twice at once must not double them. */
  const consumed = new Set<string>();
  let closed = false;

  const forgetTransport = (): void => {
    transport = null;
    consumers.clear();
    consumed.clear();
  };
  const ownTransport = (transportId: string): types.WebRtcTransport => {
    if (!transport || transport.id !== transportId || transport.closed) {
      throw new SfuError('not-found', `transport "${transportId}" is not this viewer's transport (create one first)`);
    }
    return transport;
  };
  const consumeOne = async (on: types.WebRtcTransport, producer: types.Producer, rtpCapabilities: types.RtpCapabilities): Promise<ConsumerInfo | null> => {
    consumed.add(producer.id);
    let consumer: types.Consumer;
    try {
      // Paused until the player has its track wired (mediasoup's advice): no keyframe is lost.
      consumer = await on.consume({ producerId: producer.id, rtpCapabilities, paused: true });
    } catch (error) {
      if (transport === on) consumed.delete(producer.id);
      // The producer closed meanwhile: nothing to consume, not an error for the viewer.
      if (producer.closed) return null;
      throw sfuErrorFrom(error, `consuming producer "${producer.id}" failed`);
    }
    if (transport !== on) {
      consumer.close();
      return null;
    }
    consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => {
      consumers.delete(consumer.id);
      if (transport === on) consumed.delete(producer.id);
    });
    return { id: consumer.id, producerId: producer.id, kind: consumer.kind, rtpParameters: consumer.rtpParameters };
  };

  const handlers: Handlers = {
    async getRouterRtpCapabilities() {
      return (await deps.router()).rtpCapabilities;
    },
    async createConsumerTransport() {
      const router = await deps.router();
      let created: types.WebRtcTransport;
      try {
        created = await router.createWebRtcTransport({
          listenIps: [{ ip: config.listenIp, ...(config.announcedIp !== null ? { announcedIp: config.announcedIp } : {}) }],
          enableUdp: true,
          enableTcp: true,
          preferUdp: true,
        });
      } catch (error) {
        throw sfuErrorFrom(error, 'creating the viewer transport failed');
      }
      if (closed) {
        created.close();
        throw new SfuError('conflict', 'the viewer left');
      }
      const previous = transport;
      forgetTransport();
      previous?.close();
      transport = created;
      created.observer.once('close', () => {
        if (transport === created) forgetTransport();
      });
      return { id: created.id, iceParameters: created.iceParameters, iceCandidates: created.iceCandidates, dtlsParameters: created.dtlsParameters };
    },
    async connectTransport({ transportId, dtlsParameters }) {
      const own = ownTransport(transportId);
      try {
        await own.connect({ dtlsParameters: asDtlsParameters(dtlsParameters) });
      } catch (error) {
        throw sfuErrorFrom(error, 'connecting the viewer transport failed');
      }
      return { connected: true };
    },
    async consume({ transportId, rtpCapabilities }) {
      const own = ownTransport(transportId);
      const capabilities = asRtpCapabilities(rtpCapabilities);
      const router = await deps.router();
      const fresh = deps.producers().filter((producer) => !consumed.has(producer.id) && !producer.closed);
      const playable = fresh.filter((producer) => router.canConsume({ producerId: producer.id, rtpCapabilities: capabilities }));
      if (playable.length < fresh.length) {
        log.debug('viewer cannot play some producers', { unplayable: fresh.filter((producer) => !playable.includes(producer)).map((producer) => producer.id) });
      }
      const answers = await Promise.all(playable.map((producer) => consumeOne(own, producer, capabilities)));
      return { consumers: answers.filter((answer): answer is ConsumerInfo => answer !== null) };
    },
    async resumeConsumer({ consumerId }) {
      const consumer = consumers.get(consumerId);
      if (!consumer) throw new SfuError('not-found', `consumer "${consumerId}" is not this viewer's`);
      try {
        await consumer.resume();
      } catch (error) {
        throw sfuErrorFrom(error, 'resuming the consumer failed');
      }
      return { resumed: true };
    },
  };

  return {
    get closed() {
      return closed;
    },
    async handle<R extends SfuRequest>(request: R): Promise<SfuResults[R['method']]> {
      if (closed) throw new SfuError('conflict', 'the viewer left');
      // Callers validate with sfuRequestSchema; an unvalidated method still gets a clear refusal.
      const handler = handlers[request.method] as ((request: R) => Promise<SfuResults[R['method']]>) | undefined;
      if (!handler) throw new SfuError('invalid', `unknown SFU method "${String(request.method)}"`);
      return handler(request);
    },
    forgetTransport,
    close() {
      if (closed) return;
      closed = true;
      const last = transport;
      forgetTransport();
      last?.close();
      deps.onClose();
    },
  };
}
