import type { AckFrame, Promotion, RoomComment, RoomEvent, RoomOrder, RoomSnapshot, ShowEnd } from '../../contract/room/roomEvents.std';
import { flashSaleOver, roomLimits, type ActionMessage, type CommentMessage, type OrderMessage, type RoomProduct, type StudioAction } from '../../contract/room/roomMessages.std';
import { buyingClosed, showEndAt } from '../../contract/room/showEnd.std';
import type { VideoState } from '../../contract/room/sfuSignalling.std';
import { sanitizeViewerText } from '../../contract/text/viewerText.std';
import type { Logger } from '../log/logger.std';
import { claimMatcher } from './claimMatch.std';
import { saleOverReply } from './claimRefusal.std';
import { receiptAnswer, type ReceiptKind } from './roomReceipts.node';
import { createRoomBatches, type StoredEvent } from './roomBatches.std';
import { createRoomOrders, soldOutMessage } from './roomOrders.node';
import { createRoomStock } from './roomStock.node';
import type { ReceiptKey, RoomStore } from './roomStore.std';
import { viewerKeyHash } from './viewerKeys.node';

// One live room. Its changes run one batch at a time (roomBatches.std.ts), each change in turn
// inside the batch's transaction, so "check stock, take it, record the order" cannot interleave
// with another order: a flash sale never oversells, whatever the concurrency. Changes arriving
// together are committed together and acknowledged only after that commit: nothing acknowledged is
// ever lost. Where the room lives is its RoomStore (roomStore.std.ts): SQLite, where this process
// is the room's only writer, or PostgreSQL, where several nodes serve one room and each batch
// first locks the room's row and catches up with what the others committed.

export type { StoredEvent } from './roomBatches.std';

export interface LiveRoomDeps {
  store: RoomStore;
  roomId: string;
  now: () => number;
  newId: () => string;
  log: Logger;
  videoState: () => VideoState;
  /** Called after each committed event, in seq order. */
  onEvent: (stored: StoredEvent) => void;
  /** Runs the batch commit once the messages read together have been queued (setImmediate). */
  defer: (run: () => void) => void;
  /**
   * The newest seq this node has handed on, when that is not the newest it committed: a cluster
   * node hands on only what it follows from the room's log (main/roomCluster/), and a welcome's
   * `lastSeq` must be where its socket joins the feed.
   */
  shownSeq?: () => number;
  /** Whether this node writes the room's viewerCount events (in a cluster only one node does); default yes. */
  countsViewers?: () => boolean;
}

export type Refusal = Extract<AckFrame, { ok: false }>;

const refuse = (clientId: string, code: Refusal['code'], message: string): Refusal => ({ type: 'ack', clientId, ok: false, code, message });

/** Throttled counters (viewers, likes) become events at most this often. */
export const COUNTER_EVENT_MS = 1000;

export interface LiveRoom {
  readonly roomId: string;
  /** The newest seq handed on (onEvent, or the cluster's follower): a welcome's `lastSeq`. */
  lastSeq(): number;
  snapshot(): RoomSnapshot;
  /**
   * An event another node committed, as the room's log delivers it: the room's memory of what the
   * studio set, who is banned and what sold out follows it. Ignored when this node already knows it
   * (its own, or read by a batch's catch-up): idempotent by seq.
   */
  followed(event: RoomEvent): void;
  /** The kinds of event `followed` changes anything for: a follower parses only those (a show's log is mostly comments). */
  readonly followedKinds: ReadonlySet<RoomEvent['kind']>;
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
  const { store, roomId, now, newId } = deps;
  const parsed = <T>(json: string | null): T | null => (json ? (JSON.parse(json) as T) : null);

  const row = store.opened;
  let pinned = parsed<RoomComment>(row.pinned);
  let promotion = parsed<Promotion>(row.promotion);
  /** The promotion's claim words, folded once; null when claims are off, so a comment costs one check. */
  let matchClaim = promotion ? claimMatcher(promotion.claimKeywords, promotion.product.variants) : null;
  let ended = parsed<ShowEnd>(row.ended);
  /** The room's total as last committed (by any node), and the likes this node has not added yet. */
  let likes = row.likes;
  let likesPending = 0;
  let flushing = false;
  let viewerCount = 0;
  let viewerCountEmitted = 0;

