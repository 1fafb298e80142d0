import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { KeyUnwrapError } from './errors.js';
import type { MasterKey } from './master-key.js';

/** A data key as stored: AES-256-GCM under the master key, bound to its subject. */
export interface WrappedKey {
  masterKeyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

// Binding the subject id means a wrapped key copied onto another subject's row does not unwrap.
const aad = (subjectId: string) => Buffer.from(`subject-key:v1:${subjectId}`, 'utf8');

export function newDataKey(): KeyObject {
  return createSecretKey(randomBytes(32));
}

export function wrapDataKey(dataKey: KeyObject, master: MasterKey, subjectId: string): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv).setAAD(aad(subjectId));
  const ciphertext = Buffer.concat([cipher.update(dataKey.export()), cipher.final()]);
  return { masterKeyId: master.id, iv, ciphertext, tag: cipher.getAuthTag() };
}

export function unwrapDataKey(wrapped: WrappedKey, master: MasterKey, subjectId: string): KeyObject {
  if (wrapped.masterKeyId !== master.id) {
    throw new KeyUnwrapError(subjectId, `wrapped by master key ${wrapped.masterKeyId}, this process has ${master.id}`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', master.key, wrapped.iv, { authTagLength: 16 })
      .setAAD(aad(subjectId))
      .setAuthTag(wrapped.tag);
    const raw = Buffer.concat([decipher.update(wrapped.ciphertext), decipher.final()]);
    const key = createSecretKey(raw);
    raw.fill(0);
    return key;
  } catch {
    throw new KeyUnwrapError(subjectId, 'authentication failed (wrong master key or tampered key row)');
  }
}
