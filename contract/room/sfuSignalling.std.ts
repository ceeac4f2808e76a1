import { z } from 'zod';

// A viewer's player asks the room's SFU for a receive transport and consumers over the room
// socket. mediasoup's own objects (capabilities, ICE/DTLS parameters, RTP parameters) pass through
// as opaque JSON records: mediasoup validates them on the server, mediasoup-client on the page.

const mediasoupObject = z.record(z.string(), z.unknown());
const id = z.string().min(1).max(64);

export const sfuRequestSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('getRouterRtpCapabilities') }),
  z.strictObject({ method: z.literal('createConsumerTransport') }),
  z.strictObject({ method: z.literal('connectTransport'), transportId: id, dtlsParameters: mediasoupObject }),
  /** Consumes every producer of the show that this viewer does not consume yet, paused. */
  z.strictObject({ method: z.literal('consume'), transportId: id, rtpCapabilities: mediasoupObject }),
  z.strictObject({ method: z.literal('resumeConsumer'), consumerId: id }),
]);
export type SfuRequest = z.infer<typeof sfuRequestSchema>;
export type SfuMethod = SfuRequest['method'];

export const consumerTransportSchema = z.strictObject({
  id,
  iceParameters: mediasoupObject,
  iceCandidates: z.array(mediasoupObject),
  dtlsParameters: mediasoupObject,
});
export type ConsumerTransportInfo = z.infer<typeof consumerTransportSchema>;

export const consumerInfoSchema = z.strictObject({
  id,
  producerId: id,
  kind: z.enum(['audio', 'video']),
  rtpParameters: mediasoupObject,
});
export type ConsumerInfo = z.infer<typeof consumerInfoSchema>;

/** What each method answers. */
export interface SfuResults {
  getRouterRtpCapabilities: Record<string, unknown>;
  createConsumerTransport: ConsumerTransportInfo;
  connectTransport: { connected: true };
  consume: { consumers: ConsumerInfo[] };
  resumeConsumer: { resumed: true };
}

/** Whether the room can carry video, and if not, why in words a merchant can act on. */
export const videoStateSchema = z.strictObject({
  available: z.boolean(),
  /** Producers currently live in the show (0 before the broadcaster starts). */
  producers: z.number().int().nonnegative(),
  reason: z.string().max(500).nullable(),
});
export type VideoState = z.infer<typeof videoStateSchema>;
