// The PostgreSQL channel each batch's commit notifies with its room's id (pgBatchRows.std.ts), which
// the node relaying that room to its event log listens on (logRelay.node.ts).
export const ROOM_COMMITS = 'shopcast_room_commits';
