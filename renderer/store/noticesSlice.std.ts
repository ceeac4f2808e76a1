import type { StateCreator } from 'zustand';
import type { Notice } from '../../contract/schemas/notice.std';
import type { StudioState } from './studioStore.std';

export interface NoticesSlice {
  notices: Notice[];
  noticeReceived(notice: Notice): void;
  noticesReceived(notices: Notice[]): void;
  noticeDismissed(at: number): void;
}

export const createNoticesSlice: StateCreator<StudioState, [], [], NoticesSlice> = (set) => ({
  notices: [],
  noticeReceived: (notice) => set((state) => ({ notices: [...state.notices, notice].slice(-5) })),
  noticesReceived: (notices) => set({ notices: notices.slice(-5) }),
  noticeDismissed: (at) => set((state) => ({ notices: state.notices.filter((notice) => notice.at !== at) })),
});
