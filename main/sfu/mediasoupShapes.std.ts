import type { types } from 'mediasoup';
import { z } from 'zod';
import { SfuError } from './sfuErrors.std';

// mediasoup's own objects arrive from viewers and broadcasters as untrusted JSON. These schemas
// check the outline (so a wrong body gets a message naming the field) and let mediasoup validate
// the details it knows best; extra fields pass, as mediasoup-client and the demo scripts send them.

const rtpCodecParameters = z
  .object({
    mimeType: z.string().regex(/^(audio|video)\/[\w.-]+$/i, 'must look like video/H264'),
    payloadType: z.number().int().min(0).max(127),
    clockRate: z.number().int().positive(),
    channels: z.number().int().positive().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    rtcpFeedback: z.array(z.object({ type: z.string() }).loose()).optional(),
  })
  .loose();

export const rtpParametersSchema = z
  .object({
    mid: z.string().optional(),
    codecs: z.array(rtpCodecParameters).min(1).max(16),
    headerExtensions: z.array(z.object({ uri: z.string(), id: z.number().int() }).loose()).max(32).optional(),
    encodings: z.array(z.object({ ssrc: z.number().int().min(0).max(0xffffffff).optional() }).loose()).max(8).optional(),
    rtcp: z.object({ cname: z.string().optional() }).loose().optional(),
  })
  .loose();

export const rtpCapabilitiesSchema = z
  .object({
    codecs: z
      .array(z.object({ kind: z.enum(['audio', 'video']), mimeType: z.string(), clockRate: z.number().int().positive() }).loose())
      .max(64)
      .optional(),
    headerExtensions: z.array(z.object({ uri: z.string() }).loose()).max(64).optional(),
  })
  .loose();

export const dtlsParametersSchema = z
  .object({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z.array(z.object({ algorithm: z.string(), value: z.string() })).min(1).max(8),
  })
  .loose();

/** Checks the outline with `schema`, then hands the value to mediasoup as its own type. */
export function asMediasoup<T>(schema: z.ZodType, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new SfuError('invalid', describeIssue(parsed.error, what));
  // The outline is checked; mediasoup validates every detail it relies on and throws TypeError.
  return parsed.data as T;
}

export const asRtpParameters = (value: unknown): types.RtpParameters => asMediasoup(rtpParametersSchema, value, 'rtpParameters');
export const asRtpCapabilities = (value: unknown): types.RtpCapabilities => asMediasoup(rtpCapabilitiesSchema, value, 'rtpCapabilities');
export const asDtlsParameters = (value: unknown): types.DtlsParameters => asMediasoup(dtlsParametersSchema, value, 'dtlsParameters');

/** The first issue as `where.it.is: what is wrong`, under `root` when given. */
export function describeIssue(error: z.ZodError, root?: string): string {
  const issue = error.issues[0];
  const path = [...(root !== undefined ? [root] : []), ...(issue?.path.map(String) ?? [])];
  const where = path.length > 0 ? `${path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid'}`;
}
