import type { observer, types } from 'mediasoup';

// When the show's first video reaches the SFU, seen from inside mediasoup: every producer made on
// the room's workers is found through mediasoup's observer API, and while armed, a new video
// producer's trace events ('rtp', 'keyframe') say when its first packet and its first keyframe
// (a frame a viewer can start from; mediasoup sees one only with SPS/PPS in-band) arrived.
// Tracing stops at that keyframe, so it costs nothing for the rest of the show.

export interface Arrival {
  /** performance.now() in this process when the producer's first RTP packet was traced. */
  firstRtpAt: number | null;
  /** performance.now() when its first keyframe was traced. */
  firstKeyframeAt: Promise<number>;
}

interface MediasoupWithObserver {
  observer: typeof observer;
}

export interface SfuArrivals {
  /** Wraps the room's requireModule: hooks mediasoup as the room loads it, before any worker starts. */
  requireModule(inner: (id: string) => unknown): (id: string) => unknown;
  /** Watches the next video producer made (the next Go Live's). */
  arm(): Arrival;
}

export function createSfuArrivals(): SfuArrivals {
  let hooked = false;
  let armed: { arrival: Arrival; resolve: (at: number) => void } | null = null;

  const onProducer = (producer: types.Producer) => {
    if (producer.kind !== 'video' || !armed) return;
    const { arrival, resolve } = armed;
    armed = null;
    producer.on('trace', (trace) => {
      const at = performance.now();
      if (trace.type === 'rtp' && arrival.firstRtpAt === null) arrival.firstRtpAt = at;
      if (trace.type === 'keyframe') {
        arrival.firstRtpAt ??= at;
        resolve(at);
        void producer.enableTraceEvent([]).catch(() => {});
      }
    });
    void producer.enableTraceEvent(['rtp', 'keyframe']).catch(() => {});
  };

  const hook = (mediasoup: MediasoupWithObserver) => {
    if (hooked) return;
    hooked = true;
    mediasoup.observer.on('newworker', (worker) =>
      worker.observer.on('newrouter', (router) => router.observer.on('newtransport', (transport) => transport.observer.on('newproducer', onProducer))),
    );
  };

  return {
    requireModule: (inner) => (id) => {
      const loaded = inner(id);
      if (id === 'mediasoup') hook(loaded as MediasoupWithObserver);
      return loaded;
    },
    arm() {
      let resolve: (at: number) => void = () => {};
      const arrival: Arrival = { firstRtpAt: null, firstKeyframeAt: new Promise<number>((done) => (resolve = done)) };
      armed = { arrival, resolve };
      return arrival;
    },
  };
}
