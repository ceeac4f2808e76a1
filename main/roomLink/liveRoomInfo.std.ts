import type { EmbeddedRoom } from '../../contract/roomProcess.std';
import type { VideoState } from '../../contract/room/sfuSignalling.std';
import type { LiveRoomInfo } from '../../contract/schemas/liveRoom.std';

// What the studio shows of its own live room, from what its supervisor says of the process and
// what the room itself last said over the protocol (whether video reaches viewers).

/** The studio's live room when it is not running, with the reason. */
export function liveRoomNotRunning(message: string): LiveRoomInfo {
  return { running: false, roomId: null, watchUrl: null, qrSvg: null, video: { available: false, producers: 0, reason: message }, message };
}

export function liveRoomInfoOf(room: EmbeddedRoom | null, video: VideoState | null, qrSvg: string | null): LiveRoomInfo {
  if (room === null) return liveRoomNotRunning('This studio has no live room of its own.');
  switch (room.state) {
    case 'starting':
      return liveRoomNotRunning('Your live room is starting…');
    case 'failed':
    case 'stopped':
      return liveRoomNotRunning(room.message ?? 'Your live room is not running.');
    case 'running':
    case 'not-answering':
    case 'restarting': {
      const known = video ?? { available: room.videoReason === null, producers: 0, reason: room.videoReason };
      // A frozen room's SFU workers (processes of their own) go on forwarding the picture; a dead
      // room's went with it. What happened is said once, in the panel; this says what it means.
      const shown = room.state === 'restarting' ? { available: false, producers: 0, reason: 'Viewers see the show again as soon as your live room is back.' } : known;
      return { running: true, roomId: room.roomId, watchUrl: room.watchUrl, qrSvg, video: shown, message: room.message };
    }
  }
}

/** The room protocol's socket for a room whose broadcaster API is at `roomUrl` (http(s)://host/rooms/<id>). */
export function roomSocketUrl(roomUrl: string): string {
  const url = new URL(`${roomUrl.replace(/\/+$/, '')}/live`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
