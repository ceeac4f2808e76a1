import { describe, expect, it } from 'vitest';
import { parseStudioArgs, studioUsage } from './studioArgs.std';

describe('parseStudioArgs', () => {
  it('defaults to any free port on the loopback address', () => {
    expect(parseStudioArgs([], {})).toEqual({ ok: true, args: { host: '127.0.0.1', port: 4820, portChosen: false, dataDir: null, logJson: false } });
  });

  it('reads --port, --host and --data-dir', () => {
    expect(parseStudioArgs(['--port', '5190', '--host', '0.0.0.0', '--data-dir', '/tmp/shop'], {})).toEqual({
      ok: true,
      args: { host: '0.0.0.0', port: 5190, portChosen: true, dataDir: '/tmp/shop', logJson: false },
    });
  });

  it('puts the JSON log on stderr with --log-json or SHOPCAST_LOG_JSON=1', () => {
    expect(parseStudioArgs(['--log-json', '--port', '0'], {})).toMatchObject({ ok: true, args: { logJson: true, port: 0 } });
    expect(parseStudioArgs([], { SHOPCAST_LOG_JSON: '1' })).toMatchObject({ ok: true, args: { logJson: true } });
  });

  it('accepts port 0 and port 65535', () => {
    expect(parseStudioArgs(['--port', '0'], {})).toMatchObject({ ok: true, args: { port: 0, portChosen: true } });
    expect(parseStudioArgs(['--port', '65535'], {})).toMatchObject({ ok: true, args: { port: 65535 } });
  });

  it('takes SHOPCAST_PORT and SHOPCAST_HOST from the environment, with flags winning', () => {
    const env = { SHOPCAST_PORT: '7000', SHOPCAST_HOST: '::1' };
    expect(parseStudioArgs([], env)).toMatchObject({ ok: true, args: { host: '::1', port: 7000 } });
    expect(parseStudioArgs(['--port', '7001'], env)).toMatchObject({ ok: true, args: { host: '::1', port: 7001 } });
  });

  it.each(['65536', 'abc', '-1', '80.5', '', ' 80'])('refuses the port "%s" with a message saying what a port is', (port) => {
    expect(parseStudioArgs(['--port', port], {})).toEqual({
      ok: false,
      message: `The port must be a number from 0 to 65535 (0 picks a free one), not "${port}".`,
    });
  });

  it('refuses a bad SHOPCAST_PORT the same way', () => {
    expect(parseStudioArgs([], { SHOPCAST_PORT: 'http' })).toMatchObject({ ok: false, message: expect.stringContaining('not "http"') });
  });

  it('refuses an unknown option, with the usage', () => {
    expect(parseStudioArgs(['--verbose'], {})).toEqual({ ok: false, message: `Unknown option --verbose. ${studioUsage}` });
  });

  it.each(['--port', '--host', '--data-dir'])('refuses %s without a value, with the usage', (flag) => {
    expect(parseStudioArgs([flag], {})).toEqual({ ok: false, message: `${flag} needs a value. ${studioUsage}` });
  });

  it('answers the usage for --help and -h', () => {
    expect(parseStudioArgs(['--help'], {})).toEqual({ ok: false, message: studioUsage });
    expect(parseStudioArgs(['--port', '80', '-h'], {})).toEqual({ ok: false, message: studioUsage });
  });
});
