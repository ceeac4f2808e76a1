import { describe, expect, it } from 'vitest';
import { uplinkCheck } from './uplinkCheck.std';

describe('uplinkCheck', () => {
  it('has nothing to say when nothing leaves the machine', () => {
    expect(uplinkCheck([], [])).toBeNull();
  });

  it('says it is enough, or warns with the fix when the measured upload is short', () => {
    const outgoing = [
      { name: 'YouTube “Main”', kbps: 2628 },
      { name: 'Shop server', kbps: 2596 },
    ];
    expect(uplinkCheck(outgoing, [{ name: 'Shop server', kbps: 20_000 }])).toEqual({
      id: 'upload',
      ok: true,
      warning: false,
      message: 'Upload: 20.0 Mb/s, enough for 2 destinations',
      details: 'This show sends about 5.2 Mb/s to YouTube “Main”, Shop server. 20.0 Mb/s of upload measured to Shop server.',
    });
    expect(uplinkCheck(outgoing, [{ name: 'Shop server', kbps: 4000 }])).toMatchObject({
      warning: true,
      message: 'Upload: 4.0 Mb/s, not enough for 2 destinations (they need 5.2 Mb/s)',
      fix: expect.stringMatching(/^The stream will stutter\. Lower the output to 720p/),
    });
  });

  it('asks the merchant to check when nothing could be measured', () => {
    expect(uplinkCheck([{ name: 'Twitch “Sales”', kbps: 2628 }], [])).toMatchObject({
      warning: false,
      message: 'Upload needed: 2.6 Mb/s for 1 destination',
      fix: "Make sure your connection's upload is comfortably above that (a speed test shows it).",
    });
  });
});
