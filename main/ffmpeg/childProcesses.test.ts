import { describe, expect, it } from 'vitest';
import { endReason, redactStreamKeys } from './childProcesses.node';

describe('redactStreamKeys', () => {
  it('hides the app and key of every RTMP(S) URL in a line', () => {
    expect(redactStreamKeys("[flv @ 0x1] rtmp://live.example.com/app/sk_live_123: Connection refused")).toBe('[flv @ 0x1] rtmp://live.example.com/***: Connection refused');
    expect(redactStreamKeys("Output #0, flv, to 'rtmps://a.example.com:443/live2/abcd-efgh':")).toBe("Output #0, flv, to 'rtmps://a.example.com:443/***':");
    expect(redactStreamKeys('no url here')).toBe('no url here');
  });

  it('says how a process ended and what it said last', () => {
    expect(endReason(1, null, ['first', 'Connection refused'])).toBe('exit code 1: Connection refused');
    expect(endReason(null, 'SIGKILL', [])).toBe('signal SIGKILL');
  });
});
