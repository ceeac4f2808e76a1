import { describe, expect, it } from 'vitest';
import { defaultSfuConfig, sfuConfigFromEnv, sfuConfigSchema } from './sfuConfig.std';

describe('SFU settings', () => {
  it('keep media on the loopback interface unless told otherwise', () => {
    expect(defaultSfuConfig).toEqual({ listenIp: '127.0.0.1', announcedIp: null, rtcMinPort: 40000, rtcMaxPort: 40999, maxWorkers: 4 });
    expect(sfuConfigFromEnv({})).toEqual({ ok: true, config: defaultSfuConfig });
  });

  it('read the listen address, announced address, port range and workers from the environment', () => {
    const parsed = sfuConfigFromEnv({
      SHOPCAST_SFU_LISTEN_IP: '0.0.0.0',
      SHOPCAST_SFU_ANNOUNCED_IP: '203.0.113.7',
      SHOPCAST_SFU_PORTS: '41000-41099',
      SHOPCAST_SFU_MAX_WORKERS: '2',
    });
    expect(parsed).toEqual({ ok: true, config: { listenIp: '0.0.0.0', announcedIp: '203.0.113.7', rtcMinPort: 41000, rtcMaxPort: 41099, maxWorkers: 2 } });
  });

  it('say what is wrong instead of ignoring it', () => {
    expect(sfuConfigFromEnv({ SHOPCAST_SFU_PORTS: '41000' })).toEqual({ ok: false, message: 'SHOPCAST_SFU_PORTS must look like 40000-40999, not "41000"' });
    expect(sfuConfigFromEnv({ SHOPCAST_SFU_PORTS: '41099-41000' })).toMatchObject({ ok: false, message: expect.stringContaining('rtcMinPort must not be above rtcMaxPort') });
    expect(sfuConfigFromEnv({ SHOPCAST_SFU_LISTEN_IP: 'localhost' })).toMatchObject({ ok: false, message: expect.stringContaining('listenIp') });
    expect(sfuConfigFromEnv({ SHOPCAST_SFU_MAX_WORKERS: 'many' })).toMatchObject({ ok: false });
    // Wildcard listening would put 0.0.0.0 into viewers' ICE candidates.
    expect(sfuConfigFromEnv({ SHOPCAST_SFU_LISTEN_IP: '0.0.0.0' })).toMatchObject({ ok: false, message: expect.stringContaining('announcedIp') });
    expect(sfuConfigSchema.safeParse({ rtcMinPort: 80 }).success).toBe(false);
  });
});
