import type { types } from 'mediasoup';
import type { Logger } from '../log/logger.std';
import type { SfuConfig } from './sfuConfig.std';
import { SfuError, sfuErrorFrom } from './sfuErrors.std';
import type {
  BroadcasterInfo,
  BroadcasterInput,
  BroadcasterPeer,
  PlainTransportAnswer,
  PlainTransportOptions,
  PlainTransportRemote,
  ProduceInput,
} from './showSfuTypes.std';

// The senders of a show: mediasoup-demo's "broadcaster" (server/lib/Room.js), restricted to plain
// RTP transports (FFmpeg, GStreamer). Bounded, because every transport holds UDP ports: one
// broadcaster normally sends one audio and one video transport.

export const BROADCASTER_LIMITS = { broadcasters: 4, transportsEach: 4, producersEach: 4 } as const;

interface Broadcaster {
  id: string;
  displayName: string;
  device: BroadcasterPeer['device'];
  transports: Map<string, types.PlainTransport>;
  producers: Map<string, types.Producer>;
}

export interface ShowBroadcasters {
  create(input: BroadcasterInput): Promise<{ peers: BroadcasterPeer[] }>;
  info(broadcasterId: string): BroadcasterInfo;
  delete(broadcasterId: string): void;
  createPlainTransport(broadcasterId: string, options: PlainTransportOptions): Promise<PlainTransportAnswer>;
  connectPlainTransport(broadcasterId: string, transportId: string, remote: PlainTransportRemote): Promise<void>;
  produce(broadcasterId: string, transportId: string, input: ProduceInput): Promise<{ id: string }>;
  resync(broadcasterId: string): Promise<void>;
  /** Every live producer of every broadcaster: what viewers consume. */
  producers(): types.Producer[];
  count(): number;
  /** After the worker died: its transports and producers are gone already, forget them. */
  forgetAll(): number;
  closeAll(): void;
}

export interface ShowBroadcastersDeps {
  router(): Promise<types.Router>;
  config: SfuConfig;
  log: Logger;
  /** A producer appeared or closed. */
  onProducersChanged(): void;
}

