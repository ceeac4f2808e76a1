import { z } from 'zod';

// RTMP(S) destinations, and Shopcast rooms hosted elsewhere (`npm run room` on a server), (issue 5). A stream key is a secret: it goes renderer → core once, when
// the merchant types it, and never back. Messages here never quote the URL or the key, because the
// dispatcher logs validation messages and a pasted URL may hold a key.

export const destinationPlatforms = ['wechat-channels', 'douyin', 'taobao', 'tiktok', 'youtube', 'twitch', 'custom', 'shopcast-room'] as const;
export const destinationPlatformSchema = z.enum(destinationPlatforms);
export type DestinationPlatform = z.infer<typeof destinationPlatformSchema>;

export const MAX_DESTINATIONS = 20;
export const MAX_SERVER_URL_LENGTH = 1000;
export const MAX_STREAM_KEY_LENGTH = 1000;

/** Every platform but "custom" gives a server URL and a stream key as two separate fields. */
export const takesSeparateKey = (platform: DestinationPlatform): boolean => platform !== 'custom';

export const destinationIdSchema = z.string().min(1).max(100);

/** A destination as the renderer sees it: whether it has a key, never the key. */
export const destinationSchema = z.strictObject({
  id: destinationIdSchema,
  platform: destinationPlatformSchema,
  name: z.string().min(1).max(80),
  serverUrl: z.string().max(MAX_SERVER_URL_LENGTH),
  enabled: z.boolean(),
  hasKey: z.boolean(),
});
export type Destination = z.infer<typeof destinationSchema>;

/** Why a server URL can't be used for this platform, in words for the merchant; null when it can. */
export function serverUrlProblem(serverUrl: string, platform: DestinationPlatform): string | null {
  if (platform === 'shopcast-room') return roomUrlProblem(serverUrl.trim());
  const text = serverUrl.trim();
  if (text === '') return 'Enter the server URL (it starts with rtmp:// or rtmps://).';
  if (text.length > MAX_SERVER_URL_LENGTH) return `The server URL is longer than ${MAX_SERVER_URL_LENGTH} characters.`;
  if (/[\s\p{Cc}]/u.test(text)) return 'The server URL must not contain spaces or line breaks.';
  if (!/^rtmps?:\/\//i.test(text)) return 'The server URL must start with rtmp:// or rtmps://.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'The server URL is not a valid address.';
  }
  if (url.hostname === '') return 'The server URL has no server name after rtmp://.';
  if (url.username !== '' || url.password !== '') return 'The server URL must not contain a user name or password.';
  if (url.hash !== '') return 'The server URL must not contain “#”.';
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const app = segments[0];
  if (app === undefined) return 'The server URL needs the application after the server name, as in rtmp://a.rtmp.youtube.com/live2.';
  if (takesSeparateKey(platform) && (segments.length > 1 || url.search !== '')) {
    return `This looks like the whole push address with the stream key in it. Put only the server part (up to …/${app}) here and the rest in the Stream key field, where it is stored encrypted.`;
  }
  return null;
}

/** A Shopcast room server's room: http(s)://host[:port]/rooms/<room id>, pushed to through its broadcaster API. */
function roomUrlProblem(text: string): string | null {
  if (text === '') return 'Enter the room’s address, like https://live.example.com/rooms/shop.';
  if (text.length > MAX_SERVER_URL_LENGTH || /[\s\p{Cc}]/u.test(text)) return 'The room’s address must be one line without spaces.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'The room’s address is not a valid address.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The room’s address starts with https:// (or http:// on your own network).';
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return 'The room’s address has no user name, password, “?” or “#”: the room token goes in its own field.';
  if (!/^\/rooms\/[a-z0-9][a-z0-9-]{0,39}\/?$/.test(url.pathname)) return 'The room’s address ends with /rooms/ and the room’s id, like https://live.example.com/rooms/shop.';
  return null;
}

/** Why a stream key can't be used, or null. The key is never quoted. */
export function streamKeyProblem(streamKey: string): string | null {
  const key = streamKey.trim();
  if (key === '') return 'Enter the stream key.';
  if (key.length > MAX_STREAM_KEY_LENGTH) return `The stream key is longer than ${MAX_STREAM_KEY_LENGTH} characters.`;
  if (/[\s\p{Cc}]/u.test(key)) return 'The stream key must not contain spaces or line breaks.';
  if (/^rtmps?:\/\//i.test(key)) return 'This is an address, not a stream key: put the server part in Server URL and only the key here.';
  return null;
}

const streamKeySchema = z
  .string()
  .max(MAX_STREAM_KEY_LENGTH + 100)
  .superRefine((key, context) => {
    const problem = streamKeyProblem(key);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((key) => key.trim());

/**
 * What the renderer sends to save a destination: no id to add one. `streamKey` absent keeps the
 * stored key, null forgets it, a string replaces it.
 */
export const destinationInputSchema = z
  .strictObject({
    id: destinationIdSchema.optional(),
    platform: destinationPlatformSchema,
    name: z.string().trim().min(1, 'Give the destination a name.').max(80, 'Keep the name to 80 characters.'),
    serverUrl: z.string().max(MAX_SERVER_URL_LENGTH + 100).transform((url) => url.trim()),
    enabled: z.boolean(),
    streamKey: streamKeySchema.nullable().optional(),
  })
  .superRefine((input, context) => {
    const problem = serverUrlProblem(input.serverUrl, input.platform);
    if (problem) context.addIssue({ code: 'custom', path: ['serverUrl'], message: problem });
  });
export type DestinationInput = z.input<typeof destinationInputSchema>;
export type ValidDestinationInput = z.output<typeof destinationInputSchema>;

/** The address FFmpeg pushes to: the server URL and the key, joined by exactly one slash. */
export function joinPushUrl(serverUrl: string, streamKey: string | null): string {
  const server = serverUrl.trim().replace(/\/+$/, '');
  return streamKey === null ? server : `${server}/${streamKey.replace(/^\/+/, '')}`;
}
