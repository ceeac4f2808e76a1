import { describe, expect, it } from 'vitest';
import { viewerKeySchema } from '../../contract/room/roomMessages.std';
import { STORAGE_KEYS, loadName, loadViewerKey, roomIdFromPath, roomSocketUrl, saveName, viewerKeyFromBytes, type KeyValueStore } from './identity.std';

function memoryStorage(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}
const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i * 37);
const broken: KeyValueStore = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

describe('viewer identity', () => {
  it('makes a 32-character key the room accepts', () => {
    const key = viewerKeyFromBytes(bytes(32));
    expect(key).toHaveLength(32);
    expect(viewerKeySchema.safeParse(key).success).toBe(true);
  });

  it('keeps the key across reloads', () => {
    const storage = memoryStorage();
    const first = loadViewerKey(storage, bytes);
    expect(loadViewerKey(storage, () => new Uint8Array(32))).toBe(first);
    storage.data.set(STORAGE_KEYS.viewerKey, 'not a key!');
    expect(loadViewerKey(storage, bytes)).toBe(first);
  });

  it('still works when storage throws', () => {
    expect(loadViewerKey(broken, bytes)).toHaveLength(32);
    expect(loadName(broken)).toBe('');
    expect(() => saveName(broken, 'Lin')).not.toThrow();
  });

  it('remembers the name', () => {
    const storage = memoryStorage();
    saveName(storage, 'Lin');
    expect(loadName(storage)).toBe('Lin');
  });

  it('finds the room and its socket from the page address', () => {
    expect(roomIdFromPath('/watch/shop-1')).toBe('shop-1');
    expect(roomIdFromPath('/watch/shop-1/')).toBe('shop-1');
    expect(roomSocketUrl({ protocol: 'https:', host: 'live.example:8443' }, 'shop-1')).toBe('wss://live.example:8443/rooms/shop-1/live');
    expect(roomSocketUrl({ protocol: 'http:', host: '192.168.1.5:7000' }, 'shop-1')).toBe('ws://192.168.1.5:7000/rooms/shop-1/live');
  });
});
