import { z } from 'zod';

// Where the SFU listens for media. The defaults keep media on the loopback interface: a studio
// that never goes out to real viewers exposes nothing. Serving viewers on other machines needs a
// routable listenIp (or 0.0.0.0 with an announcedIp the viewers can reach).

const ipAddress = z.union([z.ipv4(), z.ipv6()]);
const port = z.number().int().min(1024).max(65535);

/** 0.0.0.0 or :: listen everywhere but are not an address a viewer can send to. */
const isWildcard = (ip: string): boolean => ip === '0.0.0.0' || ip === '::';

export const sfuConfigSchema = z
  .strictObject({
    listenIp: ipAddress.default('127.0.0.1'),
    /** The address written into ICE candidates and plain-transport answers, when listenIp is not it (NAT, wildcard). */
    announcedIp: z.string().min(1).max(253).nullable().default(null),
    rtcMinPort: port.default(40000),
    rtcMaxPort: port.default(40999),
    maxWorkers: z.number().int().min(1).max(64).default(4),
  })
  .refine((config) => config.rtcMinPort <= config.rtcMaxPort, {
    message: 'rtcMinPort must not be above rtcMaxPort',
    path: ['rtcMinPort'],
  })
  .refine((config) => !isWildcard(config.listenIp) || config.announcedIp !== null, {
    message: 'listening on every interface needs an announcedIp that viewers can reach',
    path: ['announcedIp'],
  });

export type SfuConfig = z.infer<typeof sfuConfigSchema>;

export const defaultSfuConfig: SfuConfig = sfuConfigSchema.parse({});

export const SFU_ENV = {
  listenIp: 'SHOPCAST_SFU_LISTEN_IP',
  announcedIp: 'SHOPCAST_SFU_ANNOUNCED_IP',
  ports: 'SHOPCAST_SFU_PORTS',
  maxWorkers: 'SHOPCAST_SFU_MAX_WORKERS',
} as const;

export type SfuConfigParse = { ok: true; config: SfuConfig } | { ok: false; message: string };

/**
 * Reads SHOPCAST_SFU_LISTEN_IP, SHOPCAST_SFU_ANNOUNCED_IP, SHOPCAST_SFU_PORTS (`40000-40999`) and
 * SHOPCAST_SFU_MAX_WORKERS over the defaults; a wrong value is reported, never silently ignored.
 */
export function sfuConfigFromEnv(env: Readonly<Record<string, string | undefined>>): SfuConfigParse {
  const input: Record<string, unknown> = {};
  const listenIp = nonEmpty(env[SFU_ENV.listenIp]);
  if (listenIp !== undefined) input.listenIp = listenIp;
  const announcedIp = nonEmpty(env[SFU_ENV.announcedIp]);
  if (announcedIp !== undefined) input.announcedIp = announcedIp;
  const ports = nonEmpty(env[SFU_ENV.ports]);
  if (ports !== undefined) {
    const range = /^(\d{1,5})\s*-\s*(\d{1,5})$/.exec(ports);
    if (!range) return { ok: false, message: `${SFU_ENV.ports} must look like 40000-40999, not "${ports}"` };
    input.rtcMinPort = Number(range[1]);
    input.rtcMaxPort = Number(range[2]);
  }
  const maxWorkers = nonEmpty(env[SFU_ENV.maxWorkers]);
  if (maxWorkers !== undefined) {
    if (!/^\d{1,2}$/.test(maxWorkers)) return { ok: false, message: `${SFU_ENV.maxWorkers} must be a whole number, not "${maxWorkers}"` };
    input.maxWorkers = Number(maxWorkers);
  }
  const parsed = sfuConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, message: `SFU settings: ${where}${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, config: parsed.data };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
