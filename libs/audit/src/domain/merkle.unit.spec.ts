import { createHash } from 'node:crypto';
import { inclusionProof, leafHash, merkleRoot, nodeHash, verifyInclusion } from './merkle.js';

const head = (i: number) => ({
  streamId: `tip-${String(i).padStart(3, '0')}`,
  revision: i % 7,
  hash: createHash('sha256').update(String(i)).digest('hex'),
});

/** RFC 9162 §2.1.1 as written: MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two below n. */
function rfcRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(rfcRoot(leaves.slice(0, k)), rfcRoot(leaves.slice(k)));
}

describe('Merkle tree over stream heads (RFC 9162)', () => {
  it('hashes a leaf as SHA-256(0x00 ‖ "<stream>\\n<revision>\\n<hash>")', () => {
    const h = head(1);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), Buffer.from(`${h.streamId}\n${h.revision}\n${h.hash}`)]))
      .digest();
    expect(leafHash(h).equals(expected)).toBe(true);
  });

  it('builds the RFC tree for every size from 0 to 40 leaves', () => {
    for (let n = 0; n <= 40; n++) {
      const leaves = Array.from({ length: n }, (_, i) => leafHash(head(i)));
      expect({ n, root: merkleRoot(leaves).toString('hex') }).toEqual({ n, root: rfcRoot(leaves).toString('hex') });
    }
  });

  it('proves every leaf of every size, and refuses a proof for another leaf, position or root', () => {
    for (let n = 1; n <= 20; n++) {
      const leaves = Array.from({ length: n }, (_, i) => leafHash(head(i)));
      const root = merkleRoot(leaves).toString('hex');
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leaves, i);
        expect(verifyInclusion(leaves[i]!, proof, root)).toBe(true);
        expect(verifyInclusion(leafHash({ ...head(i), revision: head(i).revision + 1 }), proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaves[i]!, { ...proof, leafIndex: (i + 1) % n }, root)).toBe(false);
        expect(verifyInclusion(leaves[i]!, proof, 'ff'.repeat(32))).toBe(false);
      }
    }
  });
});
