import { createHash } from 'node:crypto';
import type { AckFrame, Promotion, RoomComment, RoomEvent, RoomEventBody, RoomOrder, RoomSnapshot, ShowEnd } from '../../contract/room/roomEvents.std';
import { flashSaleOver, roomLimits, type ActionMessage, type CommentMessage, type OrderMessage, type StudioAction } from '../../contract/room/roomMessages.std';
import { buyingClosed, showEndAt } from '../../contract/room/showEnd.std';
import type { VideoState } from '../../contract/room/sfuSignalling.std';
import { sanitizeViewerText } from '../../contract/text/viewerText.std';
import type { Logger } from '../log/logger.std';
import { claimMatcher } from './claimMatch.std';
import { saleOverReply } from './claimRefusal.std';
import type { Database } from './roomDatabase.node';
import { receiptLookup, type ReceiptKind } from './roomReceipts.node';
import { prepareRoomStatements } from './roomStatements.node';
import { createRoomOrders } from './roomOrders.node';
import { createRoomStock } from './roomStock.node';

// One live room: the only writer of its rows. Node runs this on one thread and every change runs
// inside SQLite in turn, so "check stock, take it, record the order" cannot interleave with
// another order: a flash sale never oversells, whatever the concurrency. Changes arriving
// together are committed together (group commit, one WAL write per batch, each change in its own
// savepoint) and acknowledged only after that commit: nothing acknowledged is ever lost.

/** An event as stored and fanned out: its JSON is built once, for the database and every socket. */
export interface StoredEvent {
  event: RoomEvent;
  json: string;
  /** The viewer the event is about (comment author, buyer), or null. */
  owner: string | null;
}

export interface LiveRoomDeps {
  db: Database;
  roomId: string;
  now: () => number;
  newId: () => string;
  log: Logger;
  videoState: () => VideoState;
  /** Called after each committed event, in seq order. */
  onEvent: (stored: StoredEvent) => void;
  /** Runs the batch commit once the messages read together have been queued (setImmediate). */
  defer: (run: () => void) => void;
}

export type Refusal = Extract<AckFrame, { ok: false }>;

const refuse = (clientId: string, code: Refusal['code'], message: string): Refusal => ({ type: 'ack', clientId, ok: false, code, message });

/** Throttled counters (viewers, likes) become events at most this often. */
export const COUNTER_EVENT_MS = 1000;

export interface LiveRoom {
  readonly roomId: string;
  lastSeq(): number;
  snapshot(): RoomSnapshot;
  /** Events after `seq` as JSON strings, all of them for the studio, a viewer's share for a viewer. */
  eventsSince(seq: number, viewerId: string | null, limit: number): string[];
  /** For a viewer arriving without history: the newest comments and their own orders, in seq order. */
  arrivalHistory(viewerId: string, comments: number): string[];
  /**
   * Callers answer a retry from `receipt()` first (before their rate limits); the check inside
   * the commit batch is the one that makes a duplicate count once.
   */
  comment(viewerId: string, message: CommentMessage): Promise<AckFrame>;
  order(viewerId: string, message: OrderMessage): Promise<AckFrame>;
  /** `helloActor`: who the studio socket said it was; the message's own `actor`, when given, is what the action log records. */
  act(helloActor: string, message: ActionMessage): Promise<AckFrame>;
  addLikes(count: number): void;
  setViewerCount(count: number): void;
  /** Turns pending throttled counters into events now (called by the room's timer). */
  flushCounters(): void;
  isBanned(viewerId: string): boolean;
  /** The first answer to a message already committed, or null; a refusal when its clientId was used for another kind. */
  receipt(sender: string, clientId: string, kind: ReceiptKind): AckFrame | null;
  /** The public id of the viewer holding this secret key; the same key is the same viewer. */
  identifyViewer(viewerKey: string): string;
}

