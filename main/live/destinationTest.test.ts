import { spawn } from 'node:child_process';
import net from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { classifyRtmpTest, rtmpTestCheck, RTMP_TEST_TIMEOUT_MS, type RtmpTestRun } from './destinationTest.std';
import { createRtmpTester, runRtmpTest } from './destinationTest.node';
import { startNginxRtmp } from '../../testing/nginxRtmp.node';

// FFmpeg 5.1's stderr (-loglevel level+verbose, the test publish's), as it printed it on this
// machine for each case; the noise lines between them (encoder and stream lists) left out.
const stderrOf = {
  refused:
    '[tcp @ 0x55990b7e9580] [verbose] Starting connection attempt to 127.0.0.1 port 1\n' +
    '[tcp @ 0x55b7df27dd40] [error] Connection to tcp://127.0.0.1:1?tcp_nodelay=0 failed: Connection refused\n' +
    '[rtmp @ 0x55b7df27ecc0] [error] Cannot open connection tcp://127.0.0.1:1?tcp_nodelay=0\n' +
    '[error] rtmp://127.0.0.1:1/live/key: Connection refused\n',
  dns:
    '[tcp @ 0x555a9f32b3c0] [error] Failed to resolve hostname live-push.example.com: Name or service not known\n' +
    '[rtmp @ 0x555a9f32acc0] [error] Cannot open connection tcp://live-push.example.com:1935?tcp_nodelay=0\n' +
    '[error] rtmp://live-push.example.com/live/stream-key-123: Input/output error\n',
  // nginx-rtmp closing the connection on publish: `on_publish` answered 403, or no such application.
  closedOnPublish:
    '[tcp @ 0x55990b7e9580] [verbose] Starting connection attempt to 127.0.0.1 port 19380\n' +
    '[tcp @ 0x55990b7e9580] [verbose] Successfully connected to 127.0.0.1 port 19380\n' +
    '[error] rtmp://127.0.0.1:19380/guarded/stream-key-123: Input/output error\n',
  alreadyPublishing:
    '[tcp @ 0x55990b7e9580] [verbose] Successfully connected to 127.0.0.1 port 19380\n' +
    '[rtmp @ 0x556ba3af7cc0] [error] Server error: Already publishing\n' +
    '[error] rtmp://127.0.0.1:19380/live/dup: Operation not permitted\n',
  closedOnConnect:
    '[tcp @ 0x55a42ef57580] [verbose] Successfully connected to 127.0.0.1 port 19390\n' +
    '[rtmp @ 0x55a42ef58c00] [error] Cannot read RTMP handshake response\n' +
    '[error] rtmp://127.0.0.1:19390/live/key: Connection reset by peer\n',
  rtmpsToPlain:
    '[tcp @ 0x562be5115040] [verbose] Successfully connected to 127.0.0.1 port 19390\n' +
    '[tls @ 0x562be5115580] [error] Error in the pull function.\n' +
    '[tls @ 0x562be5115580] [error] IO error: End of file\n' +
    '[rtmps @ 0x562be5116c00] [error] Cannot open connection tls://127.0.0.1:19390\n' +
    '[error] rtmps://127.0.0.1:19390/live/key: End of file\n',
  // Killed at the time limit while the TCP connection attempt hung (a black-holed address).
  noAnswer: '[tcp @ 0x55990b7e9580] [verbose] Starting connection attempt to 10.255.255.1 port 1935\n',
};
const failed = (stderr: string, timedOut = false): RtmpTestRun => ({ code: timedOut ? null : 1, timedOut, stderr, spawnError: null });
const douyin = (url: string) => ({ id: 'd1', name: 'Douyin', url });

