import type { EmbeddedRoomWatch } from '../../contract/roomProcess.std';
import type { LiveRoomInfo } from '../../contract/schemas/liveRoom.std';
import type { DestinationStore } from '../destinations/destinationStore.node';
import type { PushTarget } from '../live/liveController.node';
import type { NoticeBoard } from '../notices/noticeBoard.std';
import type { SettingsStore } from '../settings/settingsStore.node';

export interface PushTargetsDeps {
  settings: SettingsStore;
  destinations: DestinationStore;
  /** The studio's own room process, while it runs. */
  ownRoom: () => ReturnType<EmbeddedRoomWatch['current']> | undefined;
  liveRoom: () => LiveRoomInfo;
  notices: NoticeBoard;
}

/** Where a show goes, read at Go Live: the studio's own room (when on and able to show video), then each destination that is on. */
export function pushTargetsFrom({ settings, destinations, ownRoom, liveRoom, notices }: PushTargetsDeps): () => Promise<PushTarget[]> {
  return async () => {
  const targets: PushTarget[] = [];
  const own = ownRoom();
  // The studio's own room first, when viewers can see video there.
  if (settings.get().liveRoomEnabled && own?.roomUrl && liveRoom().video.available) targets.push({ kind: 'room', id: 'room', name: 'Your live room', roomUrl: own.roomUrl, token: own.token });
  for (const destination of destinations.list().filter((candidate) => candidate.enabled)) {
    try {
      targets.push(
        destination.platform === 'shopcast-room'
          ? { kind: 'room', id: destination.id, name: destination.name, roomUrl: destination.serverUrl, token: (await destinations.streamKey(destination.id)) ?? '' }
          : { kind: 'rtmp', id: destination.id, name: destination.name, url: await destinations.streamUrl(destination.id) },
      );
    } catch (error) {
      // One destination without its key does not keep the show off the others.
      notices.post('warning', `${error instanceof Error ? error.message : String(error)} The show goes live without it.`);
    }
  }
  return targets;
  };
}
