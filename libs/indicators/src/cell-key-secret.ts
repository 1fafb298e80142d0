import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DisclosureConfig } from '../../config/src/config.js';

export const CELL_KEY_SECRET_FILE = 'statistics-cell-key';

/** What the secret of the record keys is found from (AppConfig's fields). */
export interface CellKeySecretSource {
  disclosure: Pick<DisclosureConfig, 'mechanism' | 'perturbationSalt'>;
  masterKey: string | null;
  dataDir: string;
}

/**
 * The per-installation secret the cell-key method's record keys are made with (never logged, never
 * in an answer): STATISTICS_PERTURBATION_SALT when set; otherwise derived from MASTER_KEY (HKDF, its
 * own label), which every installation with a database must have; for the all-in-one default (no
 * MASTER_KEY) generated once into DATA_DIR beside the generated master key. Null with
 * STATISTICS_MECHANISM=none. It must stay the same: the same question must give the same figures.
 */
export function cellKeySecret(source: CellKeySecretSource): string | null {
  if (source.disclosure.mechanism === 'none') return null;
  if (source.disclosure.perturbationSalt) return source.disclosure.perturbationSalt;
  if (source.masterKey)
    return Buffer.from(
      hkdfSync('sha256', Buffer.from(source.masterKey, 'base64'), Buffer.alloc(0), 'statistics cell keys v1', 32),
    ).toString('base64');
  return localSecret(source.dataDir);
}

function localSecret(dataDir: string): string {
  const file = path.join(dataDir, CELL_KEY_SECRET_FILE);
  const read = () => readFileSync(file, 'utf8').trim();
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return read();
}
