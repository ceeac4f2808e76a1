import { createSocket } from 'node:dgram';
import type { SfuTarget } from '../encoder/ffmpegArgs.std';
import { producerRtpParameters, type RtpPlan } from '../encoder/rtpPlan.std';
import type { Logger } from '../log/logger.std';
import type { ShowSfu } from '../sfu/showSfuTypes.std';

// The studio's own room as a destination: the broadcaster flow of docs/BROADCASTER-API.md, done
// in-process on the embedded room's show (two comedia plain transports, two producers from the
// one RTP plan), deleted on every exit path. After an SFU worker restart the broadcaster is gone:
// `alive()` says so, and the supervisor's next start makes a new one.

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

export function createRoomLeg(deps: { show: ShowSfu; plan: RtpPlan; broadcasterId: string; log: Logger }): RoomLeg {
  const { show, plan, broadcasterId, log } = deps;
  let target: BroadcasterPorts | null = null;

  const isAlive = () => {
    if (!target) return false;
    try {
      return show.broadcaster(broadcasterId).producers.length === 2;
    } catch {
      return false;
    }
  };

  const close = () => {
    target = null;
    try {
      show.deleteBroadcaster(broadcasterId);
    } catch {
      // Already gone (deleted, or dropped with a dead worker).
    }
  };

  return {
    alive: () => Promise.resolve(isAlive()),
    close: () => Promise.resolve(close()),
    async ensure() {
      if (target && isAlive()) {
        // Gone since `alive` said otherwise (a worker restart): made anew below, which needs no resync.
        const resynced = await show.resyncBroadcaster(broadcasterId).then(
          () => true,
          () => false,
        );
        if (resynced) return target;
      }
      close();
      await show.createBroadcaster({ id: broadcasterId, displayName: 'Shopcast studio', device: { name: 'Shopcast' } });
      try {
        const video = await show.createPlainTransport(broadcasterId, { comedia: true, rtcpMux: false });
        const audio = await show.createPlainTransport(broadcasterId, { comedia: true, rtcpMux: false });
        await show.produce(broadcasterId, video.id, { kind: 'video', rtpParameters: producerRtpParameters(plan, 'video') });
        await show.produce(broadcasterId, audio.id, { kind: 'audio', rtpParameters: producerRtpParameters(plan, 'audio') });
        if (video.rtcpPort === undefined || audio.rtcpPort === undefined) throw new Error('the SFU answered without RTCP ports');
        target = { ip: video.ip, videoPort: video.port, videoRtcpPort: video.rtcpPort, audioPort: audio.port, audioRtcpPort: audio.rtcpPort };
        log.info('room broadcaster ready', { broadcasterId, ...target });
        return target;
      } catch (error) {
        close();
        throw error;
      }
    },
  };
}

/** `count` UDP ports free right now, for FFmpeg's RTP source ports (comedia learns them once). */
export async function freeUdpPorts(count: number): Promise<number[]> {
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createSocket>>((resolve, reject) => {
          const socket = createSocket('udp4');
          socket.once('error', reject);
          socket.bind(0, '0.0.0.0', () => resolve(socket));
        }),
    ),
  );
  const ports = sockets.map((socket) => socket.address().port);
  await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  return ports;
}
