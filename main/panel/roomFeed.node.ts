import { RefusedError } from '../../contract/envelope.std';
import { createRoomClient, type RoomClient, type RoomSocket } from '../../contract/room/roomClient.std';
import type { Promotion, RoomComment, RoomEvent } from '../../contract/room/roomEvents.std';
import type { StudioAction } from '../../contract/room/roomMessages.std';
import type { VideoState } from '../../contract/room/sfuSignalling.std';
import { offPanelState, PANEL_EVENT_INTERVAL_MS, type ActivityEntry, type PanelConnection, type PanelActionResult, type PanelEvent, type PanelState } from '../../contract/schemas/panel.std';
import type { LiveLayersPatch } from '../../contract/schemas/liveLayers.std';
import type { Logger } from '../log/logger.std';
import { createPanelModel, type LiveStock, type PanelModel } from './panelModel.std';
import { pinnedLayer, promotionLayers, purchaseToastLayer } from './roomLayers.std';

// The studio's own connection to its room: a studio socket through the protocol's one client,
// resuming from seq 0 on the first connect (the whole show: the totals are the show's) and from
// the last seq after that. It keeps the panel's picture of the room, sends the panel's actions,
// and makes the compositor's live layers follow the room's pin, promotion and orders.

/** A refusal from the room, with its code (`not-found`, `invalid`…) for callers that branch on it. */
export class RoomRefusedError extends RefusedError {
  override name = 'RoomRefusedError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** How long an action waits for the room's answer before the panel is told it did not come. */
export const ACTION_TIMEOUT_MS = 10_000;

export interface RoomFeedOptions {
  url: string;
  token: string;
  /** Who acts, for the room's action log, when an action does not name its own actor. */
  actor: string;
  log: Logger;
  openSocket: (url: string) => RoomSocket;
  newClientId: () => string;
  schedule: (ms: number, run: () => void) => () => void;
  now: () => number;
  /** The compositor's live layers; absent in a process that draws none. */
  layers?: { update(patch: LiveLayersPatch): unknown };
  /** The studio's own picture of a product (its catalogue's), for the stream's card: the room sends only the photo's address. */
  photoOf?: (productId: string) => string | null;
  /** A `panel` event: at most one per PANEL_EVENT_INTERVAL_MS. */
  onEvent?: (event: PanelEvent) => void;
  /** Whether an order shows the purchase toast on the stream (settings.livePanel.purchaseToast); always without it. */
  purchaseToast?: () => boolean;
  /** Products whose stock the room changed while the studio watched (not history replayed on connect): the catalogue follows. */
  onLiveStock?: (changes: ReadonlyMap<string, LiveStock>) => void;
  /** Every room event, replayed at connect or live, in seq order: the order book follows the whole log. */
  onRoomEvents?: (events: readonly RoomEvent[]) => void;
  /** Room events as they arrive live (not replayed), in seq order: the show's timeline. */
  onLiveEvents?: (events: readonly RoomEvent[]) => void;
  random?: () => number;
}

/** What the panel's actions read of the room: the promotion, stock and who said what. */
export type PanelLookup = Pick<PanelModel, 'pinned' | 'promotion' | 'lastPromotedId' | 'stock' | 'comment' | 'order' | 'viewerName'>;

export interface RoomFeed {
  state(): PanelState;
  /** `actor` names who acts for this one action ("Lin (moderator)"); the hello's actor without it. */
  act(action: StudioAction, actor?: string): Promise<PanelActionResult>;
  readonly lookup: PanelLookup;
  /** A line in the activity log every panel shows. */
  addActivity(entry: ActivityEntry): void;
  /** Whether video reaches the room's viewers, as the room last said; null before it said. */
  video(): VideoState | null;
  /**
   * What the room's supervisor knows and the socket cannot (the process frozen or restarting):
   * shown as the panel's connection until cleared with null.
   */
  setRoomProblem(message: string | null): void;
  close(): void;
}

/** The panel of a studio without a room to follow: it says why, and refuses actions with that reason. */
export function disconnectedRoomFeed(message: string): RoomFeed {
  return {
    state: () => offPanelState(message),
    act: () => Promise.reject(new RefusedError(message)),
    lookup: createPanelModel(),
    addActivity: () => {},
    video: () => null,
    setRoomProblem: () => {},
    close: () => {},
  };
}

export function connectRoomFeed(options: RoomFeedOptions): RoomFeed {
  const { log } = options;
  const model = createPanelModel();
  let closed = false;
  let flushTimer: (() => void) | null = null;
  let lastFlushAt = -Infinity;
  // What the layers were last given, so they change only when the room's state does (undefined: never synced).
  let layeredPin: RoomComment | null | undefined;
  let layeredPromotion: Promotion | null | undefined;
  let refusal: string | null = null;
  let video: VideoState | null = null;
  let roomProblem: string | null = null;
  let socketConnection: PanelConnection = { state: 'connecting', message: null };
  const showConnection = () => model.setConnection(roomProblem === null ? socketConnection : { state: 'closed', message: roomProblem });

  const flush = () => {
    flushTimer = null;
    if (closed) return;
    const event = model.takeEvent();
    if (!event) return;
    lastFlushAt = options.now();
    options.onEvent?.(event);
  };
  const changed = () => {
    if (flushTimer || closed || !options.onEvent) return;
    flushTimer = options.schedule(Math.max(0, lastFlushAt + PANEL_EVENT_INTERVAL_MS - options.now()), flush);
  };

  const syncLayers = () => {
    // While the room replays the show, its pins and promotions are history: the layers wait
    // for the state as of now (the welcome's snapshot, then live events).
    if (!options.layers || !model.caughtUp()) return;
    const pin = model.pinned();
    if (pin !== layeredPin) {
      layeredPin = pin;
      options.layers.update(pinnedLayer(pin));
    }
    const promotion = model.promotion();
    if (promotion !== layeredPromotion) {
      layeredPromotion = promotion;
      options.layers.update(promotionLayers(promotion, options.photoOf));
    }
  };

  // A pin shows in the picture the moment it is asked for, not a room round trip later (commit,
  // ack, the studio's 25 ms flush): the host sees their click land on the stream at once. The
  // room's `pinned` event then confirms it (same comment, no second animation), or a refusal
  // puts the room's state back.
  const leadPin = (action: StudioAction) => {
    if (!options.layers || !model.caughtUp()) return;
    if (action.kind === 'unpinComment') {
      layeredPin = null;
      options.layers.update(pinnedLayer(null));
    } else if (action.kind === 'pinComment') {
      const comment = model.comment(action.commentId);
      if (!comment || comment.hidden) return;
      const { seq: _seq, hidden: _hidden, ...pinned } = comment;
      layeredPin = pinned;
      options.layers.update(pinnedLayer(pinned));
    }
  };

  const client: RoomClient = createRoomClient({
    url: options.url,
    openSocket: options.openSocket,
    hello: (resumeFrom) => ({ type: 'hello', v: 1, role: 'studio', token: options.token, actor: options.actor, resumeFrom: resumeFrom ?? 0 }),
    newClientId: options.newClientId,
    schedule: options.schedule,
    ...(options.random ? { random: options.random } : {}),
    onWelcome: (welcome) => {
      video = welcome.snapshot.video;
      model.welcome(welcome, options.now());
      syncLayers();
      changed();
    },
    onEvents: (events) => {
      options.onRoomEvents?.(events);
      const { liveOrders, liveStock, liveEvents } = model.apply(events);
      syncLayers();
      // One toast at a time: in a rush the newest buyer is the one worth showing. A waitlisted
      // claim has bought nothing yet.
      const newest = liveOrders.findLast((order) => order.status !== 'waitlisted');
      const toasts = options.purchaseToast?.() ?? true;
      if (newest && toasts && options.layers && model.caughtUp()) options.layers.update(purchaseToastLayer(newest, options.now()));
      if (liveStock.size > 0) options.onLiveStock?.(liveStock);
      if (liveEvents.length > 0) options.onLiveEvents?.(liveEvents);
      changed();
    },
    onVideo: (frame) => {
      video = frame.video;
    },
    onState: (state, reason) => {
      if (closed) return;
      if (state === 'open') refusal = null;
      socketConnection = { state, message: refusal ?? reason };
      showConnection();
      if (state === 'closed') log.warn('live room connection lost', { reason });
      changed();
    },
    onError: (code, message) => {
      log.warn('live room refused the studio', { code, message });
      // Kept until the next welcome: the reconnect notice that follows would hide the real reason.
      if (code === 'unauthorized') {
        refusal = `The live room refused the studio's token: ${message}`;
        socketConnection = { state: 'closed', message: refusal };
        showConnection();
      }
      changed();
    },
  });

  return {
    state: () => model.state(),
    lookup: model,
    addActivity(entry) {
      model.addActivity(entry);
      changed();
    },
    video: () => video,
    setRoomProblem(message) {
      if (message === roomProblem) return;
      roomProblem = message;
      showConnection();
      changed();
    },
    act(action, actor) {
      if (roomProblem !== null) return Promise.reject(new RefusedError(roomProblem));
      if (client.state !== 'open') return Promise.reject(new RefusedError('The live room is not connected right now; try again in a moment.'));
      leadPin(action);
      return new Promise<PanelActionResult>((resolve, reject) => {
        // The client keeps resending an unanswered action after a reconnect; the panel is not
        // kept waiting for that, but the action may still take effect when the room is back.
        const cancel = options.schedule(ACTION_TIMEOUT_MS, () =>
          reject(new RefusedError('The live room did not answer in time; the action will be sent again when it reconnects.')),
        );
        client.send({ type: 'action', action, ...(actor === undefined ? {} : { actor }) }).then(
          (ack) => {
            cancel();
            if (ack.ok) resolve({ ok: true, seq: ack.seq });
            else {
              // A pin the room refused comes off the picture again: the layers go back to the room's state.
              if (action.kind === 'pinComment' || action.kind === 'unpinComment') {
                layeredPin = undefined;
                syncLayers();
              }
              reject(new RoomRefusedError(ack.code, ack.message));
            }
          },
          (error: unknown) => {
            cancel();
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
    },
    close() {
      closed = true;
      flushTimer?.();
      flushTimer = null;
      client.close();
    },
  };
}
