import type { EmbeddedRoom, EmbeddedRoomWatch } from '../../contract/roomProcess.std';
import type { LiveRoomInfo } from '../../contract/schemas/liveRoom.std';
import { disconnectedRoomFeed, type RoomFeed } from '../panel/roomFeed.node';
import { liveRoomInfoOf } from './liveRoomInfo.std';

// How the core follows the studio's own room: the panel's feed connects over the room protocol
// once the room has listened (its address is fixed from then on: a restarted room keeps its
// port); the room's supervisor adds what a socket cannot tell (the process frozen or
// restarting); each incident, once over, is one notice; a room back from a restart is reported
// so the live controller makes the show's broadcaster anew at once.

export interface StudioRoomLinkDeps {
  /** The studio's own room; none: the panel says so. */
  room: EmbeddedRoomWatch | undefined;
  /** A feed on the room protocol's socket of a room that listens. */
  connect: (room: EmbeddedRoom & { roomUrl: string }) => RoomFeed;
  qrCodeSvg: (text: string) => Promise<string>;
  notice: (level: 'info' | 'warning', message: string) => void;
}

export interface StudioRoomLink {
  /** The panel's feed, whichever socket it is on now. */
  readonly panel: RoomFeed;
  /** What `getLiveRoom` answers. */
  info(): LiveRoomInfo;
  /** Called when the room is back from a restart. */
  onRestarted(run: () => void): void;
  close(): void;
}

export function linkStudioRoom(deps: StudioRoomLinkDeps): StudioRoomLink {
  let feed: RoomFeed = disconnectedRoomFeed(deps.room ? 'Connecting to your live room…' : 'This studio has no live room of its own, so there are no comments or orders to show.');
  const panel: RoomFeed = {
    state: () => feed.state(),
    act: (action, actor) => feed.act(action, actor),
    get lookup() {
      return feed.lookup;
    },
    addActivity: (entry) => feed.addActivity(entry),
    video: () => feed.video(),
    setRoomProblem: (message) => feed.setRoomProblem(message),
    close: () => feed.close(),
  };
  let qr: { url: string; svg: string } | null = null;
  let followedUrl: string | null = null;
  let lastNotice: string | null = null;
  let restartsSeen = 0;
  let restarted = (): void => {};

  const follow = (room: EmbeddedRoom) => {
    if (room.state === 'running' && room.restarts > restartsSeen) {
      restartsSeen = room.restarts;
      restarted();
    }
    if (room.roomUrl !== null && room.roomUrl !== followedUrl) {
      followedUrl = room.roomUrl;
      feed.close();
      feed = deps.connect({ ...room, roomUrl: room.roomUrl });
    }
    panel.setRoomProblem(room.state === 'not-answering' || room.state === 'restarting' || room.state === 'failed' ? room.message : null);
    if (room.watchUrl !== null && qr?.url !== room.watchUrl) {
      const url = room.watchUrl;
      void deps.qrCodeSvg(url).then((svg) => (qr = { url, svg }));
    }
    // One line once it is over (the panel says it while it lasts): restarted after a crash,
    // answering again after a freeze, or given up.
    const settled = (room.state === 'running' && room.message !== null) || room.state === 'failed';
    if (settled && room.message !== lastNotice) deps.notice(room.state === 'running' ? 'info' : 'warning', room.message ?? '');
    lastNotice = room.message;
  };
  const unfollow = deps.room?.subscribe(follow);
  if (deps.room) follow(deps.room.current());

  return {
    panel,
    info() {
      const room = deps.room?.current() ?? null;
      return liveRoomInfoOf(room, panel.video(), qr !== null && qr.url === room?.watchUrl ? qr.svg : null);
    },
    onRestarted(run) {
      restarted = run;
    },
    close() {
      unfollow?.();
      panel.close();
    },
  };
}
