import { z } from 'zod';
import { rtpCapabilitiesSchema, rtpParametersSchema } from './mediasoupShapes.std';

// The bodies of mediasoup-demo's broadcaster REST API (server/server.js, server/lib/Room.js), as
// its scripts (broadcasters/ffmpeg.sh, gstreamer.sh) send them. Fixed bodies are strict, so a typo
// is a 400 naming the field rather than a silently ignored option.

const ipAddress = z.union([z.ipv4(), z.ipv6()]);
const portNumber = z.number().int().min(1).max(65535);

/** Ids travel in URL paths: a safe alphabet keeps them printable and unambiguous. */
export const broadcasterIdSchema = z.string().regex(/^[\w.~-]{1,64}$/, 'must be 1–64 letters, digits, ".", "_", "~" or "-"');

export const createBroadcasterBodySchema = z.strictObject({
  id: broadcasterIdSchema,
  displayName: z.string().trim().min(1).max(100),
  // Extra device fields (flag, version …) are the demo clients' own business: kept loose.
  device: z.object({ name: z.string().trim().min(1).max(100), version: z.string().max(100).optional() }).loose(),
  rtpCapabilities: rtpCapabilitiesSchema.optional(),
});

export const createTransportBodySchema = z
  .strictObject({
    type: z.string(),
    // mediasoup-demo's defaults: the transport learns FFmpeg's address from its first packet.
    comedia: z.boolean().default(true),
    rtcpMux: z.boolean().default(false),
    /** Sent by the demo's WebRTC clients; plain transports carry no SCTP, so it is ignored. */
    sctpCapabilities: z.unknown().optional(),
  })
  .refine((body) => body.type === 'plain', {
    message: 'only plain RTP transports are served here: send {"type": "plain"}',
    path: ['type'],
  });

export const connectTransportBodySchema = z.strictObject({
  ip: ipAddress,
  port: portNumber,
  rtcpPort: portNumber.optional(),
});

export const createProducerBodySchema = z.strictObject({
  kind: z.enum(['audio', 'video']),
  rtpParameters: rtpParametersSchema,
  paused: z.boolean().optional(),
  appData: z.record(z.string(), z.unknown()).optional(),
});
