import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RoomComment, RoomEvent, RoomSnapshot } from '../../contract/room/roomEvents.std';
import type { VideoState } from '../../contract/room/sfuSignalling.std';
import { applyConnection, applyEvents, applyOwnComment, applyWelcome, initialViewerState, type ViewerState } from './viewerState.std';

// One store for the page. Actions mirror room frames through the pure functions of
// viewerState.std.ts; the player's MediaStream stays in the player, only its status is here.

export type PlaybackStatus = 'idle' | 'connecting' | 'playing' | 'failed';

export interface ViewerStore extends ViewerState {
  playback: { status: PlaybackStatus; message: string | null };
  welcomeReceived(viewerId: string | null, snapshot: RoomSnapshot, serverTime: number, receivedAt: number, skipped?: { after: number; upTo: number }): void;
  eventsReceived(events: readonly RoomEvent[], receivedAt: number): void;
  connectionChanged(state: 'connecting' | 'open' | 'closed'): void;
  videoChanged(video: VideoState): void;
  ownCommentAcked(comment: RoomComment): void;
  likesTapped(count: number): void;
  roomErrorReceived(code: string, message: string): void;
  playbackChanged(status: PlaybackStatus, message: string | null): void;
}

export type ViewerStoreApi = StoreApi<ViewerStore>;

export function createViewerStore(): ViewerStoreApi {
  return createStore<ViewerStore>()((set) => ({
    ...initialViewerState,
    playback: { status: 'idle', message: null },
    welcomeReceived: (viewerId, snapshot, serverTime, receivedAt, skipped) => set((state) => applyWelcome(state, viewerId, snapshot, serverTime - receivedAt, skipped)),
    eventsReceived: (events, receivedAt) => set((state) => applyEvents(state, events, receivedAt)),
    connectionChanged: (roomState) => set((state) => applyConnection(state, roomState)),
    videoChanged: (video) => set({ video }),
    ownCommentAcked: (comment) => set((state) => applyOwnComment(state, comment)),
    // Shown at once; the room's next total (which counts these) replaces it.
    likesTapped: (count) => set((state) => ({ likes: state.likes + count })),
    roomErrorReceived: (code, message) => set(code === 'banned' ? { banned: true, roomError: message } : { roomError: message }),
    playbackChanged: (status, message) => set({ playback: { status, message } }),
  }));
}
