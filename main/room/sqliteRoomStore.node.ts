import type { Database } from './roomDatabase.node';
import type { RoomStore } from './roomStore.std';
import { prepareRoomStatements } from './roomStatements.node';

// A room in the room server's SQLite file. This process is the room's only writer, so a batch
// needs no lock and its memory is always current (`begin` answers null). Every call answers
// synchronously: the batch's awaits all resume in the same turn, so neither a message nor another
// room's batch runs between its BEGIN and its COMMIT.

export function openSqliteRoomStore(db: Database, roomId: string, now: () => number): RoomStore {
  db.prepare('INSERT OR IGNORE INTO rooms (id, created_at) VALUES (?, ?)').run(roomId, now());
  const q = prepareRoomStatements(db);
  const row = q.room.get(roomId);
  const opened = { pinned: row?.pinned ?? null, promotion: row?.promotion ?? null, ended: row?.ended ?? null, likes: row?.likes ?? 0, lastSeq: q.maxSeq.get(roomId)?.seq ?? 0 };
  const banned = db.prepare<[string], { viewer_id: string }>('SELECT viewer_id FROM viewers WHERE room_id = ? AND banned = 1').all(roomId).map((found) => found.viewer_id);
  const [begin, commit, rollback] = [db.prepare('BEGIN'), db.prepare('COMMIT'), db.prepare('ROLLBACK')];
  const [savepoint, release, rollbackTo] = [db.prepare('SAVEPOINT change'), db.prepare('RELEASE change'), db.prepare('ROLLBACK TO change')];

  const product = (id: string) => {
    const found = q.product.get(roomId, id);
    return found ? { ...found, variants: q.variants.all(roomId, id) } : null;
  };

  const receipt = (sender: string, clientId: string) => {
    const found = q.receipt.get(roomId, sender, clientId);
    if (!found) return null;
    const seq = (JSON.parse(found.ack) as { seq?: number | null }).seq;
    return { ack: found.ack, eventKind: typeof seq === 'number' ? (q.eventKind.get(roomId, seq)?.kind ?? null) : null };
  };

  return {
    opened,
    banned,
    eventsSince: (after, viewerId, limit) =>
      (viewerId === null ? q.studioEventsSince.all(roomId, after, limit) : q.viewerEventsSince.all(roomId, after, viewerId, limit)).map((found) => found.body),
    arrivalHistory: (viewerId, comments) => q.arrivalHistory.all(roomId, roomId, comments, roomId, viewerId).map((found) => found.body),
    peekReceipt: receipt,
    productNow: product,
    viewerOf(keyHash, newViewerId) {
      const known = q.viewerByKey.get(roomId, keyHash);
      if (known) return known.viewer_id;
      const viewerId = newViewerId();
      q.insertViewer.run(roomId, keyHash, viewerId);
      return viewerId;
    },

    begin: () => {
      begin.run();
      return null;
    },
    savepoint: () => void savepoint.run(),
    release: () => void release.run(),
    rollbackToSavepoint: () => {
      rollbackTo.run();
      release.run();
    },
    commit: () => void commit.run(),
    // A failed COMMIT (disk full…) may have ended the transaction already.
    rollback: () => void (db.inTransaction && rollback.run()),

    insertEvent: (seq, at, kind, owner, body) => void q.insertEvent.run(roomId, seq, at, kind, owner, body),
    receipt,
    insertReceipt: (sender, clientId, ack) => void q.insertReceipt.run(roomId, sender, clientId, ack),
    insertComment: (id, seq, viewerId, name, text, at) => void q.insertComment.run(roomId, id, seq, viewerId, name, text, at),
    comment: (id) => q.comment.get(roomId, id) ?? null,
    hideComment: (id) => void q.hideComment.run(roomId, id),
    product,
    upsertProduct: (id, body, stock) => void q.upsertProduct.run(roomId, id, body, stock),
    deleteVariants: (productId) => void q.deleteVariants.run(roomId, productId),
    insertVariant: (productId, id, stock) => void q.insertVariant.run(roomId, productId, id, stock),
    takeStock: (productId, quantity) => q.takeStock.run(quantity, roomId, productId, quantity).changes > 0,
    takeVariantStock: (productId, variantId, quantity) => q.takeVariantStock.run(quantity, roomId, productId, variantId, quantity).changes > 0,
    returnStock: (productId, quantity) => q.returnStock.run(quantity, roomId, productId).changes > 0,
    returnVariantStock: (productId, variantId, quantity) => q.returnVariantStock.run(quantity, roomId, productId, variantId).changes > 0,
    insertOrder: (o) => void q.insertOrder.run(roomId, o.id, o.seq, o.viewerId, o.productId, o.variantId, o.quantity, o.amountMinor, o.status, o.body),
    order: (id) => q.order.get(roomId, id) ?? null,
    setOrderStatus: (id, status, body) => void q.setOrderStatus.run(status, body, roomId, id),
    waitlisted: (productId, variantId, maxQuantity, limit) => q.waitlisted.all(roomId, productId, variantId, maxQuantity, limit),
    unnamedClaims: (productId, viewerId) => q.unnamedClaims.all(roomId, productId, viewerId),
    setPinned: (json) => void q.setPinned.run(json, roomId),
    setPromotion: (json) => void q.setPromotion.run(json, roomId),
    addLikes: (delta) => q.addLikes.get(delta, roomId)?.likes ?? 0,
    setEnded: (json) => void q.setEnded.run(json, roomId),
    insertAction: (seq, at, actor, kind, body) => void q.insertAction.run(roomId, seq, at, actor, kind, body),
    ban: (viewerId) => q.ban.run(roomId, viewerId).changes > 0,
  };
}
