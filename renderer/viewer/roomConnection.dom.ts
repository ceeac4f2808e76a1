import { VIEWER_KEY_LENGTH, viewerKeyFromBytes } from './identity.std';
import { ROOM_PROTOCOL_VERSION, type CommentMessage, type OrderMessage } from '../../contract/room/roomMessages.std';
import { createRoomClient, type RoomConnectionState } from '../../contract/room/roomClient.std';
import type { AckFrame } from '../../contract/room/roomEvents.std';
import { createLikeBatcher } from './likeBatcher.std';
import { createViewerPlayer, type VideoStats } from './player.dom';
import type { ViewerStoreApi } from './viewerStore.std';

// The one place the page meets the room: the protocol client feeds the store and the player;
// the components call the functions below and never see a socket.

export interface ViewerConnection {
  sendComment(message: Omit<CommentMessage, 'clientId' | 'type'>): Promise<AckFrame>;
  sendOrder(message: Omit<OrderMessage, 'clientId' | 'type'>): Promise<AckFrame>;
  like(): void;
  attachVideo(element: HTMLVideoElement | null): void;
  videoStats(): Promise<VideoStats | null>;
  readonly state: RoomConnectionState;
  close(): void;
}

const schedule = (ms: number, run: () => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export function connectViewer(options: { url: string; viewerKey: string; store: ViewerStoreApi }): ViewerConnection {
  const { store } = options;
  const actions = () => store.getState();

  const player = createViewerPlayer({
    sfu: (request) => client.sfu(request),
    onStatus: (status, message) => actions().playbackChanged(status, message),
    schedule,
  });

  const client = createRoomClient({
    url: options.url,
    openSocket: (url) => new WebSocket(url),
    hello: (resumeFrom) => ({ type: 'hello', v: ROOM_PROTOCOL_VERSION, role: 'viewer', viewerKey: options.viewerKey, resumeFrom }),
    // Not crypto.randomUUID: phones open the room over plain http on the LAN, where it does not exist.
    newClientId: () => viewerKeyFromBytes(crypto.getRandomValues(new Uint8Array(VIEWER_KEY_LENGTH))),
    schedule,
    onWelcome: (welcome) => {
      actions().welcomeReceived(welcome.viewerId, welcome.snapshot, welcome.serverTime, Date.now(), welcome.skipped);
      // A new connection is a new peer on the SFU: its old transport is gone.
      player.update(welcome.snapshot.video, true);
    },
    onEvents: (events) => actions().eventsReceived(events, Date.now()),
    onVideo: (frame) => {
      actions().videoChanged(frame.video);
      player.update(frame.video, frame.reset);
    },
    onState: (state) => actions().connectionChanged(state),
    onError: (code, message) => actions().roomErrorReceived(code, message),
  });

  const likes = createLikeBatcher((count) => client.like(count), schedule);
  const flushLikes = () => {
    if (document.visibilityState === 'hidden') likes.flush();
  };
  document.addEventListener('visibilitychange', flushLikes);

  return {
    async sendComment(message) {
      const ack = await client.send({ type: 'comment', ...message });
      const { viewerId, clockOffsetMs } = actions();
      if (ack.ok && ack.id !== null) {
        actions().ownCommentAcked({ id: ack.id, viewerId: viewerId ?? '', name: message.name, text: message.text, at: Date.now() + (clockOffsetMs ?? 0) });
      }
      return ack;
    },
    sendOrder(message) {
      return client.send({ type: 'order', ...message });
    },
    like() {
      likes.tap();
      actions().likesTapped(1);
    },
    attachVideo: (element) => player.attach(element),
    videoStats: () => player.videoStats(),
    get state() {
      return client.state;
    },
    close() {
      document.removeEventListener('visibilitychange', flushLikes);
      likes.flush();
      player.close();
      client.close();
    },
  };
}
