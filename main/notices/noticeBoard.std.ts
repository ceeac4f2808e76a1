import type { Notice } from '../../contract/schemas/notice.std';
import type { EventHub } from '../kernel/eventHub.std';

const KEEP = 20;

/**
 * Messages for the merchant (a settings file set aside, FFmpeg missing…). Kept so a window that
 * opens later still sees what happened at start-up.
 */
export interface NoticeBoard {
  post(level: Notice['level'], message: string): void;
  recent(): Notice[];
}

export function createNoticeBoard(events: EventHub, now: () => number): NoticeBoard {
  const notices: Notice[] = [];
  return {
    post(level, message) {
      const notice = { level, message, at: now() };
      notices.push(notice);
      if (notices.length > KEEP) notices.shift();
      events.emit('notice', notice);
    },
    recent: () => [...notices],
  };
}
