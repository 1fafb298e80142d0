import { createHmac, hkdfSync } from 'node:crypto';
import type { PersonKey } from './domain/case-facts.js';

/** The configured keys, base64 (AppConfig's `statisticsKey` and `masterKey`). */
export interface StatisticsKeySource {
  statisticsKey: string | null;
  masterKey: string | null;
}

/**
 * The secret person keys are made with: STATISTICS_KEY (base64) when set, otherwise derived from
 * MASTER_KEY (HKDF, its own label), so it is stable across restarts and rebuilds and never stored
 * beside the facts. A process with neither (a local trial) gets a fixed development key.
 * Changing the derivation changes every person key: the indicator facts would need a rebuild.
 */
export function statisticsKey(keys: StatisticsKeySource): Buffer {
  if (keys.statisticsKey) return Buffer.from(keys.statisticsKey, 'base64');
  const master = keys.masterKey ? Buffer.from(keys.masterKey, 'base64') : Buffer.from('local development statistics key');
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'statistics person keys v1', 32));
}

/** HMAC-SHA-256 of the subject id, per compartment: the same person gets one key within a compartment and unrelated keys across them. */
export function hmacPersonKey(key: Buffer): PersonKey {
  return (compartment, subjectId) => createHmac('sha256', key).update(`${compartment}\n${subjectId}`).digest('base64url');
}
