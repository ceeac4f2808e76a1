import { describe, expect, it } from 'vitest';
import { createStudioTranslator } from '../../app/i18n/studioTranslator.std';
import { draftOf, draftProblems, inputOf, newDraft, withPlatform } from './destinationDraft.std';

const en = createStudioTranslator('en');

describe('the destination form draft', () => {
  it('starts from the preset and follows platform changes unless the merchant edited the fields', () => {
    const youtube = newDraft('youtube');
    expect(youtube).toMatchObject({ name: 'YouTube', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', enabled: true, streamKey: '' });
    expect(withPlatform(youtube, 'douyin')).toMatchObject({ name: 'Douyin 抖音', serverUrl: '' });
    const edited = { ...youtube, name: 'Main', serverUrl: 'rtmps://a.rtmps.youtube.com:443/live2' };
    expect(withPlatform(edited, 'twitch')).toMatchObject({ name: 'Main', serverUrl: 'rtmps://a.rtmps.youtube.com:443/live2' });
  });

  it('sends a key only when one was typed, so an edit keeps the saved key', () => {
    const saved = draftOf({ id: 'd1', platform: 'twitch', name: 'Twitch', serverUrl: 'rtmp://live.twitch.tv/app', enabled: true, hasKey: true });
    expect(saved.streamKey).toBe('');
    expect(inputOf({ ...saved, enabled: false })).toEqual({ id: 'd1', platform: 'twitch', name: 'Twitch', serverUrl: 'rtmp://live.twitch.tv/app', enabled: false });
    expect(inputOf({ ...saved, streamKey: ' live_1 ' }).streamKey).toBe('live_1');
    expect(inputOf(newDraft())).not.toHaveProperty('id');
  });

  it('names each field’s problem', () => {
    expect(draftProblems(newDraft('youtube'), en)).toEqual({ name: null, serverUrl: null, streamKey: null });
    const bad = { ...newDraft('youtube'), name: ' ', serverUrl: 'rtmp://a.rtmp.youtube.com/live2/key', streamKey: 'a b' };
    expect(draftProblems(bad, en)).toEqual({
      name: 'Give the destination a name.',
      serverUrl: expect.stringMatching(/stream key in it/),
      streamKey: expect.stringMatching(/spaces/),
    });
  });
});
