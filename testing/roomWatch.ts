import type { EmbeddedRoom, EmbeddedRoomWatch } from '../contract/roomProcess.std';

/** A studio's own room that is running at `port` (a room server a test started), as its supervisor would report it. */
export function runningRoomWatch(port: number, token: string, roomId = 'shop'): EmbeddedRoomWatch & { set(patch: Partial<EmbeddedRoom>): void } {
  const listeners = new Set<(room: EmbeddedRoom) => void>();
  let room: EmbeddedRoom = {
    state: 'running',
    roomId,
    token,
    roomUrl: `http://127.0.0.1:${port}/rooms/${roomId}`,
    watchUrl: `http://127.0.0.1:${port}/watch/${roomId}`,
    videoReason: null,
    message: null,
    restarts: 0,
  };
  return {
    current: () => room,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(patch) {
      room = { ...room, ...patch };
      for (const listener of listeners) listener(room);
    },
  };
}
