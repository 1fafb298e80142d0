import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MasterKeyConfigError } from './errors.js';

/** The key that wraps every subject's data key. Never stored in the database. */
export interface MasterKey {
  /** Non-secret fingerprint, stored next to each wrapped key so a rotation knows which key wrapped it. */
  readonly id: string;
  readonly key: KeyObject;
}

const KEY_BYTES = 32;

export function masterKeyFromBytes(bytes: Buffer): MasterKey {
  if (bytes.length !== KEY_BYTES) throw new MasterKeyConfigError(`a master key is ${KEY_BYTES} bytes`);
  const id = `mk-${createHash('sha256').update('master-key-id\n').update(bytes).digest('hex').slice(0, 16)}`;
  return { id, key: createSecretKey(Buffer.from(bytes)) };
}

/** Parses base64 of exactly 32 bytes. Errors name the variable and never echo its value. */
export function parseMasterKey(raw: string | undefined, variable = 'MASTER_KEY'): MasterKey {
  const text = raw?.trim() ?? '';
  if (text === '')
    throw new MasterKeyConfigError(`${variable}: required, the base64 of ${KEY_BYTES} random bytes (e.g. \`openssl rand -base64 32\`)`);
  const bytes = Buffer.from(text, 'base64');
  // Buffer.from ignores characters outside the alphabet: compare the round trip to refuse them.
  const canonical = bytes.toString('base64');
  if (bytes.length !== KEY_BYTES || (text !== canonical && `${text}=` !== canonical)) {
    throw new MasterKeyConfigError(`${variable}: must be the base64 of exactly ${KEY_BYTES} bytes (e.g. \`openssl rand -base64 32\`)`);
  }
  return masterKeyFromBytes(bytes);
}

export const DEV_MASTER_KEY_FILE = 'master.key';

/**
 * For the local all-in-one default only (embedded PostgreSQL, no DATABASE_URL): a generated key
 * kept beside the data in `<dataDir>/master.key`, mode 0600. Production must set MASTER_KEY and
 * keep it away from the database and its backups, or crypto-shredding protects nothing.
 */
export async function loadOrCreateDevMasterKey(dataDir: string): Promise<MasterKey> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DEV_MASTER_KEY_FILE);
  try {
    return await readKeyFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Written in full under a temporary name, then linked into place: a process starting at the
  // same time either wins the link or reads the complete key of the winner, never half a file.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.unlink(temporary).catch(() => undefined);
  }
  return readKeyFile(file);
}

async function readKeyFile(file: string): Promise<MasterKey> {
  const stat = await fs.stat(file);
  if ((stat.mode & 0o077) !== 0) {
    throw new MasterKeyConfigError(`${file}: readable by other users (mode ${(stat.mode & 0o777).toString(8)}); run \`chmod 600 ${file}\``);
  }
  return parseMasterKey(await fs.readFile(file, 'utf8'), file);
}