export function openLiveRoom(deps: LiveRoomDeps): LiveRoom {
  const { db, roomId, now, newId } = deps;
  db.prepare('INSERT OR IGNORE INTO rooms (id, created_at) VALUES (?, ?)').run(roomId, now());

  const q = prepareRoomStatements(db);

  const row = q.room.get(roomId);
  let pinned: RoomComment | null = row?.pinned ? (JSON.parse(row.pinned) as RoomComment) : null;
  let promotion: Promotion | null = row?.promotion ? (JSON.parse(row.promotion) as Promotion) : null;
  /** The promotion's claim words, folded once; null when claims are off, so a comment costs one check. */
  let matchClaim = promotion ? claimMatcher(promotion.claimKeywords, promotion.product.variants) : null;
  let ended: ShowEnd | null = row?.ended ? (JSON.parse(row.ended) as ShowEnd) : null;
  let likes = row?.likes ?? 0;
  let likesEmitted = likes;
  let viewerCount = 0;
  let viewerCountEmitted = 0;
  let seq = q.maxSeq.get(roomId)?.seq ?? 0;

  /** Events of the running transaction, handed to listeners only once it commits. */
  let staged: StoredEvent[] = [];

  const append = (body: RoomEventBody, owner: string | null): RoomEvent => {
    const event = { seq: seq + 1, at: now(), ...body } as RoomEvent;
    const json = JSON.stringify(event);
    q.insertEvent.run(roomId, event.seq, event.at, body.kind, owner, json);
    seq = event.seq;
    staged.push({ event, json, owner });
    return event;
  };

  interface Queued {
    change: () => AckFrame | null;
    resolve: (ack: AckFrame | null) => void;
    reject: (error: unknown) => void;
  }
  let queue: Queued[] = [];

  /** Commits every queued change in one transaction; events go out, then acks, only after it. */
  const commitQueued = () => {
    const items = queue;
    queue = [];
    const seqBefore = seq;
    staged = [];
    const outcomes: ({ ok: true; ack: AckFrame | null } | { ok: false; error: unknown })[] = [];
    try {
      db.transaction(() => {
        for (const item of items) {
          const itemSeq = seq;
          const itemStaged = staged.length;
          try {
            // A nested transaction is a savepoint: a change that throws takes back only itself.
            outcomes.push({ ok: true, ack: db.transaction(item.change)() });
          } catch (error) {
            seq = itemSeq;
            staged.length = itemStaged;
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      seq = seqBefore;
      staged = [];
      deps.log.error('room commit failed', { error });
      for (const item of items) item.reject(error);
      return;
    }
    const done = staged;
    staged = [];
    for (const stored of done) deps.onEvent(stored);
    items.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) item.resolve(outcome.ack);
      else item.reject(outcome?.error);
    });
  };

  const commit = (change: () => AckFrame | null): Promise<AckFrame | null> =>
    new Promise((resolve, reject) => {
      if (queue.length === 0) deps.defer(commitQueued);
      queue.push({ change, resolve, reject });
    });
  const commitAck = (change: () => AckFrame) => commit(change) as Promise<AckFrame>;

  const receiptFor = receiptLookup(db, roomId);

  const accept = (sender: string, clientId: string, seqOf: number | null, id: string | null): AckFrame => {
    const ack: AckFrame = { type: 'ack', clientId, ok: true, seq: seqOf, id };
    q.insertReceipt.run(roomId, sender, clientId, JSON.stringify(ack));
    return ack;
  };

  const stock = createRoomStock(q, roomId);
  const productOf = stock.productOf;

  const banned = new Set(db.prepare<[string], { viewer_id: string }>('SELECT viewer_id FROM viewers WHERE room_id = ? AND banned = 1').all(roomId).map((found) => found.viewer_id));
  const isBanned = (viewerId: string) => banned.has(viewerId);

  const clean = (text: string, max: number) => sanitizeViewerText(text, max);

  const setPinned = (comment: RoomComment | null) => {
    pinned = comment;
    q.setPinned.run(comment ? JSON.stringify(comment) : null, roomId);
    append({ kind: 'pinned', comment }, null);
  };

  const setPromotion = (next: Promotion | null) => {
    promotion = next;
    matchClaim = next ? claimMatcher(next.claimKeywords, next.product.variants) : null;
    q.setPromotion.run(next ? JSON.stringify(next) : null, roomId);
    append({ kind: 'promotion', promotion: next }, null);
  };

  const setEnded = (next: ShowEnd | null) => {
    ended = next;
    q.setEnded.run(next ? JSON.stringify(next) : null, roomId);
    append({ kind: 'show', ended: next }, null);
  };

  const orders = createRoomOrders({ q, roomId, now, newId, stock, append });
  const { setOrderStatus, claim, moveUpWaitlists } = orders;

  const applyAction = (action: StudioAction, clientId: string): Refusal | null => {
    switch (action.kind) {
      case 'pinComment': {
        const found = q.comment.get(roomId, action.commentId);
        if (!found || found.hidden) return refuse(clientId, 'not-found', 'That comment is not in this show (or it was hidden).');
        setPinned({ id: found.id, viewerId: found.viewer_id, name: found.name, text: found.text, at: found.at });
        return null;
      }
      case 'unpinComment':
        if (pinned) setPinned(null);
        return null;
      case 'promoteProduct': {
        const product = productOf(action.productId);
        if (!product) return refuse(clientId, 'not-found', 'That product is not in the room: add it to the show first.');
        if (action.flashSale && action.flashSale.endsAt <= now()) return refuse(clientId, 'invalid', 'The flash sale must end in the future.');
        setPromotion({ product, flashSale: action.flashSale ?? null, claimKeywords: action.claimKeywords ?? [], startedAt: now() });
        return null;
      }
      case 'endPromotion':
        if (promotion) setPromotion(null);
        return null;
      case 'markOrder': {
        const found = q.order.get(roomId, action.orderId);
        if (!found) return refuse(clientId, 'not-found', 'There is no such order in this show.');
        if (found.status === action.status) return null;
        if (found.status === 'cancelled') return refuse(clientId, 'invalid', 'That order was cancelled; it cannot change any more.');
        const waitlisted = found.status === 'waitlisted';
        if (waitlisted && action.status === 'handled') {
          return refuse(clientId, 'invalid', 'That claim is still on the waitlist: it has no units until an order for the product is cancelled. Cancel it, or wait for it to move up.');
        }
        const order = { ...(JSON.parse(found.body) as RoomOrder), status: action.status };
        setOrderStatus(order);
        // A waitlisted claim never took stock, so cancelling it gives none back.
        if (action.status === 'cancelled' && !waitlisted) orders.unitsBack(order);
        return null;
      }
      case 'reply': {
        const text = clean(action.text, roomLimits.replyChars);
        if (!text) return refuse(clientId, 'invalid', 'The reply is empty once invisible characters are removed.');
        append({ kind: 'reply', replyId: newId(), commentId: action.commentId ?? null, text }, null);
        return null;
      }
      case 'hideComment': {
        const found = q.comment.get(roomId, action.commentId);
        if (!found) return refuse(clientId, 'not-found', 'That comment is not in this show.');
        if (found.hidden) return null;
        q.hideComment.run(roomId, action.commentId);
        append({ kind: 'commentHidden', commentId: action.commentId }, found.viewer_id);
        if (pinned?.id === action.commentId) setPinned(null);
        return null;
      }
      case 'banViewer':
        if (q.ban.run(roomId, action.viewerId).changes === 0) return refuse(clientId, 'not-found', 'No viewer with that id has joined this room.');
        banned.add(action.viewerId);
        append({ kind: 'viewerBanned', viewerId: action.viewerId }, action.viewerId);
        return null;
      case 'upsertProducts': {
        const products = action.products.map((product) => stock.upsert(product));
        append({ kind: 'products', products }, null);
        const promoted = promotion && products.find((product) => product.id === promotion?.product.id);
        if (promotion && promoted) setPromotion({ ...promotion, product: promoted });
        for (const product of products) moveUpWaitlists(product);
        return null;
      }
      case 'startShow':
        if (ended) setEnded(null);
        return null;
      case 'endShow':
        setEnded(showEndAt(now(), action.buyGraceMinutes));
        return null;
      default: {
        const never: never = action;
        return never;
      }
    }
  };

  return {
    roomId,
    lastSeq: () => seq,
    isBanned,
    receipt: (sender, clientId, kind) => receiptFor(sender, clientId, kind),
    identifyViewer(viewerKey) {
      // Only a hash is stored: the key is the viewer's secret, the id is public in every comment.
      const keyHash = createHash('sha256').update(viewerKey).digest('base64url');
      const known = q.viewerByKey.get(roomId, keyHash);
      if (known) return known.viewer_id;
      const viewerId = `v-${newId().slice(0, 12)}`;
      q.insertViewer.run(roomId, keyHash, viewerId);
      return viewerId;
    },
    snapshot() {
      const current = promotion ? { ...promotion, product: productOf(promotion.product.id) ?? promotion.product } : null;
      return { pinned, promotion: current, viewerCount, likes, video: deps.videoState(), ended };
    },
    eventsSince(after, viewerId, limit) {
      const rows = viewerId === null ? q.studioEventsSince.all(roomId, after, limit) : q.viewerEventsSince.all(roomId, after, viewerId, limit);
      return rows.map((found) => found.body);
    },
    arrivalHistory(viewerId, comments) {
      return q.arrivalHistory.all(roomId, roomId, comments, roomId, viewerId).map((found) => found.body);
    },

    comment(viewerId, message) {
      if (isBanned(viewerId)) return Promise.resolve(refuse(message.clientId, 'banned', 'You can no longer comment in this room.'));
      const name = clean(message.name, roomLimits.nameChars);
      const text = clean(message.text, roomLimits.commentChars);
      if (!name || !text) return Promise.resolve(refuse(message.clientId, 'invalid', 'The name or the comment is empty once invisible characters are removed.'));
      return commitAck(() => {
        // Checked inside the batch: the same clientId twice in one batch is still one comment.
        const earlier = receiptFor(viewerId, message.clientId, 'comment');
        if (earlier) return earlier;
        const comment: RoomComment = { id: newId(), viewerId, name, text, at: now() };
        const event = append({ kind: 'comment', comment }, viewerId);
        q.insertComment.run(roomId, comment.id, event.seq, viewerId, name, text, comment.at);
        // Checked here, in the batch: a ban or an ended promotion earlier in it already counts.
        const claimed = matchClaim && promotion && !isBanned(viewerId) && !buyingClosed(ended, now()) ? matchClaim(text) : null;
        // A claim after the sale's end is refused by the Buy sheet's own rule, and answered in the comments.
        if (claimed && promotion && flashSaleOver(promotion.flashSale, now())) append(saleOverReply(comment, newId()), null);
        else if (claimed && promotion) claim(promotion, comment, claimed.quantity, claimed.variantId);
        return accept(viewerId, message.clientId, event.seq, comment.id);
      });
    },

    order(viewerId, message) {
      const { clientId } = message;
      const refused = (code: Refusal['code'], text: string) => Promise.resolve(refuse(clientId, code, text));
      if (isBanned(viewerId)) return refused('banned', 'You can no longer order in this room.');
      const contact = message.contact === undefined ? '' : clean(message.contact, roomLimits.contactChars);
      const note = message.note === undefined ? '' : clean(message.note, roomLimits.noteChars);
      const buyerName = clean(message.buyerName, roomLimits.nameChars);
      if (!buyerName) return refused('invalid', 'A name is needed.');
      if (!contact && !note) return refused('invalid', 'Give a phone number or a note so the shop can reach you.');
      const showOver = 'The show has ended and buying is closed. Watch for the shop’s next show.';
      if (buyingClosed(ended, now())) return refused('show-ended', showOver);
      if (stock.isSoldOut(message.productId, message.variantId ?? null) && promotion?.product.id === message.productId) return refused('out-of-stock', 'Sold out: there are none left.');
      return commitAck(() => {
        const earlier = receiptFor(viewerId, clientId, 'order');
        if (earlier) return earlier;
        // Checked again in the batch: an endShow queued before this order already counts.
        if (buyingClosed(ended, now())) return refuse(clientId, 'show-ended', showOver);
        if (!promotion || promotion.product.id !== message.productId) return refuse(clientId, 'not-promoted', 'This product is not on sale right now.');
        const sale = promotion.flashSale;
        if (flashSaleOver(sale, now())) return refuse(clientId, 'sale-over', 'The flash sale is over.');
        const product = productOf(message.productId);
        if (!product) return refuse(clientId, 'not-promoted', 'This product is not on sale right now.');
        const bought = orders.buy(product, sale, { viewerId, quantity: message.quantity, variantId: message.variantId, buyerName, contact, note });
        if (!bought.ok) return refuse(clientId, bought.code, bought.message);
        return accept(viewerId, clientId, bought.seq, bought.id);
      });
    },

    act(helloActor, message) {
      // One studio socket may act for several people (the core's panel): the message names who.
      const actor = message.actor !== undefined && message.actor.trim() !== '' ? message.actor : helloActor;
      return commitAck(() => {
        const earlier = receiptFor('studio', message.clientId, 'action');
        if (earlier) return earlier;
        const refusal = applyAction(message.action, message.clientId);
        if (refusal) return refusal;
        q.insertAction.run(roomId, seq, now(), actor, message.action.kind, JSON.stringify(message.action));
        return accept('studio', message.clientId, seq, null);
      });
    },

    addLikes(count) {
      likes += count;
    },
    setViewerCount(count) {
      viewerCount = count;
    },
    flushCounters() {
      if (likes === likesEmitted && viewerCount === viewerCountEmitted) return;
      const [likesNow, viewersNow] = [likes, viewerCount];
      void commit(() => {
        if (likesNow !== likesEmitted) {
          q.setLikes.run(likesNow, roomId);
          append({ kind: 'likes', total: likesNow }, null);
        }
        if (viewersNow !== viewerCountEmitted) append({ kind: 'viewerCount', count: viewersNow }, null);
        return null;
      }).then(
        () => {
          likesEmitted = likesNow;
          viewerCountEmitted = viewersNow;
        },
        () => {},
      );
    },
  };
}
