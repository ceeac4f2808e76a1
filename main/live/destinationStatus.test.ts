import { describe, expect, it } from 'vitest';
import type { LiveDestination } from '../../contract/schemas/live.std';
import { restartDelayMs, rtmpRestartPolicy } from '../ffmpeg/restartPolicy.std';
import { downReason, nextDestinationStatus } from './destinationStatus.std';
import { rtmpAddressOf } from './rtmpReach.node';

const douyin: LiveDestination = { id: 'd1', kind: 'rtmp', name: 'Douyin', state: 'running', message: null, reason: null, retryInMs: null, restarts: 0, bitrateKbps: 2630 };
const detail = (why: string | null) => ({ message: why === null ? null : `Douyin stopped (${why})`, why, retryInMs: why === null ? null : 500, restarts: 1 });

describe('nextDestinationStatus', () => {
  it('says why a push is down in plain words from its failure until it runs again, and shows no bitrate meanwhile', () => {
    const down = nextDestinationStatus(douyin, 'retrying', detail('exit code 1: [error] Error writing trailer: Broken pipe'), 'live-push.example.com');
    expect(down).toMatchObject({ state: 'retrying', reason: 'lost the connection to live-push.example.com', bitrateKbps: null });
    const unreachable = nextDestinationStatus(down, 'retrying', detail("can't reach live-push.example.com"), 'live-push.example.com');
    expect(unreachable.reason).toBe("can't reach live-push.example.com");
    // The next attempt: still down, still the same reason, still no bitrate.
    const trying = nextDestinationStatus(unreachable, 'starting', detail(null), 'live-push.example.com');
    expect(trying).toMatchObject({ state: 'starting', reason: "can't reach live-push.example.com", bitrateKbps: null });
    const back = nextDestinationStatus(trying, 'running', detail(null), 'live-push.example.com');
    expect(back).toMatchObject({ state: 'running', reason: null, bitrateKbps: null });
    expect(nextDestinationStatus({ ...back, bitrateKbps: 2600 }, 'stopped', detail(null), 'x').bitrateKbps).toBeNull();
  });

  it('words FFmpeg’s failures for a shopkeeper', () => {
    expect(downReason('rtmp', 'it could not keep up with the stream', 'a.example')).toBe('a.example is not taking the stream fast enough');
    expect(downReason('rtmp', 'exit code 1: Failed to resolve hostname a.example', 'a.example')).toBe("can't find a.example");
    expect(downReason('rtmp', 'exit code 1: Connection refused', 'a.example')).toBe("can't reach a.example");
    expect(downReason('room', 'exit code 1', 'Your live room')).toBe('the live room stopped taking the stream');
  });
});

describe('RTMP retries', () => {
  it('try at least every second while the server is down', () => {
    for (let failures = 1; failures < 20; failures += 1) expect(restartDelayMs(rtmpRestartPolicy, failures)).toBeLessThanOrEqual(1000);
  });

  it('connect to the server the URL names', () => {
    expect(rtmpAddressOf('rtmp://live-push.example.com/live/key')).toEqual({ host: 'live-push.example.com', port: 1935 });
    expect(rtmpAddressOf('rtmps://a.example:8443/app/key')).toEqual({ host: 'a.example', port: 8443 });
    expect(rtmpAddressOf('rtmps://a.example/app')).toEqual({ host: 'a.example', port: 443 });
  });
});
