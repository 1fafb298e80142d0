import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { StreamHead } from './chain-scan.js';
import { leafHash, merkleRoot } from './merkle.js';

export const CHECKPOINT_FORMAT = 'pcm-audit-checkpoint/1';

/** What the signature covers (the leaves through the root). */
export interface CheckpointStatement {
  format: typeof CHECKPOINT_FORMAT;
  id: string;
  createdAt: string;
  streams: number;
  /** Events covered: the sum of (revision + 1) over the heads. */
  events: number;
  /** Hex Merkle root over the heads (libs/audit/src/domain/merkle.ts). */
  root: string;
  /** Hex SHA-256 of the signing key's public key (SPKI DER), first 32 hex digits. */
  keyId: string;
}

/** The signed checkpoint as stored and as handed out in a file: everything needed to check it later. */
export interface SignedCheckpoint extends CheckpointStatement {
  algorithm: 'Ed25519';
  /** PEM (SPKI) of the key that signed, for convenience; trust comes from the key id you hold. */
  publicKey: string;
  /** Base64 Ed25519 signature over `statementBytes`. */
  signature: string;
  /** The stream heads, sorted by stream id: [stream id, revision, head hash]. */
  heads: Array<[string, number, string]>;
}

/** The signed bytes: one "name: value" line per field in this order, UTF-8, "\n"-separated, no trailing newline. */
export function statementBytes(s: CheckpointStatement): Buffer {
  return Buffer.from(
    [
      s.format,
      `id: ${s.id}`,
      `created-at: ${s.createdAt}`,
      `streams: ${s.streams}`,
      `events: ${s.events}`,
      `root: ${s.root}`,
      `key-id: ${s.keyId}`,
    ].join('\n'),
    'utf8',
  );
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32);
}

export function headsOf(checkpoint: Pick<SignedCheckpoint, 'heads'>): StreamHead[] {
  return checkpoint.heads.map(([streamId, revision, hash]) => ({ streamId, revision, hash }));
}

export function rootOf(heads: readonly StreamHead[]): string {
  return merkleRoot(heads.map(leafHash)).toString('hex');
}

/** Builds and signs a checkpoint over heads already sorted by stream id. */
export function signCheckpoint(
  input: { id: string; createdAt: string; heads: readonly StreamHead[] },
  privateKey: KeyObject,
): SignedCheckpoint {
  const publicKey = createPublicKey(privateKey);
  const statement: CheckpointStatement = {
    format: CHECKPOINT_FORMAT,
    id: input.id,
    createdAt: input.createdAt,
    streams: input.heads.length,
    events: input.heads.reduce((sum, h) => sum + h.revision + 1, 0),
    root: rootOf(input.heads),
    keyId: keyIdOf(publicKey),
  };
  return {
    ...statement,
    algorithm: 'Ed25519',
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signature: sign(null, statementBytes(statement), privateKey).toString('base64'),
    heads: input.heads.map((h) => [h.streamId, h.revision, h.hash]),
  };
}

export interface CheckpointSealCheck {
  /** Heads sorted and unique, counts and root recomputed from them. */
  wellFormed: boolean;
  problems: string[];
  /** The signature verifies with the trusted key (or, with none given, with the embedded one). */
  signatureValid: boolean;
  /** A trusted key was given and it is the one that signed. */
  signedByTrustedKey: boolean;
}

/**
 * Checks a checkpoint on its own: shape, order, counts, root, signature. `trusted` is the public
 * key the holder trusts (the configured key); without it only the embedded key is tried.
 */
export function checkSeal(checkpoint: SignedCheckpoint, trusted: KeyObject | null): CheckpointSealCheck {
  const problems: string[] = [];
  const heads = headsOf(checkpoint);
  for (let i = 1; i < heads.length; i++)
    if (!(heads[i - 1]!.streamId < heads[i]!.streamId)) problems.push(`heads: not sorted by stream id, or repeated, at ${i}`);
  if (heads.length !== checkpoint.streams) problems.push(`streams: ${checkpoint.streams} stated, ${heads.length} heads`);
  const events = heads.reduce((sum, h) => sum + h.revision + 1, 0);
  if (events !== checkpoint.events) problems.push(`events: ${checkpoint.events} stated, ${events} from the heads`);
  if (rootOf(heads) !== checkpoint.root) problems.push('root: does not match the heads');
  let embedded: KeyObject | null = null;
  try {
    embedded = createPublicKey(checkpoint.publicKey);
  } catch {
    problems.push('publicKey: not a public key');
  }
  const key = trusted ?? embedded;
  let signatureValid = false;
  if (key && key.asymmetricKeyType === 'ed25519' && keyIdOf(key) === checkpoint.keyId) {
    try {
      signatureValid = verify(null, statementBytes(checkpoint), key, Buffer.from(checkpoint.signature, 'base64'));
    } catch {
      signatureValid = false;
    }
  }
  if (!signatureValid)
    problems.push(
      trusted && keyIdOf(trusted) !== checkpoint.keyId
        ? 'signature: made with another key than the trusted one'
        : 'signature: does not verify',
    );
  return {
    wellFormed: problems.filter((p) => !p.startsWith('signature')).length === 0,
    problems,
    signatureValid,
    signedByTrustedKey: signatureValid && trusted !== null,
  };
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Reads a checkpoint from untrusted JSON (a file someone kept); throws naming the first bad field. */
export function parseCheckpoint(value: unknown): SignedCheckpoint {
  const bad = (field: string): never => {
    throw new Error(`not a ${CHECKPOINT_FORMAT} checkpoint: ${field}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('not an object');
  const c = value as Record<string, unknown>;
  if (c.format !== CHECKPOINT_FORMAT) bad('format');
  for (const field of ['id', 'createdAt', 'root', 'keyId', 'publicKey', 'signature'] as const) if (typeof c[field] !== 'string') bad(field);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(c.id as string)) bad('id');
  for (const field of ['streams', 'events'] as const) if (!Number.isSafeInteger(c[field]) || (c[field] as number) < 0) bad(field);
  if (c.algorithm !== 'Ed25519') bad('algorithm');
  if (!HEX64.test(c.root as string)) bad('root');
  if (!Array.isArray(c.heads)) bad('heads');
  (c.heads as unknown[]).forEach((head, i) => {
    if (
      !Array.isArray(head) ||
      head.length !== 3 ||
      typeof head[0] !== 'string' ||
      !Number.isSafeInteger(head[1]) ||
      head[1] < 0 ||
      typeof head[2] !== 'string' ||
      !HEX64.test(head[2])
    )
      bad(`heads[${i}]`);
  });
  return c as unknown as SignedCheckpoint;
}
