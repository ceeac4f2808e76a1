// Where the studio's own room listens and how its process is started, from the environment:
// the same for `npm run studio` (a child process) and the app (a utilityProcess). Its port is
// fixed (4821) so a printed QR code keeps working from one show to the next; a taken default
// falls back to a free one, a chosen port does not.

export const DEFAULT_STUDIO_ROOM_PORT = 4821;
export const STUDIO_ROOM_ID = 'shop';

export interface StudioRoomOptions {
  port: number;
  portChosen: boolean;
  /** `npm run room`'s arguments but --port. */
  args: string[];
}

export function studioRoomOptions(env: Readonly<Record<string, string | undefined>>, roomDataDir: string): StudioRoomOptions {
  const portText = env['SHOPCAST_ROOM_PORT'];
  const publicUrl = env['SHOPCAST_ROOM_PUBLIC_URL'];
  // Behind a reverse proxy (or a load generator speaking as one), viewers' own addresses come from X-Forwarded-For.
  const proxies = (env['SHOPCAST_ROOM_TRUST_PROXY'] ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  return {
    port: portText ? Number(portText) : DEFAULT_STUDIO_ROOM_PORT,
    portChosen: Boolean(portText),
    args: [
      '--host',
      env['SHOPCAST_ROOM_HOST'] ?? '0.0.0.0',
      '--data-dir',
      roomDataDir,
      '--room',
      STUDIO_ROOM_ID,
      ...(publicUrl ? ['--public-url', publicUrl] : []),
      ...proxies.flatMap((proxy) => ['--trust-proxy', proxy]),
    ],
  };
}
