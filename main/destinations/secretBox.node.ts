import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type * as fsPromises from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log/logger.std';

// Stream keys at rest (issue 5): AES-256-GCM under a random 32-byte key of this data folder,
// kept in `secret.key` (mode 0600) beside the documents it protects. That stops a key leaking
// through a copied destinations.json, a backup of it or a screenshot of the file; it does not stop
// someone who can read the whole folder as this user. The Electron edge can close that gap by
// wrapping the key file with the OS keychain (safeStorage) through `KeyWrapping`.

const KEY_BYTES = 32;
const IV_BYTES = 12; // GCM's recommended nonce size; random per message
const TAG_BYTES = 16;
const FORMAT = 'v1';

/** Protects the key file's bytes at rest, e.g. `safeStorage.encryptString(key.toString('base64'))`. */
export interface KeyWrapping {
  wrap(key: Buffer): Buffer;
  unwrap(stored: Buffer): Buffer;
}

/** The key file as it is: protected by its permissions only. */
export const plainKeyFile: KeyWrapping = { wrap: (key) => key, unwrap: (stored) => stored };

/** A secret that can't be opened: damaged, changed, sealed for something else, or under another key. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

export interface SecretBox {
  /** Seals `plain` for `context` (what it belongs to): a sealed value moved elsewhere is refused. */
  encrypt(plain: string, context: string): Promise<string>;
  decrypt(sealed: string, context: string): Promise<string>;
}

export interface SecretBoxDeps {
  fs: typeof fsPromises;
  /** `<dataDir>/secret.key` */
  keyPath: string;
  log: Logger;
  wrapping?: KeyWrapping;
  randomBytes?: (size: number) => Buffer;
  platform?: NodeJS.Platform;
}

/** Opens lazily: the key file is read, or created, on the first encrypt or decrypt. */
export function openSecretBox(deps: SecretBoxDeps): SecretBox {
  const { fs, keyPath, log } = deps;
  const wrapping = deps.wrapping ?? plainKeyFile;
  const random = deps.randomBytes ?? randomBytes;
  const platform = deps.platform ?? process.platform;
  let key: Promise<Buffer> | undefined;

  async function readKey(): Promise<Buffer | null> {
    let stored: Buffer;
    try {
      stored = await fs.readFile(keyPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let raw: Buffer;
    try {
      raw = wrapping.unwrap(stored);
    } catch {
      throw new SecretBoxError(`The secret key file ${keyPath} could not be unlocked.`);
    }
    if (raw.length !== KEY_BYTES) throw new SecretBoxError(`The secret key file ${keyPath} is damaged (wrong length).`);
    if (platform !== 'win32') {
      const mode = (await fs.stat(keyPath)).mode & 0o777;
      if ((mode & 0o077) !== 0) {
        await fs.chmod(keyPath, 0o600);
        log.warn('secret key file was readable by others; made private', { keyPath, mode: mode.toString(8) });
      }
    }
    return raw;
  }

  async function createKey(): Promise<Buffer> {
    const raw = random(KEY_BYTES);
    await fs.mkdir(path.dirname(keyPath), { recursive: true });
    // Written whole under a temporary name, then linked into place: link() fails if the file
    // exists, so of two processes creating it at once one wins and both use its key, and a crash
    // never leaves a half-written key file.
    const temporary = `${keyPath}.${process.pid}.${random(4).toString('hex')}.tmp`;
    const handle = await fs.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(wrapping.wrap(raw));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.link(temporary, keyPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const theirs = await readKey();
      if (theirs === null) throw error;
      return theirs;
    } finally {
      await fs.rm(temporary, { force: true });
    }
    log.info('secret key file created', { keyPath });
    return raw;
  }

  const keyOnce = (): Promise<Buffer> => {
    key ??= readKey()
      .then((existing) => existing ?? createKey())
      .catch((error: unknown) => {
        key = undefined; // a failure (a full disk) may pass: try again next time
        throw error;
      });
    return key;
  };

  return {
    async encrypt(plain, context) {
      const secret = await keyOnce();
      const iv = random(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [FORMAT, iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    async decrypt(sealed, context) {
      const secret = await keyOnce();
      const [format, ivText, tagText, bodyText, ...rest] = sealed.split('.');
      if (format !== FORMAT || ivText === undefined || tagText === undefined || bodyText === undefined || rest.length > 0) {
        throw new SecretBoxError('A stored secret is damaged (it is not in the expected format).');
      }
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('A stored secret is damaged (it is not in the expected format).');
      const decipher = createDecipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        // GCM's tag check: a changed byte, another key file, or a secret sealed for something else.
        throw new SecretBoxError('A stored secret was changed, damaged or sealed with another key file, so it was refused.');
      }
    },
  };
}