export function createShowBroadcasters(deps: ShowBroadcastersDeps): ShowBroadcasters {
  const { config, log } = deps;
  const broadcasters = new Map<string, Broadcaster>();

  const find = (broadcasterId: string): Broadcaster => {
    const broadcaster = broadcasters.get(broadcasterId);
    if (!broadcaster) throw new SfuError('not-found', `broadcaster "${broadcasterId}" does not exist`);
    return broadcaster;
  };
  const findTransport = (broadcaster: Broadcaster, transportId: string): types.PlainTransport => {
    const transport = broadcaster.transports.get(transportId);
    if (!transport) throw new SfuError('not-found', `transport "${transportId}" of broadcaster "${broadcaster.id}" does not exist`);
    return transport;
  };
  const answerOf = (transport: types.PlainTransport): PlainTransportAnswer => ({
    id: transport.id,
    ip: transport.tuple.localIp,
    port: transport.tuple.localPort,
    rtcpPort: transport.rtcpTuple?.localPort,
  });

  return {
    async create(input) {
      if (broadcasters.has(input.id)) throw new SfuError('conflict', `broadcaster "${input.id}" already exists`);
      if (broadcasters.size >= BROADCASTER_LIMITS.broadcasters) {
        throw new SfuError('conflict', `a show takes at most ${BROADCASTER_LIMITS.broadcasters} broadcasters: delete one first`);
      }
      // The router exists before the broadcaster does, so its transports have somewhere to go.
      const router = await deps.router();
      if (broadcasters.has(input.id)) throw new SfuError('conflict', `broadcaster "${input.id}" already exists`);
      const peers: BroadcasterPeer[] = [];
      const { rtpCapabilities } = input;
      if (rtpCapabilities) {
        for (const other of broadcasters.values()) {
          const producers = [...other.producers.values()]
            .filter((producer) => router.canConsume({ producerId: producer.id, rtpCapabilities }))
            .map((producer) => ({ id: producer.id, kind: producer.kind }));
          peers.push({ id: other.id, displayName: other.displayName, device: other.device, producers });
        }
      }
      broadcasters.set(input.id, {
        id: input.id,
        displayName: input.displayName,
        device: { flag: 'broadcaster', name: input.device.name, version: input.device.version },
        transports: new Map(),
        producers: new Map(),
      });
      log.info('broadcaster created', { broadcasterId: input.id, device: input.device.name });
      return { peers };
    },

    info(broadcasterId) {
      const broadcaster = find(broadcasterId);
      return {
        id: broadcaster.id,
        displayName: broadcaster.displayName,
        device: broadcaster.device,
        transports: [...broadcaster.transports.values()].map(answerOf),
        producers: [...broadcaster.producers.values()].map((producer) => ({
          id: producer.id,
          kind: producer.kind,
          paused: producer.paused,
          score: Math.max(0, ...producer.score.map((stream) => stream.score)),
        })),
      };
    },

    delete(broadcasterId) {
      const broadcaster = find(broadcasterId);
      broadcasters.delete(broadcasterId);
      // Closing a transport closes its producers; each producer's close tells viewers.
      for (const transport of broadcaster.transports.values()) transport.close();
      log.info('broadcaster deleted', { broadcasterId });
    },

    async createPlainTransport(broadcasterId, options) {
      const broadcaster = find(broadcasterId);
      if (broadcaster.transports.size >= BROADCASTER_LIMITS.transportsEach) {
        throw new SfuError('conflict', `a broadcaster takes at most ${BROADCASTER_LIMITS.transportsEach} transports`);
      }
      const router = await deps.router();
      let transport: types.PlainTransport;
      try {
        transport = await router.createPlainTransport({
          listenIp: { ip: config.listenIp, ...(config.announcedIp !== null ? { announcedIp: config.announcedIp } : {}) },
          comedia: options.comedia,
          rtcpMux: options.rtcpMux,
        });
      } catch (error) {
        throw sfuErrorFrom(error, 'creating the plain transport failed');
      }
      // Deleted meanwhile (or the worker died): don't leak the ports.
      if (broadcasters.get(broadcasterId) !== broadcaster) {
        transport.close();
        throw new SfuError('not-found', `broadcaster "${broadcasterId}" does not exist`);
      }
      broadcaster.transports.set(transport.id, transport);
      transport.observer.once('close', () => broadcaster.transports.delete(transport.id));
      return answerOf(transport);
    },

    async connectPlainTransport(broadcasterId, transportId, remote) {
      const transport = findTransport(find(broadcasterId), transportId);
      try {
        await transport.connect({ ip: remote.ip, port: remote.port, ...(remote.rtcpPort !== undefined ? { rtcpPort: remote.rtcpPort } : {}) });
      } catch (error) {
        throw sfuErrorFrom(error, 'connecting the plain transport failed');
      }
    },

    async produce(broadcasterId, transportId, input) {
      const broadcaster = find(broadcasterId);
      const transport = findTransport(broadcaster, transportId);
      if (broadcaster.producers.size >= BROADCASTER_LIMITS.producersEach) {
        throw new SfuError('conflict', `a broadcaster takes at most ${BROADCASTER_LIMITS.producersEach} producers`);
      }
      let producer: types.Producer;
      try {
        producer = await transport.produce({ kind: input.kind, rtpParameters: input.rtpParameters, paused: input.paused ?? false });
      } catch (error) {
        throw sfuErrorFrom(error, `creating the ${input.kind} producer failed`);
      }
      if (transport.closed) {
        producer.close();
        throw new SfuError('not-found', `transport "${transportId}" closed while the producer was being created`);
      }
      broadcaster.producers.set(producer.id, producer);
      producer.observer.once('close', () => {
        broadcaster.producers.delete(producer.id);
        deps.onProducersChanged();
      });
      log.info('broadcaster producer created', { broadcasterId, producerId: producer.id, kind: producer.kind, codec: input.rtpParameters.codecs[0]?.mimeType });
      deps.onProducersChanged();
      return { id: producer.id };
    },

    async resync(broadcasterId) {
      // mediasoup's consumers re-base their sequence numbers on the first keyframe after a resume
      // (SimpleConsumer's syncRequired): a pause and resume is how a sender's restart is told.
      for (const producer of find(broadcasterId).producers.values()) {
        try {
          await producer.pause();
          await producer.resume();
        } catch (error) {
          throw sfuErrorFrom(error, 'resyncing the producer failed');
        }
      }
    },

    producers: () => [...broadcasters.values()].flatMap((broadcaster) => [...broadcaster.producers.values()]),
    count: () => broadcasters.size,

    forgetAll() {
      const dropped = broadcasters.size;
      broadcasters.clear();
      return dropped;
    },

    closeAll() {
      for (const broadcaster of broadcasters.values()) {
        for (const transport of broadcaster.transports.values()) transport.close();
      }
      broadcasters.clear();
    },
  };
}
