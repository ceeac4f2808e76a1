import type { StudioAction } from '../../contract/room/roomMessages.std';
import type { LiveSession } from '../../contract/schemas/live.std';
import type { PanelActionResult } from '../../contract/schemas/panel.std';
import type { EndLiveResult } from '../../contract/schemas/showResults.std';
import type { RequestHandlers } from '../kernel/dispatcher.std';
import type { Logger } from '../log/logger.std';
import { summarizeShow } from '../panel/showResults.std';
import type { ShowTally } from '../panel/showTally.std';

// Go Live and End Live as the room and the merchant see them: the room hears that a show started
// or ended (and what Buy does now), and End Live answers with the show's results.

export interface ShowLifecycleDeps {
  live: { start(): Promise<LiveSession>; stop(): Promise<LiveSession>; session(): LiveSession };
  room: { act(action: StudioAction): Promise<PanelActionResult>; viewerCount(): number };
  tally: ShowTally;
  now: () => number;
  schedule: (ms: number, run: () => void) => () => void;
  log: Logger;
  /** After the stream started: the library lists the show being recorded. */
  started: () => void;
  /** After the stream stopped: the timeline and the catalogue are flushed, the replay cuts its clips. */
  ended: (showId: string | null) => Promise<void>;
}

/** How soon a start or end the room did not take is sent again. */
export const SHOW_TELL_RETRY_MS = 2000;

export interface ShowLifecycle {
  handlers: Pick<RequestHandlers, 'goLive' | 'endLive'>;
  /** Stops sending again what the room did not take (the core is closing). */
  close(): void;
}

export function createShowLifecycle(deps: ShowLifecycleDeps): ShowLifecycle {
  const { live, room, tally, log } = deps;
  // The newest start or end until the room takes it: a room restarting as the show starts must
  // not keep refusing the new show's orders. A newer one replaces it (an end never lands on the next show).
  let pending: StudioAction | null = null;
  let cancelRetry = () => {};
  const tell = (action: StudioAction): Promise<boolean> => {
    cancelRetry();
    pending = action;
    // The stream and the sale do not wait on the room: an unreachable room is said in the panel already.
    return room.act(action).then(
      () => {
        if (pending === action) pending = null;
        return true;
      },
      (error: unknown) => {
        log.warn('the room did not take the show’s start or end; sent again soon', { kind: action.kind, error });
        if (pending === action) cancelRetry = deps.schedule(SHOW_TELL_RETRY_MS, () => void (pending === action && tell(action)));
        return false;
      },
    );
  };

  const handlers: ShowLifecycle['handlers'] = {
    goLive: async () => {
      const started = await live.start();
      tally.begin(started.startedAt ?? deps.now(), room.viewerCount());
      void tell({ kind: 'startShow' });
      deps.started();
      return started;
    },
    endLive: async ({ buyGraceMinutes = 0 }): Promise<EndLiveResult> => {
      const { showId, state } = live.session();
      // Told with the stream's stop, not after it: viewers read "ended" rather than a blank stage.
      const told = state === 'offline' ? Promise.resolve(false) : tell({ kind: 'endShow', buyGraceMinutes });
      const session = await live.stop();
      const endedAt = deps.now();
      await Promise.all([deps.ended(showId), told]);
      const record = tally.finish({ showId, endedAt, buyUntil: buyGraceMinutes > 0 ? endedAt + buyGraceMinutes * 60_000 : null });
      return { session, results: record && summarizeShow(record) };
    },
  };
  return {
    handlers,
    close: () => {
      pending = null;
      cancelRetry();
    },
  };
}
