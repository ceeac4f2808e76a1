import type { Database } from './roomDatabase.node';

// Every SQL statement a live room runs, prepared once when the room opens.

export function prepareRoomStatements(db: Database) {
  return {
    room: db.prepare<[string], { pinned: string | null; promotion: string | null; likes: number; ended: string | null }>('SELECT pinned, promotion, likes, ended FROM rooms WHERE id = ?'),
    maxSeq: db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events WHERE room_id = ?'),
    insertEvent: db.prepare('INSERT INTO events (room_id, seq, at, kind, owner, body) VALUES (?, ?, ?, ?, ?, ?)'),
    insertReceipt: db.prepare('INSERT INTO receipts (room_id, sender, client_id, ack) VALUES (?, ?, ?, ?)'),
    receipt: db.prepare<[string, string, string], { ack: string }>('SELECT ack FROM receipts WHERE room_id = ? AND sender = ? AND client_id = ?'),
    eventKind: db.prepare<[string, number], { kind: string }>('SELECT kind FROM events WHERE room_id = ? AND seq = ?'),
    insertComment: db.prepare('INSERT INTO comments (room_id, id, seq, viewer_id, name, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    comment: db.prepare<[string, string], { id: string; viewer_id: string; name: string; text: string; at: number; hidden: number }>(
      'SELECT id, viewer_id, name, text, at, hidden FROM comments WHERE room_id = ? AND id = ?',
    ),
    hideComment: db.prepare('UPDATE comments SET hidden = 1 WHERE room_id = ? AND id = ?'),
    product: db.prepare<[string, string], { body: string; stock: number | null }>('SELECT body, stock FROM products WHERE room_id = ? AND id = ?'),
    upsertProduct: db.prepare('INSERT INTO products (room_id, id, body, stock) VALUES (?, ?, ?, ?) ON CONFLICT (room_id, id) DO UPDATE SET body = excluded.body, stock = excluded.stock'),
    takeStock: db.prepare('UPDATE products SET stock = stock - ? WHERE room_id = ? AND id = ? AND stock IS NOT NULL AND stock >= ?'),
    returnStock: db.prepare('UPDATE products SET stock = stock + ? WHERE room_id = ? AND id = ? AND stock IS NOT NULL'),
    variants: db.prepare<[string, string], { id: string; stock: number | null }>('SELECT id, stock FROM variants WHERE room_id = ? AND product_id = ?'),
    deleteVariants: db.prepare('DELETE FROM variants WHERE room_id = ? AND product_id = ?'),
    insertVariant: db.prepare('INSERT INTO variants (room_id, product_id, id, stock) VALUES (?, ?, ?, ?)'),
    takeVariantStock: db.prepare('UPDATE variants SET stock = stock - ? WHERE room_id = ? AND product_id = ? AND id = ? AND stock IS NOT NULL AND stock >= ?'),
    returnVariantStock: db.prepare('UPDATE variants SET stock = stock + ? WHERE room_id = ? AND product_id = ? AND id = ? AND stock IS NOT NULL'),
    insertOrder: db.prepare('INSERT INTO orders (room_id, id, seq, viewer_id, product_id, variant_id, quantity, amount_minor, status, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    order: db.prepare<[string, string], { body: string; status: string }>('SELECT body, status FROM orders WHERE room_id = ? AND id = ?'),
    setOrderStatus: db.prepare('UPDATE orders SET status = ?, body = ? WHERE room_id = ? AND id = ?'),
    waitlisted: db.prepare<[string, string, string | null, number, number], { quantity: number; body: string }>(
      "SELECT quantity, body FROM orders WHERE room_id = ? AND product_id = ? AND variant_id IS ? AND status = 'waitlisted' AND quantity <= ? ORDER BY seq LIMIT ?",
    ),
    /** A viewer's claims of a product with variants that named none: replaced once they name one. */
    unnamedClaims: db.prepare<[string, string, string], { body: string }>(
      "SELECT body FROM orders WHERE room_id = ? AND product_id = ? AND viewer_id = ? AND variant_id IS NULL AND status = 'waitlisted' ORDER BY seq",
    ),
    setPinned: db.prepare('UPDATE rooms SET pinned = ? WHERE id = ?'),
    setPromotion: db.prepare('UPDATE rooms SET promotion = ? WHERE id = ?'),
    addLikes: db.prepare<[number, string], { likes: number }>('UPDATE rooms SET likes = likes + ? WHERE id = ? RETURNING likes'),
    setEnded: db.prepare('UPDATE rooms SET ended = ? WHERE id = ?'),
    insertAction: db.prepare('INSERT INTO actions (room_id, seq, at, actor, kind, body) VALUES (?, ?, ?, ?, ?, ?)'),
    ban: db.prepare('UPDATE viewers SET banned = 1 WHERE room_id = ? AND viewer_id = ?'),
    viewerByKey: db.prepare<[string, string], { viewer_id: string }>('SELECT viewer_id FROM viewers WHERE room_id = ? AND key_hash = ?'),
    insertViewer: db.prepare('INSERT INTO viewers (room_id, key_hash, viewer_id) VALUES (?, ?, ?)'),
    studioEventsSince: db.prepare<[string, number, number], { body: string }>('SELECT body FROM events WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
    viewerEventsSince: db.prepare<[string, number, string, number], { body: string }>(
      `SELECT body FROM events WHERE room_id = ? AND seq > ?
         AND (kind NOT IN ('comment', 'order', 'orderStatus') OR owner = ?) ORDER BY seq LIMIT ?`,
    ),
    arrivalHistory: db.prepare<[string, string, number, string, string], { body: string }>(
      `SELECT body FROM (
         SELECT body, seq FROM events WHERE room_id = ?
           AND seq IN (SELECT seq FROM comments WHERE room_id = ? AND hidden = 0 ORDER BY seq DESC LIMIT ?)
         UNION ALL
         -- A partial index is used only when the query implies its WHERE, which a bound "owner = ?"
         -- does not; without it every hello scanned the room's whole log (3 ms at 20,000 events).
         SELECT body, seq FROM events INDEXED BY events_by_owner WHERE room_id = ? AND owner = ? AND owner IS NOT NULL AND kind IN ('order', 'orderStatus')
       ) ORDER BY seq`,
    ),
  };
}
