import { z } from 'zod';
import { rtpParametersSchema } from './mediasoupShapes.std';

// Node-to-node piping of a show's producers (issue 14, "video across nodes"): the receiving node
// asks the node that has the broadcaster with `POST /rooms/:roomId/pipe`, a long poll that answers
// when the source's producers differ from what the receiver already holds. Both ends are room
// nodes of one cluster sharing the room token, yet the body is still untrusted JSON.

const ipAddress = z.union([z.ipv4(), z.ipv6()]);
const portNumber = z.number().int().min(1).max(65535);
const producerId = z.string().min(1).max(64);

export const srtpParametersSchema = z.strictObject({
  cryptoSuite: z.enum(['AEAD_AES_256_GCM', 'AEAD_AES_128_GCM', 'AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32']),
  keyBase64: z.string().min(1).max(200),
});

/** The longest a source holds a request open before answering "nothing changed". */
export const PIPE_MAX_WAIT_MS = 30_000;

export const pipeRequestSchema = z.strictObject({
  /** The receiving show's id for itself: the source keeps that receiver's transports under it. */
  node: z.string().regex(/^[\w-]{1,64}$/),
  /** The receiver's pipe transport, where the source sends RTP. */
  ip: ipAddress,
  port: portNumber,
  srtpParameters: srtpParametersSchema,
  /** The source's producers the receiver pipes already. */
  known: z.array(producerId).max(64),
  waitMs: z.number().int().min(0).max(PIPE_MAX_WAIT_MS),
});
export type PipeRequest = z.infer<typeof pipeRequestSchema>;

export const pipedProducerSchema = z.strictObject({
  producerId,
  kind: z.enum(['audio', 'video']),
  rtpParameters: rtpParametersSchema,
  paused: z.boolean(),
});
export type PipedProducer = z.infer<typeof pipedProducerSchema>;

export const pipeAnswerSchema = z.strictObject({
  /** The source's pipe transport for `producers`; null when there are none new. */
  transport: z.strictObject({ ip: ipAddress, port: portNumber, srtpParameters: srtpParametersSchema }).nullable(),
  producers: z.array(pipedProducerSchema).max(64),
  /** Known producers the source no longer has: the receiver closes its copies. */
  closed: z.array(producerId).max(64),
});
export type PipeAnswer = z.infer<typeof pipeAnswerSchema>;
