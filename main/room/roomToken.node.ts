import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const ROOM_TOKEN_ENV = 'SHOPCAST_ROOM_TOKEN';

/** A new secret for studios and broadcasters: 192 random bits. */
export function newRoomToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The standalone room's studio token: SHOPCAST_ROOM_TOKEN, else the one kept in
 * <dataDir>/room-token (readable by this user only), made on first start.
 */
export async function loadRoomToken(env: NodeJS.ProcessEnv, dataDir: string): Promise<{ token: string; source: string }> {
  const fromEnv = env[ROOM_TOKEN_ENV];
  if (fromEnv) {
    if (fromEnv.length < 16) throw new Error(`${ROOM_TOKEN_ENV} is too short: use at least 16 characters.`);
    return { token: fromEnv, source: ROOM_TOKEN_ENV };
  }
  const file = path.join(dataDir, 'room-token');
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept.length >= 16) return { token: kept, source: file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = newRoomToken();
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return { token, source: file };
}