  const stock = createRoomStock(store);
  const productOf = stock.productOf;

  const banned = new Set(store.banned);
  const isBanned = (viewerId: string) => banned.has(viewerId);

  const setPromotionMemory = (next: Promotion | null) => {
    promotion = next;
    matchClaim = next ? claimMatcher(next.claimKeywords, next.product.variants) : null;
  };
  /** What another node's event changes in this node's memory (from a batch's catch-up or the log). */
  const noteOthers = (event: RoomEvent) => {
    if (event.kind === 'viewerBanned') banned.add(event.viewerId);
    if (event.kind === 'stock') stock.noteLeft(event.productId, { left: event.left, ...(event.variant ? { variant: event.variant } : {}) });
    if (event.kind === 'likes') likes = Math.max(likes, event.total);
  };

  const { append, commit, lastSeq } = createRoomBatches({
    store,
    now,
    log: deps.log,
    onEvent: deps.onEvent,
    defer: deps.defer,
    // Another node committed since this one's last batch: the room's row says what the studio
    // set, and the events it wrote say who was banned and what sold out.
    catchUp(current, missed) {
      pinned = parsed<RoomComment>(current.pinned);
      setPromotionMemory(parsed<Promotion>(current.promotion));
      ended = parsed<ShowEnd>(current.ended);
      likes = Math.max(likes, current.likes);
      for (const event of missed) noteOthers(event);
    },
  });
  const commitAck = (message: ReceiptKey, change: () => Promise<AckFrame>) => commit(change, message) as Promise<AckFrame>;

  const receiptFor = async (sender: string, clientId: string, kind: ReceiptKind) => receiptAnswer(await store.receipt(sender, clientId), clientId, kind);

  const accept = async (sender: string, clientId: string, seqOf: number | null, id: string | null): Promise<AckFrame> => {
    const ack: AckFrame = { type: 'ack', clientId, ok: true, seq: seqOf, id };
    await store.insertReceipt(sender, clientId, JSON.stringify(ack));
    return ack;
  };

  const clean = (text: string, max: number) => sanitizeViewerText(text, max);

  const setPinned = async (comment: RoomComment | null) => {
    pinned = comment;
    await store.setPinned(comment ? JSON.stringify(comment) : null);
    await append({ kind: 'pinned', comment }, null);
  };

  const setPromotion = async (next: Promotion | null) => {
    setPromotionMemory(next);
    await store.setPromotion(next ? JSON.stringify(next) : null);
    await append({ kind: 'promotion', promotion: next }, null);
  };

  const setEnded = async (next: ShowEnd | null) => {
    ended = next;
    await store.setEnded(next ? JSON.stringify(next) : null);
    await append({ kind: 'show', ended: next }, null);
  };

  const orders = createRoomOrders({ store, now, newId, stock, append });
  const { setOrderStatus, claim, moveUpWaitlists } = orders;

