import { describe, expect, it } from 'vitest';
import { consoleHost, DEFAULT_STAFF_PORT, staffConsoleAddress } from './staffConsoleAddress.std';

describe('staffConsoleAddress', () => {
  it('listens on every interface on 4822 by default, falling back when busy', () => {
    expect(staffConsoleAddress({})).toEqual({ ok: true, host: '0.0.0.0', port: DEFAULT_STAFF_PORT, portChosen: false, tls: null });
  });

  it('takes SHOPCAST_STAFF_HOST and SHOPCAST_STAFF_PORT, a chosen port without fallback', () => {
    expect(staffConsoleAddress({ SHOPCAST_STAFF_HOST: '192.168.1.5', SHOPCAST_STAFF_PORT: '0' })).toEqual({ ok: true, host: '192.168.1.5', port: 0, portChosen: true, tls: null });
  });

  it('serves HTTPS with SHOPCAST_STAFF_TLS_CERT and SHOPCAST_STAFF_TLS_KEY, both or neither', () => {
    expect(staffConsoleAddress({ SHOPCAST_STAFF_TLS_CERT: '/etc/shop/cert.pem', SHOPCAST_STAFF_TLS_KEY: '/etc/shop/key.pem' })).toMatchObject({ ok: true, tls: { certFile: '/etc/shop/cert.pem', keyFile: '/etc/shop/key.pem' } });
    const half = staffConsoleAddress({ SHOPCAST_STAFF_TLS_CERT: '/etc/shop/cert.pem' });
    expect(half.ok ? null : half.message).toMatch(/needs both SHOPCAST_STAFF_TLS_CERT .* and SHOPCAST_STAFF_TLS_KEY/);
  });

  it('turns consoles off with the reason for a port that is not one', () => {
    for (const port of ['http', '-1', '70000', '48.5']) {
      const address = staffConsoleAddress({ SHOPCAST_STAFF_PORT: port });
      expect(address.ok ? null : address.message).toContain(`not "${port}"`);
    }
  });
});

describe('consoleHost', () => {
  it("names the LAN address when listening everywhere, else the listening address", () => {
    expect(consoleHost('0.0.0.0', '192.168.1.5')).toBe('192.168.1.5');
    expect(consoleHost('::', null)).toBe('127.0.0.1');
    expect(consoleHost('10.0.0.2', '192.168.1.5')).toBe('10.0.0.2');
    expect(consoleHost('fd00::2', null)).toBe('[fd00::2]');
  });
});
