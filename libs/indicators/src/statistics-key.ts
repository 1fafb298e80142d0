import { createHmac, hkdfSync } from 'node:crypto';
import type { PersonKey } from './domain/case-facts.js';

/**
 * The secret person keys are made with: STATISTICS_KEY (base64) when set, otherwise derived from
 * MASTER_KEY (HKDF, its own label), so it is stable across restarts and rebuilds and never stored
 * beside the facts. A process with neither (a local trial) gets a fixed development key.
 */
export function statisticsKey(env: Record<string, string | undefined> = process.env): Buffer {
  if (env.STATISTICS_KEY) return Buffer.from(env.STATISTICS_KEY, 'base64');
  const master = env.MASTER_KEY ? Buffer.from(env.MASTER_KEY, 'base64') : Buffer.from('local development statistics key');
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'statistics person keys v1', 32));
}

/** HMAC-SHA-256 of the subject id, per compartment: the same person gets one key within a compartment and unrelated keys across them. */
export function hmacPersonKey(key: Buffer): PersonKey {
  return (compartment, subjectId) => createHmac('sha256', key).update(`${compartment}\n${subjectId}`).digest('base64url');
}
