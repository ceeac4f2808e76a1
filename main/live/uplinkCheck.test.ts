import { describe, expect, it } from 'vitest';
import { uplinkCheck } from './uplinkCheck.std';

describe('uplinkCheck', () => {
  it('has nothing to say when nothing leaves the machine', () => {
    expect(uplinkCheck([], [])).toBeNull();
  });

  it('says it fits, or warns with the fix when the measured upload is short', () => {
    const outgoing = [
      { name: 'YouTube “Main”', kbps: 2628 },
      { name: 'Shop server', kbps: 2596 },
    ];
    expect(uplinkCheck(outgoing, [{ name: 'Shop server', kbps: 20_000 }])).toEqual({
      id: 'upload',
      ok: true,
      warning: false,
      message: 'This show sends about 5.2 Mb/s to 2 destinations; 20.0 Mb/s of upload measured to Shop server: it fits.',
    });
    expect(uplinkCheck(outgoing, [{ name: 'Shop server', kbps: 4000 }])).toMatchObject({
      warning: true,
      message: expect.stringMatching(/only 4\.0 Mb\/s of upload was measured to Shop server: the stream will stutter\. Lower the output to 720p/),
    });
  });

  it('asks the merchant to check when nothing could be measured', () => {
    expect(uplinkCheck([{ name: 'Twitch “Sales”', kbps: 2628 }], [])).toMatchObject({ warning: false, message: 'This show sends about 2.6 Mb/s to Twitch “Sales”. Make sure your connection\'s upload is comfortably above that.' });
  });
});
