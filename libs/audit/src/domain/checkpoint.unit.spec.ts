import { createHash, generateKeyPairSync } from 'node:crypto';
import { checkSeal, parseCheckpoint, signCheckpoint, statementBytes, type SignedCheckpoint } from './checkpoint.js';

const key = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const heads = ['access-tip-1', 'hotspot-a', 'tip-b', 'tip-c'].map((streamId, i) => ({
  streamId,
  revision: i * 2,
  hash: createHash('sha256').update(streamId).digest('hex'),
}));
const signed = () =>
  signCheckpoint({ id: '6b1d7c1e-4a8e-4e0f-9d51-3f6f0b7a2c11', createdAt: '2026-12-03T01:02:03.000Z', heads }, key.privateKey);
const copy = (c: SignedCheckpoint): SignedCheckpoint => JSON.parse(JSON.stringify(c)) as SignedCheckpoint;

describe('signed checkpoints', () => {
  it('sign the statement lines, count the events the heads cover, and verify with the signing key', () => {
    const checkpoint = signed();
    expect(statementBytes(checkpoint).toString()).toBe(
      [
        'pcm-audit-checkpoint/1',
        `id: ${checkpoint.id}`,
        'created-at: 2026-12-03T01:02:03.000Z',
        'streams: 4',
        'events: 16',
        `root: ${checkpoint.root}`,
        `key-id: ${checkpoint.keyId}`,
      ].join('\n'),
    );
    expect(checkSeal(parseCheckpoint(copy(checkpoint)), key.publicKey)).toEqual({
      wellFormed: true,
      problems: [],
      signatureValid: true,
      signedByTrustedKey: true,
    });
  });

  it('refuse a checkpoint checked with another trusted key, even though its embedded key verifies it', () => {
    const checkpoint = signed();
    expect(checkSeal(checkpoint, other.publicKey)).toMatchObject({
      signatureValid: false,
      signedByTrustedKey: false,
      problems: ['signature: made with another key than the trusted one'],
    });
    expect(checkSeal(checkpoint, null)).toMatchObject({ signatureValid: true, signedByTrustedKey: false });
  });

  it('refuse a checkpoint re-signed with another key that claims the original key id', () => {
    const forged = {
      ...signCheckpoint({ id: signed().id, createdAt: signed().createdAt, heads }, other.privateKey),
      keyId: signed().keyId,
    };
    expect(checkSeal(forged, key.publicKey).signatureValid).toBe(false);
  });

  it('detect an altered leaf: the root no longer matches, and a root recomputed to match breaks the signature', () => {
    const altered = copy(signed());
    altered.heads[1] = [altered.heads[1]![0], altered.heads[1]![1] - 1, altered.heads[1]![2]];
    altered.events -= 1;
    expect(checkSeal(altered, key.publicKey)).toMatchObject({
      wellFormed: false,
      signatureValid: false,
      problems: ['root: does not match the heads', 'signature: does not verify'],
    });
    const rerooted = copy(altered);
    rerooted.root = signCheckpoint(
      {
        id: altered.id,
        createdAt: altered.createdAt,
        heads: altered.heads.map(([streamId, revision, hash]) => ({ streamId, revision, hash })),
      },
      key.privateKey,
    ).root;
    expect(checkSeal(rerooted, key.publicKey)).toMatchObject({ wellFormed: true, signatureValid: false });
  });

  it('detect a dropped head and heads out of order', () => {
    const dropped = copy(signed());
    dropped.heads.pop();
    expect(checkSeal(dropped, key.publicKey).problems).toEqual(
      expect.arrayContaining(['streams: 4 stated, 3 heads', 'root: does not match the heads']),
    );
    const shuffled = copy(signed());
    shuffled.heads.reverse();
    expect(checkSeal(shuffled, key.publicKey).problems).toEqual(
      expect.arrayContaining(['heads: not sorted by stream id, or repeated, at 1']),
    );
  });

  it('read a kept file strictly, naming the bad field', () => {
    expect(() => parseCheckpoint({ ...signed(), format: 'other' })).toThrow(/format/);
    expect(() => parseCheckpoint({ ...signed(), heads: [['tip-a', -1, 'ab'.repeat(32)]] })).toThrow(/heads\[0\]/);
    expect(() => parseCheckpoint({ ...signed(), root: 'xyz' })).toThrow(/root/);
  });
});