  const applyAction = async (action: StudioAction, clientId: string): Promise<Refusal | null> => {
    switch (action.kind) {
      case 'pinComment': {
        const found = await store.comment(action.commentId);
        if (!found || found.hidden) return refuse(clientId, 'not-found', 'That comment is not in this show (or it was hidden).');
        await setPinned({ id: found.id, viewerId: found.viewer_id, name: found.name, text: found.text, at: found.at });
        return null;
      }
      case 'unpinComment':
        if (pinned) await setPinned(null);
        return null;
      case 'promoteProduct': {
        const product = await productOf(action.productId);
        if (!product) return refuse(clientId, 'not-found', 'That product is not in the room: add it to the show first.');
        if (action.flashSale && action.flashSale.endsAt <= now()) return refuse(clientId, 'invalid', 'The flash sale must end in the future.');
        await setPromotion({ product, flashSale: action.flashSale ?? null, claimKeywords: action.claimKeywords ?? [], startedAt: now() });
        return null;
      }
      case 'endPromotion':
        if (promotion) await setPromotion(null);
        return null;
      case 'markOrder': {
        const found = await store.order(action.orderId);
        if (!found) return refuse(clientId, 'not-found', 'There is no such order in this show.');
        if (found.status === action.status) return null;
        if (found.status === 'cancelled') return refuse(clientId, 'invalid', 'That order was cancelled; it cannot change any more.');
        const waitlisted = found.status === 'waitlisted';
        if (waitlisted && action.status === 'handled') {
          return refuse(clientId, 'invalid', 'That claim is still on the waitlist: it has no units until an order for the product is cancelled. Cancel it, or wait for it to move up.');
        }
        const order = { ...(JSON.parse(found.body) as RoomOrder), status: action.status };
        await setOrderStatus(order);
        // A waitlisted claim never took stock, so cancelling it gives none back.
        if (action.status === 'cancelled' && !waitlisted) await orders.unitsBack(order);
        return null;
      }
      case 'reply': {
        const text = clean(action.text, roomLimits.replyChars);
        if (!text) return refuse(clientId, 'invalid', 'The reply is empty once invisible characters are removed.');
        await append({ kind: 'reply', replyId: newId(), commentId: action.commentId ?? null, text }, null);
        return null;
      }
      case 'hideComment': {
        const found = await store.comment(action.commentId);
        if (!found) return refuse(clientId, 'not-found', 'That comment is not in this show.');
        if (found.hidden) return null;
        await store.hideComment(action.commentId);
        await append({ kind: 'commentHidden', commentId: action.commentId }, found.viewer_id);
        if (pinned?.id === action.commentId) await setPinned(null);
        return null;
      }
      case 'banViewer':
        if (!(await store.ban(action.viewerId))) return refuse(clientId, 'not-found', 'No viewer with that id has joined this room.');
        banned.add(action.viewerId);
        await append({ kind: 'viewerBanned', viewerId: action.viewerId }, action.viewerId);
        return null;
      case 'upsertProducts': {
        const products: RoomProduct[] = [];
        for (const product of action.products) products.push(await stock.upsert(product));
        await append({ kind: 'products', products }, null);
        const promoted = promotion && products.find((product) => product.id === promotion?.product.id);
        if (promotion && promoted) await setPromotion({ ...promotion, product: promoted });
        for (const product of products) await moveUpWaitlists(product);
        return null;
      }
      case 'startShow':
        if (ended) await setEnded(null);
        return null;
      case 'endShow':
        await setEnded(showEndAt(now(), action.buyGraceMinutes));
        return null;
      default: {
        const never: never = action;
        return never;
      }
    }
  };

