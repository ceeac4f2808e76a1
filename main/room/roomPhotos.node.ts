import { createHash } from 'node:crypto';
import type { RoomProduct } from '../../contract/room/roomMessages.std';
import type { Database } from './roomDatabase.node';

// A room's product photos, stored once and served by address (issue 14). A studio sends a
// product's picture inline, as a data: URL; the room keeps its bytes under their SHA-256 and
// puts `/rooms/<roomId>/photos/<sha256>.<ext>` in the product instead, so no event, welcome or
// resume carries picture bytes, and a viewer's browser fetches each picture once and caches it
// for good (the address changes when the picture does).

const extOfType: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };
const typeOfExt: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(extOfType).map(([type, ext]) => [ext, type]));
const DATA_URL = /^data:(image\/(?:png|jpeg|webp|gif));base64,([A-Za-z0-9+/=]+)$/;

export interface StoredPhoto {
  contentType: string;
  bytes: Buffer;
}

/** Where a room keeps its photos: this server's SQLite file (at once), or a cluster's PostgreSQL (a promise). */
export interface RoomPhotos {
  /** The product as the room keeps and sends it: an inline photo stored, and replaced by its address. */
  withPhotoUrl(roomId: string, product: RoomProduct): RoomProduct | Promise<RoomProduct>;
  /** The photo at `<hash>.<ext>` of the room, or null when it has none by that name. */
  read(roomId: string, hash: string, ext: string): StoredPhoto | null | Promise<StoredPhoto | null>;
}

/** An inline photo's bytes, type, content hash and the address it is served at; null when it is not one the room takes. */
export function inlinePhoto(roomId: string, dataUrl: string): { type: string; bytes: Buffer; hash: string; url: string } | null {
  const parsed = DATA_URL.exec(dataUrl);
  const type = parsed?.[1];
  if (!type || parsed[2] === undefined) return null;
  const bytes = Buffer.from(parsed[2], 'base64');
  const hash = createHash('sha256').update(bytes).digest('hex');
  return { type, bytes, hash, url: `/rooms/${roomId}/photos/${hash}.${extOfType[type] ?? 'png'}` };
}

/** A stored photo, only when asked for by the extension of its own type. */
export const photoOfType = (found: { type: string; bytes: Buffer } | null, ext: string): StoredPhoto | null =>
  found && typeOfExt[ext] === found.type ? { contentType: found.type, bytes: found.bytes } : null;

export function createRoomPhotos(db: Database): { withPhotoUrl(roomId: string, product: RoomProduct): RoomProduct; read(roomId: string, hash: string, ext: string): StoredPhoto | null } {
  const insert = db.prepare('INSERT OR IGNORE INTO photos (room_id, hash, type, bytes) VALUES (?, ?, ?, ?)');
  const select = db.prepare<[string, string], { type: string; bytes: Buffer }>('SELECT type, bytes FROM photos WHERE room_id = ? AND hash = ?');
  return {
    withPhotoUrl(roomId, product) {
      if (product.photo === null || !product.photo.startsWith('data:')) return product;
      const photo = inlinePhoto(roomId, product.photo);
      if (photo) insert.run(roomId, photo.hash, photo.type, photo.bytes);
      return { ...product, photo: photo?.url ?? null };
    },
    read: (roomId, hash, ext) => photoOfType(select.get(roomId, hash) ?? null, ext),
  };
}

/**
 * Rows written before photos had addresses carry them inline: in each product, in the room's
 * promotion, and in every `products` and `promotion` event of the log. Each is stored once and
 * replaced by its address, in the migration that adds the photos table, so a replay of an old
 * show is as small as a new one's.
 */
export function movePhotosOutOfRows(db: Database): void {
  const photos = createRoomPhotos(db);
  const inline = `%"photo":"data:%`;
  const products = (roomId: string, list: RoomProduct[]) => list.map((product) => photos.withPhotoUrl(roomId, product));
  const promotionOf = (roomId: string, promotion: { product: RoomProduct } | null) => promotion && { ...promotion, product: photos.withPhotoUrl(roomId, promotion.product) };
  const productRows = db.prepare<[string], { room_id: string; id: string; body: string }>('SELECT room_id, id, body FROM products WHERE body LIKE ?').all(inline);
  const setProduct = db.prepare('UPDATE products SET body = ? WHERE room_id = ? AND id = ?');
  for (const row of productRows) setProduct.run(JSON.stringify(photos.withPhotoUrl(row.room_id, JSON.parse(row.body) as RoomProduct)), row.room_id, row.id);
  const roomRows = db.prepare<[string], { id: string; promotion: string }>('SELECT id, promotion FROM rooms WHERE promotion LIKE ?').all(inline);
  const setPromotion = db.prepare('UPDATE rooms SET promotion = ? WHERE id = ?');
  for (const row of roomRows) setPromotion.run(JSON.stringify(promotionOf(row.id, JSON.parse(row.promotion) as { product: RoomProduct })), row.id);
  // Only the keys are listed at once: a long show's events, each with a 200 KB photo, are read one by one.
  const eventKeys = db.prepare<[string], { room_id: string; seq: number }>("SELECT room_id, seq FROM events WHERE kind IN ('products', 'promotion') AND body LIKE ?").all(inline);
  const eventBody = db.prepare<[string, number], { body: string }>('SELECT body FROM events WHERE room_id = ? AND seq = ?');
  const setEvent = db.prepare('UPDATE events SET body = ? WHERE room_id = ? AND seq = ?');
  for (const key of eventKeys) {
    const body = eventBody.get(key.room_id, key.seq)?.body;
    if (body === undefined) continue;
    const event = JSON.parse(body) as { products?: RoomProduct[]; promotion?: { product: RoomProduct } | null };
    const moved = event.products ? { ...event, products: products(key.room_id, event.products) } : { ...event, promotion: promotionOf(key.room_id, event.promotion ?? null) };
    setEvent.run(JSON.stringify(moved), key.room_id, key.seq);
  }
}
