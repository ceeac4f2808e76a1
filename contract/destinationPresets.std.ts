import { destinationPlatforms, type DestinationPlatform } from './schemas/destination.std';

export interface DestinationPreset {
  platform: DestinationPlatform;
  label: string;
  /** Filled in for a new destination; empty where the platform issues a server URL per stream. */
  defaultServerUrl: string;
  separateKey: boolean;
  /** Where the merchant finds the server URL (and whether it changes for every show). */
  serverHint: string;
  keyHint: string;
}

// Only YouTube and Twitch publish stable ingest addresses. The Chinese platforms and TikTok hand
// out a server URL and a key for each live, so those presets start empty and say where to look.
export const destinationPresets: Readonly<Record<DestinationPlatform, DestinationPreset>> = {
  'wechat-channels': {
    platform: 'wechat-channels',
    label: 'WeChat Channels 视频号',
    defaultServerUrl: '',
    separateKey: true,
    serverHint: 'In 视频号助手 (channels.weixin.qq.com), create a live with push streaming (推流) and copy its 推流地址. It is new for every live.',
    keyHint: 'The 推流密钥 shown next to the 推流地址.',
  },
  douyin: {
    platform: 'douyin',
    label: 'Douyin 抖音',
    defaultServerUrl: '',
    separateKey: true,
    serverHint: 'In Douyin’s live console or 直播伴侣, start a live with third-party push (第三方推流) and copy the 推流地址. It is new for every live.',
    keyHint: 'The 推流密钥 (stream key) shown with the 推流地址.',
  },
  taobao: {
    platform: 'taobao',
    label: 'Taobao Live 淘宝直播',
    defaultServerUrl: '',
    separateKey: true,
    serverHint: 'In the 淘宝直播 console, create a live with push streaming (推流) and copy the 推流地址: its server part goes here. It is new for every live.',
    keyHint: 'The rest of the 推流地址 after the server part (the stream name and its auth parameters).',
  },
  tiktok: {
    platform: 'tiktok',
    label: 'TikTok',
    defaultServerUrl: '',
    separateKey: true,
    serverHint: 'TikTok shows a Server URL for each LIVE where your account can stream with a key (LIVE Producer on tiktok.com). It changes for every LIVE.',
    keyHint: 'The Stream key shown under the Server URL.',
  },
  youtube: {
    platform: 'youtube',
    label: 'YouTube',
    defaultServerUrl: 'rtmp://a.rtmp.youtube.com/live2',
    separateKey: true,
    serverHint: 'YouTube Studio → Go live → Stream settings: Stream URL. For an encrypted push use rtmps://a.rtmps.youtube.com:443/live2.',
    keyHint: 'YouTube Studio → Go live → Stream settings: Stream key.',
  },
  twitch: {
    platform: 'twitch',
    label: 'Twitch',
    defaultServerUrl: 'rtmp://live.twitch.tv/app',
    separateKey: true,
    serverHint: 'Twitch’s automatic ingest; a nearer ingest server from Twitch’s list works too.',
    keyHint: 'Creator Dashboard → Settings → Stream: Primary Stream key.',
  },
  custom: {
    platform: 'custom',
    label: 'Custom RTMP server',
    defaultServerUrl: '',
    separateKey: false,
    serverHint: 'The rtmp:// or rtmps:// address your server gives you. Put a stream key in its own field, so it is stored encrypted.',
    keyHint: 'Optional: what the server expects after the application in the address.',
  },
  'shopcast-room': {
    platform: 'shopcast-room',
    label: 'Shopcast room on your server',
    defaultServerUrl: '',
    separateKey: true,
    serverHint: 'The address of a room on your own Shopcast room server (npm run room), like https://live.example.com/rooms/shop.',
    keyHint: 'The room server’s token: SHOPCAST_ROOM_TOKEN, or the room-token file in its data folder.',
  },
};

export const presetList: readonly DestinationPreset[] = destinationPlatforms.map((platform) => destinationPresets[platform]);

/**
 * Splits a whole push address, pasted where only the server URL belongs, into the server part
 * (scheme, host, application) and the stream key (the rest). Null when there is nothing to split.
 */
export function splitPushAddress(address: string): { serverUrl: string; streamKey: string } | null {
  const match = /^(rtmps?:\/\/[^/?#\s]+\/[^/?#\s]+)\/+([^/?#\s][^#\s]*)$/i.exec(address.trim());
  const serverUrl = match?.[1];
  const streamKey = match?.[2];
  return serverUrl && streamKey ? { serverUrl, streamKey } : null;
}
