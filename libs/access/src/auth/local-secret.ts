import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const LOCAL_SECRET_FILE = 'auth-secret';

/**
 * For the local all-in-one default only: a token-signing secret generated once and kept under
 * the data directory (mode 600), so `npm run token` and the API agree. Production configures
 * AUTH_JWKS_URL (an identity provider), AUTH_JWT_PUBLIC_KEY or AUTH_JWT_SECRET.
 */
export async function loadOrCreateLocalSecret(dataDir: string): Promise<Uint8Array> {
  const file = path.join(dataDir, LOCAL_SECRET_FILE);
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing) return Buffer.from(existing.trim(), 'base64');
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32);
  await writeFile(file, `${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
}
