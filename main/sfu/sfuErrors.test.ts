import { describe, expect, it } from 'vitest';
import { roomErrorCodeOf, SfuError, sfuErrorFrom } from './sfuErrors.std';

describe('SFU errors', () => {
  it("keep mediasoup's meaning: bad parameters are the caller's, closed objects a conflict, the rest a failure", () => {
    expect(sfuErrorFrom(new TypeError('missing rtcpPort'), 'connecting').code).toBe('invalid');
    const unsupported = Object.assign(new Error('media codec not supported'), { name: 'UnsupportedError' });
    expect(sfuErrorFrom(unsupported, 'producing')).toMatchObject({ code: 'invalid', message: 'producing: media codec not supported' });
    expect(sfuErrorFrom(Object.assign(new Error('closed'), { name: 'InvalidStateError' }), 'x').code).toBe('conflict');
    expect(sfuErrorFrom(new Error('boom'), 'x').code).toBe('failed');
    const own = new SfuError('video-off', 'no worker');
    expect(sfuErrorFrom(own, 'x')).toBe(own);
  });

  it('map onto the room socket codes', () => {
    expect(roomErrorCodeOf(new SfuError('video-off', 'no worker'))).toBe('video-off');
    expect(roomErrorCodeOf(new SfuError('not-found', 'no such transport'))).toBe('not-found');
    expect(roomErrorCodeOf(new SfuError('invalid', 'bad dtls'))).toBe('invalid');
    expect(roomErrorCodeOf(new SfuError('conflict', 'viewer left'))).toBe('failed');
    expect(roomErrorCodeOf(new Error('anything else'))).toBe('failed');
  });
});
