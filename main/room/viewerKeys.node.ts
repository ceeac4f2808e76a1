import { createHash } from 'node:crypto';
import type { Database } from './roomDatabase.node';

// Whether a viewer key has joined a room before, asked at the hello before `identifyViewer`
// (main/room/liveRoom.node.ts) would add a row for it: only keys new to the room draw on the
// per-address budget of new viewers (issue 14: a reconnect storm of fresh keys added a row per
// hello). The hash is the one `identifyViewer` stores; roomAdmission.test.ts shows a known key is
// still admitted once the budget is spent, which fails if the two ever differ.

export function viewerKeyHash(viewerKey: string): string {
  return createHash('sha256').update(viewerKey).digest('base64url');
}

export function knownViewerKeys(db: Database): (roomId: string, viewerKey: string) => boolean {
  const known = db.prepare<[string, string], { found: number }>('SELECT 1 AS found FROM viewers WHERE room_id = ? AND key_hash = ?');
  return (roomId, viewerKey) => known.get(roomId, viewerKeyHash(viewerKey)) !== undefined;
}
