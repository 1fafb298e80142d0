import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditConfig } from '../../../config/src/config.js';

export const LOCAL_SIGNING_KEY_FILE = 'audit-signing-key.pem';

export interface CheckpointKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Where the key came from, for logs and reports (never the key). */
  origin: 'AUDIT_SIGNING_KEY' | 'generated under the data directory';
}

/**
 * AUDIT_SIGNING_KEY, or for the local all-in-one default a key generated once under the data
 * directory (mode 600), like the token secret. Production configures AUDIT_SIGNING_KEY, so all
 * API instances and the CLI sign with the same key and its public half can be published.
 */
export async function checkpointKeys(config: { audit: Pick<AuditConfig, 'signingKeyPem'>; dataDir: string }): Promise<CheckpointKeys> {
  if (config.audit.signingKeyPem) {
    const privateKey = createPrivateKey(config.audit.signingKeyPem);
    return { privateKey, publicKey: createPublicKey(privateKey), origin: 'AUDIT_SIGNING_KEY' };
  }
  const file = path.join(config.dataDir, LOCAL_SIGNING_KEY_FILE);
  let pem = await readFile(file, 'utf8').catch(() => null);
  if (!pem) {
    await mkdir(config.dataDir, { recursive: true });
    const generated = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await writeFile(file, generated, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    pem = await readFile(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: not an Ed25519 private key`);
  return { privateKey, publicKey: createPublicKey(privateKey), origin: 'generated under the data directory' };
}

/** A public key (PEM, SPKI) someone trusts for checking checkpoints. */
export function parsePublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return key;
}
