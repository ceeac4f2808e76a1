// Who this phone is to the room: a random key kept in storage (so a reload is the same viewer)
// and the name they last used.

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const VIEWER_KEY_LENGTH = 32;
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** 32 url-safe characters from 32 random bytes (64 divides 256, so every character is equally likely). */
export function viewerKeyFromBytes(bytes: Uint8Array): string {
  let key = '';
  for (let i = 0; i < VIEWER_KEY_LENGTH; i += 1) key += URL_SAFE[(bytes[i] ?? 0) & 63];
  return key;
}

/** The minimal part of Storage used here; reads and writes may throw (storage disabled, quota). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const STORAGE_KEYS = { viewerKey: 'shopcast.viewer.key', name: 'shopcast.viewer.name' } as const;

export function loadViewerKey(storage: KeyValueStore | null, randomBytes: (n: number) => Uint8Array): string {
  try {
    const saved = storage?.getItem(STORAGE_KEYS.viewerKey);
    if (saved && KEY_PATTERN.test(saved)) return saved;
  } catch {
    // Storage refused: this visit gets a key of its own.
  }
  const key = viewerKeyFromBytes(randomBytes(VIEWER_KEY_LENGTH));
  try {
    storage?.setItem(STORAGE_KEYS.viewerKey, key);
  } catch {
    // Not kept: a reload will be a new viewer, nothing worse.
  }
  return key;
}

export function loadName(storage: KeyValueStore | null): string {
  try {
    return storage?.getItem(STORAGE_KEYS.name) ?? '';
  } catch {
    return '';
  }
}

export function saveName(storage: KeyValueStore | null, name: string): void {
  try {
    storage?.setItem(STORAGE_KEYS.name, name);
  } catch {
    // Not remembered; the form still has it.
  }
}

/** The room id is the last segment of /watch/<roomId>. */
export function roomIdFromPath(pathname: string): string {
  const segments = pathname.split('/').filter((segment) => segment.length > 0);
  const last = segments.at(-1) ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function roomSocketUrl(location: { protocol: string; host: string }, roomId: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/rooms/${encodeURIComponent(roomId)}/live`;
}
