import { z } from 'zod';

// The studio's own live room runs in a process of its own (`npm run room`'s entry: a child
// process under `npm run studio`, a utilityProcess in the app). What that process says when it
// listens, and what the studio's core is told of it, are declared here: both cross a process
// boundary and are validated where they arrive.

/** Sent once by the room entry (process.send or parentPort) when its server listens. */
export const roomReadyMessageSchema = z.strictObject({
  type: z.literal('room-ready'),
  port: z.number().int().min(1).max(65535),
  /** Each room's viewers' link, by room id. */
  watchUrls: z.record(z.string(), z.string()),
  /** Why the room has no video (no SFU worker), or null. */
  videoReason: z.string().nullable(),
});
export type RoomReadyMessage = z.infer<typeof roomReadyMessageSchema>;

/** Sent by the studio to a standby room process: start the room now (the one before it died). */
export const roomTakeOverMessageSchema = z.strictObject({ type: z.literal('room-take-over') });
export type RoomTakeOverMessage = z.infer<typeof roomTakeOverMessageSchema>;

export const embeddedRoomStateSchema = z.enum(['starting', 'running', 'not-answering', 'restarting', 'failed', 'stopped']);
export type EmbeddedRoomState = z.infer<typeof embeddedRoomStateSchema>;

/** The studio's own room as its supervisor sees it: where it is and whether it answers. */
export const embeddedRoomSchema = z.strictObject({
  state: embeddedRoomStateSchema,
  roomId: z.string(),
  /** The studio and broadcaster token (the room process gets it as SHOPCAST_ROOM_TOKEN). */
  token: z.string(),
  /** `http://127.0.0.1:<port>/rooms/<id>` on this machine: the broadcaster API; its `/live` (ws:) is the room protocol. Null before it first listened. */
  roomUrl: z.string().nullable(),
  /** The viewers' link (LAN address or public URL). */
  watchUrl: z.string().nullable(),
  videoReason: z.string().nullable(),
  /** What happened, in one line for the merchant; null while all is well. */
  message: z.string().nullable(),
  restarts: z.number().int().min(0),
});
export type EmbeddedRoom = z.infer<typeof embeddedRoomSchema>;

/** The studio's own room as the core follows it: its supervisor in the same process, or main's messages in the app. */
export interface EmbeddedRoomWatch {
  current(): EmbeddedRoom;
  subscribe(listener: (room: EmbeddedRoom) => void): () => void;
}
