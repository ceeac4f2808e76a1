import { producerRtpParameters, type RtpPlan } from '../ffmpeg/rtpPlan.std';
import type { Logger } from '../log/logger.std';
import type { SfuTarget } from '../ffmpeg/ffmpegArgs.std';

// A Shopcast room as a destination, whichever process or machine it runs on: the studio's own
// room (its own process, started by the studio) and a room on the shop's server (`npm run room`)
// are reached the same way, over the room server's broadcaster API (docs/BROADCASTER-API.md)
// with its token: two comedia plain transports, two producers from the one RTP plan, deleted on
// every exit path. A room restarted (or a worker restart there) drops the broadcaster: its
// resource answers 404 or nothing, `alive()` says so, and the next start makes a new one.

/** Where a room's plain transports listen: the SFU remuxer's target without FFmpeg's own ports. */
export type BroadcasterPorts = Omit<SfuTarget, 'localPorts'>;

export interface RoomLeg {
  /**
   * The broadcaster's ports, creating the broadcaster first when there is none (or it died). An
   * existing one is resynced: every call is for a new FFmpeg run with its own sequence numbers.
   */
  ensure(): Promise<BroadcasterPorts>;
  alive(): Promise<boolean>;
  close(): Promise<void>;
}


export interface RoomLegDeps {
  /** http(s)://host[:port]/rooms/<room id> */
  roomUrl: string;
  token: string;
  plan: RtpPlan;
  broadcasterId: string;
  fetch: typeof fetch;
  log: Logger;
}

const TIMEOUT_MS = 10_000;

/** The room server's refusal, with its HTTP status. */
class RoomAnswerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createRoomLeg(deps: RoomLegDeps): RoomLeg {
  const base = deps.roomUrl.replace(/\/+$/, '');
  const broadcaster = `${base}/broadcasters/${encodeURIComponent(deps.broadcasterId)}`;
  let target: BroadcasterPorts | null = null;

  const call = async (method: string, url: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await deps.fetch(url, {
      method,
      headers: { Authorization: `Bearer ${deps.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const why = typeof answer['error'] === 'string' ? answer['error'] : response.statusText;
      throw new RoomAnswerError(response.status, response.status === 401 ? 'the room server refused the token' : `the room server answered ${response.status}: ${why}`);
    }
    return answer;
  };

  // Gone only when the room says so (404: restarted, or its SFU worker): a room that does not
  // answer this time (frozen, or closing an idle keep-alive socket as it wakes) is asked again at
  // the next check instead of having its viewers' picture restarted.
  const alive = async () => {
    if (!target) return false;
    try {
      await call('GET', broadcaster);
      return true;
    } catch (error) {
      return !(error instanceof RoomAnswerError && error.status === 404);
    }
  };

  const close = async () => {
    target = null;
    await call('DELETE', broadcaster).catch(() => undefined);
  };

  const plainTransport = async () => {
    const answer = await call('POST', `${broadcaster}/transports`, { type: 'plain', comedia: true, rtcpMux: false });
    const { id, ip, port, rtcpPort } = answer;
    if (typeof id !== 'string' || typeof ip !== 'string' || typeof port !== 'number' || typeof rtcpPort !== 'number') {
      throw new Error('the room server answered a transport without id, ip, port and rtcpPort');
    }
    return { id, ip, port, rtcpPort };
  };

  return {
    alive,
    close,
    async ensure() {
      if (target && (await alive())) {
        // A room server older than /resync (404), or the broadcaster gone meanwhile: made anew.
        const resynced = await call('POST', `${broadcaster}/resync`).then(
          () => true,
          () => false,
        );
        if (resynced) return target;
      }
      await close();
      await call('POST', `${base}/broadcasters`, { id: deps.broadcasterId, displayName: 'Shopcast studio', device: { name: 'Shopcast' } });
      try {
        const video = await plainTransport();
        const audio = await plainTransport();
        await call('POST', `${broadcaster}/transports/${encodeURIComponent(video.id)}/producers`, { kind: 'video', rtpParameters: producerRtpParameters(deps.plan, 'video') });
        await call('POST', `${broadcaster}/transports/${encodeURIComponent(audio.id)}/producers`, { kind: 'audio', rtpParameters: producerRtpParameters(deps.plan, 'audio') });
        target = { ip: video.ip, videoPort: video.port, videoRtcpPort: video.rtcpPort, audioPort: audio.port, audioRtcpPort: audio.rtcpPort };
        deps.log.info('room broadcaster ready', { room: base, ip: target.ip });
        return target;
      } catch (error) {
        await close();
        throw error;
      }
    },
  };
}