  return {
    roomId,
    lastSeq: deps.shownSeq ?? lastSeq,
    isBanned,
    followedKinds: new Set(['pinned', 'promotion', 'show', 'viewerBanned', 'stock', 'likes']),
    followed(event) {
      // At or below the batches' seq: this node wrote it, or a batch's catch-up already read it.
      if (event.seq <= lastSeq()) return;
      if (event.kind === 'pinned') pinned = event.comment;
      if (event.kind === 'promotion') setPromotionMemory(event.promotion);
      if (event.kind === 'show') ended = event.ended;
      noteOthers(event);
    },
    receipt: (sender, clientId, kind) => receiptAnswer(store.peekReceipt(sender, clientId), clientId, kind),
    // Only a hash is stored: the key is the viewer's secret, the id is public in every comment.
    identifyViewer: (viewerKey) => store.viewerOf(viewerKeyHash(viewerKey), () => `v-${newId().slice(0, 12)}`),
    snapshot() {
      const current = promotion ? { ...promotion, product: stock.productNow(promotion.product.id) ?? promotion.product } : null;
      return { pinned, promotion: current, viewerCount, likes: likes + likesPending, video: deps.videoState(), ended };
    },
    eventsSince: (after, viewerId, limit) => store.eventsSince(after, viewerId, limit),
    arrivalHistory: (viewerId, comments) => store.arrivalHistory(viewerId, comments),

    comment(viewerId, message) {
      if (isBanned(viewerId)) return Promise.resolve(refuse(message.clientId, 'banned', 'You can no longer comment in this room.'));
      const name = clean(message.name, roomLimits.nameChars);
      const text = clean(message.text, roomLimits.commentChars);
      if (!name || !text) return Promise.resolve(refuse(message.clientId, 'invalid', 'The name or the comment is empty once invisible characters are removed.'));
      return commitAck({ sender: viewerId, clientId: message.clientId }, async () => {
        // Checked inside the batch: the same clientId twice in one batch is still one comment.
        const earlier = await receiptFor(viewerId, message.clientId, 'comment');
        if (earlier) return earlier;
        const comment: RoomComment = { id: newId(), viewerId, name, text, at: now() };
        const event = await append({ kind: 'comment', comment }, viewerId);
        await store.insertComment(comment.id, event.seq, viewerId, name, text, comment.at);
        // Checked here, in the batch: a ban or an ended promotion earlier in it already counts.
        const claimed = matchClaim && promotion && !isBanned(viewerId) && !buyingClosed(ended, now()) ? matchClaim(text) : null;
        // A claim after the sale's end is refused by the Buy sheet's own rule, and answered in the comments.
        if (claimed && promotion && flashSaleOver(promotion.flashSale, now())) await append(saleOverReply(comment, newId()), null);
        else if (claimed && promotion) await claim(promotion, comment, claimed.quantity, claimed.variantId);
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
      const soldOut = () => {
        const label = message.variantId === undefined ? null : (promotion?.product.variants?.find((variant) => variant.id === message.variantId)?.label ?? null);
        return promotion?.product.id === message.productId && stock.isSoldOut(message.productId, message.variantId ?? null) ? soldOutMessage(label) : null;
      };
      const soldOutBefore = soldOut();
      if (soldOutBefore) return refused('out-of-stock', soldOutBefore);
      return commitAck({ sender: viewerId, clientId }, async () => {
        const earlier = await receiptFor(viewerId, clientId, 'order');
        if (earlier) return earlier;
        // Checked again in the batch: an endShow queued before this order already counts.
        if (buyingClosed(ended, now())) return refuse(clientId, 'show-ended', showOver);
        if (!promotion || promotion.product.id !== message.productId) return refuse(clientId, 'not-promoted', 'This product is not on sale right now.');
        const sale = promotion.flashSale;
        if (flashSaleOver(sale, now())) return refuse(clientId, 'sale-over', 'The flash sale is over.');
        // Sold out earlier in this batch (or a batch since the message came): refused without a
        // round trip, so the rest of a flash sale's burst costs the batch nothing.
        const soldOutNow = soldOut();
        if (soldOutNow) return refuse(clientId, 'out-of-stock', soldOutNow);
        const product = await productOf(message.productId);
        if (!product) return refuse(clientId, 'not-promoted', 'This product is not on sale right now.');
        const bought = await orders.buy(product, sale, { viewerId, quantity: message.quantity, variantId: message.variantId, buyerName, contact, note });
        if (!bought.ok) return refuse(clientId, bought.code, bought.message);
        return accept(viewerId, clientId, bought.seq, bought.id);
      });
    },

    act(helloActor, message) {
      // One studio socket may act for several people (the core's panel): the message names who.
      const actor = message.actor !== undefined && message.actor.trim() !== '' ? message.actor : helloActor;
      return commitAck({ sender: 'studio', clientId: message.clientId }, async () => {
        const earlier = await receiptFor('studio', message.clientId, 'action');
        if (earlier) return earlier;
        const refusal = await applyAction(message.action, message.clientId);
        if (refusal) return refusal;
        await store.insertAction(lastSeq(), now(), actor, message.action.kind, JSON.stringify(message.action));
        return accept('studio', message.clientId, lastSeq(), null);
      });
    },

    addLikes(count) {
      likesPending += count;
    },
    setViewerCount(count) {
      viewerCount = count;
    },
    flushCounters() {
      const viewersNow = viewerCount;
      const writeViewers = viewersNow !== viewerCountEmitted && (deps.countsViewers?.() ?? true);
      const delta = likesPending;
      if (flushing || (delta === 0 && !writeViewers)) return;
      // One flush at a time: the likes it adds are taken off the pending ones only once committed.
      flushing = true;
      let total = likes;
      void commit(async () => {
        if (delta > 0) {
          // Each node adds its own likes: the room's total is the database's sum, not this node's.
          total = await store.addLikes(delta);
          await append({ kind: 'likes', total }, null);
        }
        if (writeViewers) await append({ kind: 'viewerCount', count: viewersNow }, null);
        return null;
      })
        .then(
          () => {
            likesPending -= delta;
            likes = Math.max(likes, total);
            if (writeViewers) viewerCountEmitted = viewersNow;
          },
          () => {},
        )
        .finally(() => (flushing = false));
    },
  };
}
