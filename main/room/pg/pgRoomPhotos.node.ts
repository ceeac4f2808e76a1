import type { Pool } from 'pg';
import { inlinePhoto, photoOfType, type RoomPhotos } from '../roomPhotos.node';

// A cluster's product photos, in PostgreSQL (issue 14): the studio may send a product through
// one node and a viewer's browser fetch its address from another, so the bytes are kept where
// every node reads them, under the same content address as in a room server's SQLite file.

export function createPostgresRoomPhotos(pool: Pool): RoomPhotos {
  return {
    async withPhotoUrl(roomId, product) {
      if (product.photo === null || !product.photo.startsWith('data:')) return product;
      const photo = inlinePhoto(roomId, product.photo);
      if (!photo) return { ...product, photo: null };
      await pool.query('INSERT INTO photos (room_id, hash, type, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [roomId, photo.hash, photo.type, photo.bytes]);
      return { ...product, photo: photo.url };
    },
    async read(roomId, hash, ext) {
      const found = (await pool.query<{ type: string; bytes: Buffer }>('SELECT type, bytes FROM photos WHERE room_id = $1 AND hash = $2', [roomId, hash])).rows[0];
      return photoOfType(found ?? null, ext);
    },
  };
}