describe('FFmpeg’s RTMP errors, in the merchant’s words', () => {
  it('names each case as the shopkeeper would', () => {
    expect(classifyRtmpTest({ code: 0, timedOut: false, stderr: '', spawnError: null })).toBe('ready');
    expect(classifyRtmpTest(failed(stderrOf.refused))).toBe('unreachable');
    expect(classifyRtmpTest(failed(stderrOf.dns))).toBe('unresolved');
    expect(classifyRtmpTest(failed(stderrOf.closedOnPublish))).toBe('refused');
    expect(classifyRtmpTest(failed(stderrOf.alreadyPublishing))).toBe('busy');
    expect(classifyRtmpTest(failed(stderrOf.closedOnConnect))).toBe('unreachable');
    expect(classifyRtmpTest(failed(stderrOf.rtmpsToPlain))).toBe('secure-connection');
    expect(classifyRtmpTest(failed(stderrOf.noAnswer, true))).toBe('unreachable');
    expect(classifyRtmpTest({ code: null, timedOut: false, stderr: '', spawnError: 'spawn ffmpeg ENOENT' })).toBe('not-tested');
  });

  it('says the platform refused the key, or that the server cannot be reached or found, with the fix', () => {
    expect(rtmpTestCheck(douyin('rtmp://live-push.example.com/stage/stream-key-123'), failed(stderrOf.closedOnPublish), RTMP_TEST_TIMEOUT_MS)).toMatchObject({
      id: 'destination-d1',
      ok: false,
      message: 'Douyin refused the stream key',
      fix: expect.stringContaining("Copy the server URL and stream key again from Douyin's live console"),
    });
    expect(rtmpTestCheck(douyin('rtmp://live-push.example.com:1935/stage/k'), failed(stderrOf.noAnswer, true), RTMP_TEST_TIMEOUT_MS)).toMatchObject({
      ok: false,
      message: "Douyin: can't reach live-push.example.com",
      details: expect.stringContaining('No answer within 8 s.'),
    });
    expect(rtmpTestCheck(douyin('rtmp://live-push.example.com/stage/k'), failed(stderrOf.dns), RTMP_TEST_TIMEOUT_MS)).toMatchObject({
      message: "Douyin: can't find live-push.example.com",
      fix: expect.stringContaining('typo'),
    });
    expect(rtmpTestCheck(douyin('rtmp://127.0.0.1:1/live/k'), failed(stderrOf.refused), RTMP_TEST_TIMEOUT_MS).message).toBe("Douyin: can't reach 127.0.0.1");
    expect(rtmpTestCheck(douyin('rtmp://127.0.0.1/live/dup'), failed(stderrOf.alreadyPublishing), RTMP_TEST_TIMEOUT_MS).message).toBe('Douyin is already receiving a stream with this key');
    expect(rtmpTestCheck(douyin('rtmps://127.0.0.1:19390/live/k'), failed(stderrOf.rtmpsToPlain), RTMP_TEST_TIMEOUT_MS).message).toBe('Douyin: secure connection to 127.0.0.1 failed');
  });

  it('keeps FFmpeg’s own words for Details, without the stream key or object addresses', () => {
    const check = rtmpTestCheck(douyin('rtmp://live-push.example.com/live/stream-key-123'), failed(stderrOf.dns), RTMP_TEST_TIMEOUT_MS);
    expect(check.details).toBe(
      'The name live-push.example.com could not be looked up. FFmpeg said: [tcp] [error] Failed to resolve hostname live-push.example.com: Name or service not known | ' +
        '[rtmp] [error] Cannot open connection tcp://live-push.example.com:1935 | [error] rtmp://live-push.example.com/***: Input/output error',
    );
    expect(JSON.stringify(check)).not.toContain('stream-key-123');
  });
});

describe('the test publish with the real FFmpeg', () => {
  it('fails at once on a closed port, passes against nginx-rtmp, and shares a test already running for the same destination', async () => {
    const closed = net.createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as net.AddressInfo).port;
    closed.close();
    const refusedRun = await runRtmpTest({ ffmpegPath: 'ffmpeg', spawn }, `rtmp://127.0.0.1:${port}/live/key`);
    expect(rtmpTestCheck(douyin(`rtmp://127.0.0.1:${port}/live/key`), refusedRun, RTMP_TEST_TIMEOUT_MS).message).toBe("Douyin: can't reach 127.0.0.1");

    const nginx = await startNginxRtmp();
    try {
      const test = createRtmpTester({ spawn });
      const url = nginx.rtmpUrl('live', 'preflight');
      const startedAt = Date.now();
      // Two pre-flights at once publish once: a second publisher on the key would be refused.
      const [first, second] = await Promise.all([test('ffmpeg', url), test('ffmpeg', url)]);
      expect(second).toBe(first);
      expect(rtmpTestCheck(douyin(url), first, RTMP_TEST_TIMEOUT_MS)).toMatchObject({ ok: true, message: 'Douyin: ready' });
      // About a second of publishing, well inside the time limit.
      expect(Date.now() - startedAt).toBeLessThan(RTMP_TEST_TIMEOUT_MS);
      expect((await nginx.errorLog()).match(/publish: name='preflight'/g)).toHaveLength(1);
    } finally {
      await nginx.dispose();
    }
  }, 30_000);

  it('gives up at the time limit on a server that never answers', async () => {
    const silent = net.createServer((socket) => socket.on('data', () => {})).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const url = `rtmp://127.0.0.1:${(silent.address() as net.AddressInfo).port}/live/key`;
      const startedAt = Date.now();
      const run = await runRtmpTest({ ffmpegPath: 'ffmpeg', spawn, timeoutMs: 1500 }, url);
      expect(Date.now() - startedAt).toBeLessThan(4000);
      expect(run.timedOut).toBe(true);
      expect(rtmpTestCheck(douyin(url), run, 1500).message).toBe("Douyin: can't reach 127.0.0.1");
    } finally {
      silent.close();
    }
  });
});
