import { describe, expect, it } from 'vitest';
import { destinationPresets, presetList, splitPushAddress } from './destinationPresets.std';
import {
  destinationInputSchema,
  destinationPlatforms,
  joinPushUrl,
  serverUrlProblem,
  streamKeyProblem,
  takesSeparateKey,
  type DestinationPlatform,
} from './schemas/destination.std';

describe('destination presets', () => {
  it('has one preset per platform, in the platforms’ order, agreeing on the separate key', () => {
    expect(presetList.map((preset) => preset.platform)).toEqual([...destinationPlatforms]);
    for (const preset of presetList) {
      expect(preset.separateKey).toBe(takesSeparateKey(preset.platform));
      expect(preset.label).not.toBe('');
      expect(preset.serverHint).not.toBe('');
    }
  });

  it('fills in only the public, stable ingest addresses, and those are valid', () => {
    const defaults = Object.fromEntries(presetList.map((preset) => [preset.platform, preset.defaultServerUrl]));
    expect(defaults).toEqual({
      'wechat-channels': '',
      douyin: '',
      taobao: '',
      tiktok: '',
      youtube: 'rtmp://a.rtmp.youtube.com/live2',
      twitch: 'rtmp://live.twitch.tv/app',
      custom: '',
      'shopcast-room': '',
    });
    expect(serverUrlProblem(destinationPresets.youtube.defaultServerUrl, 'youtube')).toBeNull();
    expect(serverUrlProblem(destinationPresets.twitch.defaultServerUrl, 'twitch')).toBeNull();
    // A room on the merchant's own room server: its address, the token apart.
    expect(serverUrlProblem('https://live.example.com/rooms/shop', 'shopcast-room')).toBeNull();
    expect(serverUrlProblem('rtmp://live.example.com/live', 'shopcast-room')).toMatch(/starts with https/);
    expect(serverUrlProblem('https://live.example.com/shop', 'shopcast-room')).toMatch(/ends with \/rooms\//);
    expect(serverUrlProblem('https://live.example.com/rooms/shop?token=x', 'shopcast-room')).toMatch(/token goes in its own field/);
    // The RTMPS address the YouTube hint offers is valid too.
    expect(serverUrlProblem('rtmps://a.rtmps.youtube.com:443/live2', 'youtube')).toBeNull();
  });
});

describe('serverUrlProblem', () => {
  const cases: [string, DestinationPlatform, RegExp | null][] = [
    ['rtmp://push-rtmp-l1.douyincdn.com/third', 'douyin', null],
    ['rtmp://push-rtmp-l1.douyincdn.com/third/', 'douyin', null],
    ['RTMPS://live.example.com:1936/app', 'tiktok', null],
    ['  rtmp://live.twitch.tv/app  ', 'twitch', null],
    ['rtmp://192.168.1.20:1935/live/shop', 'custom', null],
    ['rtmp://origin.example.com/live/show?token=abc', 'custom', null],
    ['', 'youtube', /Enter the server URL/],
    ['https://a.rtmp.youtube.com/live2', 'youtube', /must start with rtmp:\/\/ or rtmps:\/\//],
    ['srt://a.example.com:9000', 'custom', /must start with rtmp:\/\//],
    ['rtmp://a.rtmp.youtube.com', 'youtube', /needs the application/],
    ['rtmp://a.rtmp.youtube.com/', 'custom', /needs the application/],
    ['rtmp:///live2', 'youtube', /no server name|not a valid address/],
    ['rtmp://a.rtmp.youtube.com/live 2', 'youtube', /spaces/],
    ['rtmp://user:secret@a.example.com/app', 'custom', /user name or password/],
    ['rtmp://a.example.com/app#x', 'custom', /“#”/],
    ['rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl', 'youtube', /whole push address with the stream key in it.*…\/live2/],
    ['rtmp://push.example.com/live?txSecret=abc&txTime=1', 'wechat-channels', /stream key in it/],
    [`rtmp://a.example.com/${'x'.repeat(1000)}`, 'custom', /longer than 1000/],
  ];
  it.each(cases)('%s for %s', (url, platform, expected) => {
    const problem = serverUrlProblem(url, platform);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('never quotes the URL, which may hold a key', () => {
    for (const url of ['rtmp://a.rtmp.youtube.com/live2/SECRETKEY', 'http://SECRETKEY', 'rtmp://u:SECRETKEY@h/app', 'rtmp://h/app?SECRETKEY']) {
      expect(serverUrlProblem(url, 'youtube')).not.toContain('SECRETKEY');
    }
  });
});

describe('streamKeyProblem', () => {
  it('accepts platform keys, with their query strings', () => {
    expect(streamKeyProblem('live_123456_abcdefghijklmnop')).toBeNull();
    expect(streamKeyProblem('stream-7312?expire=1760000000&sign=abcdef')).toBeNull();
  });
  it('refuses empty keys, spaces inside, addresses and very long keys', () => {
    expect(streamKeyProblem('  ')).toMatch(/Enter the stream key/);
    expect(streamKeyProblem('abc def')).toMatch(/spaces/);
    expect(streamKeyProblem('abc\ndef')).toMatch(/line breaks/);
    expect(streamKeyProblem('rtmp://host/app/key')).toMatch(/an address, not a stream key/);
    expect(streamKeyProblem('k'.repeat(1001))).toMatch(/longer than 1000/);
  });
});

describe('destinationInputSchema', () => {
  const base = { platform: 'youtube', name: ' Main ', serverUrl: ' rtmp://a.rtmp.youtube.com/live2 ', enabled: true } as const;
  it('trims, and tells keeping, removing and setting the key apart', () => {
    expect(destinationInputSchema.parse(base)).toEqual({ platform: 'youtube', name: 'Main', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', enabled: true });
    expect(destinationInputSchema.parse({ ...base, streamKey: null }).streamKey).toBeNull();
    expect(destinationInputSchema.parse({ ...base, streamKey: ' key-1 ' }).streamKey).toBe('key-1');
  });
  it('puts a server URL problem on the serverUrl field, and refuses unknown fields', () => {
    const result = destinationInputSchema.safeParse({ ...base, serverUrl: 'rtmp://a.rtmp.youtube.com/live2/key' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['serverUrl'], message: expect.stringMatching(/stream key in it/) });
    expect(destinationInputSchema.safeParse({ ...base, hasKey: true }).success).toBe(false);
    expect(destinationInputSchema.safeParse({ ...base, platform: 'facebook' }).success).toBe(false);
  });
});

describe('joinPushUrl and splitPushAddress', () => {
  it('joins server and key with exactly one slash', () => {
    expect(joinPushUrl('rtmp://a.rtmp.youtube.com/live2', 'k1')).toBe('rtmp://a.rtmp.youtube.com/live2/k1');
    expect(joinPushUrl('rtmp://h/third//', '/stream-1?sign=x')).toBe('rtmp://h/third/stream-1?sign=x');
    expect(joinPushUrl('rtmp://h/live/shop', null)).toBe('rtmp://h/live/shop');
  });

  it('splits a whole push address into the server part and the key', () => {
    expect(splitPushAddress('rtmp://a.rtmp.youtube.com/live2/abcd-efgh')).toEqual({ serverUrl: 'rtmp://a.rtmp.youtube.com/live2', streamKey: 'abcd-efgh' });
    expect(splitPushAddress(' rtmp://push.example.com/live/final_1?txSecret=a&txTime=b ')).toEqual({ serverUrl: 'rtmp://push.example.com/live', streamKey: 'final_1?txSecret=a&txTime=b' });
    expect(splitPushAddress('rtmps://h:443/app//key')).toEqual({ serverUrl: 'rtmps://h:443/app', streamKey: 'key' });
    for (const nothing of ['rtmp://h/app', 'rtmp://h/app/', 'rtmp://h/app?x=1', 'http://h/app/key', 'rtmp://h']) {
      expect(splitPushAddress(nothing)).toBeNull();
    }
    const split = splitPushAddress('rtmp://push.example.com/live/final_1?txSecret=a');
    if (!split) throw new Error('split expected');
    expect(serverUrlProblem(split.serverUrl, 'wechat-channels')).toBeNull();
    expect(streamKeyProblem(split.streamKey)).toBeNull();
  });
});
