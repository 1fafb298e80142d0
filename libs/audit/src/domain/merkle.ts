import { createHash } from 'node:crypto';
import type { StreamHead } from './chain-scan.js';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency v2, §2.1) over stream heads:
 * leaf hash = SHA-256(0x00 ‖ leaf bytes), node hash = SHA-256(0x01 ‖ left ‖ right), the empty
 * tree = SHA-256 of nothing; with n leaves the left subtree holds the largest power of two below
 * n. The leaf bytes of a head are the UTF-8 of `<stream id> "\n" <revision> "\n" <head hash hex>`
 * (stream ids never hold "\n"), leaves sorted by stream id. See libs/audit/README.md.
 */

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafBytes(head: StreamHead): Buffer {
  return Buffer.from(`${head.streamId}\n${head.revision}\n${head.hash}`, 'utf8');
}

export function leafHash(head: StreamHead): Buffer {
  return createHash('sha256').update(LEAF).update(leafBytes(head)).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** Heads in leaf order: sorted by stream id (code units; stream ids are ASCII, so also bytes), each stream once. */
export function sortHeads(heads: readonly StreamHead[]): StreamHead[] {
  return [...heads].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
}

/**
 * The root, built bottom-up: pairs of neighbours are hashed, a last node without a neighbour
 * moves up unchanged. This gives exactly the RFC 9162 tree (largest power of two on the left).
 */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  let level = [...leaves];
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  /** Sibling hashes (hex) from the leaf up: RFC 9162 §2.1.3 audit path. */
  path: string[];
}

/** The audit path of one leaf. */
export function inclusionProof(leaves: readonly Buffer[], leafIndex: number): InclusionProof {
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= leaves.length) throw new RangeError('leafIndex: outside the tree');
  const path: string[] = [];
  let level = [...leaves];
  let index = leafIndex;
  while (level.length > 1) {
    const sibling = index % 2 === 1 ? index - 1 : index + 1;
    if (sibling < level.length) path.push(level[sibling]!.toString('hex'));
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
    index = Math.floor(index / 2);
  }
  return { leafIndex, treeSize: leaves.length, path };
}

/** Does `leaf` sit at `proof.leafIndex` of a tree of `proof.treeSize` leaves with this root? */
export function verifyInclusion(leaf: Buffer, proof: InclusionProof, rootHex: string): boolean {
  const { leafIndex, treeSize, path } = proof;
  if (!Number.isSafeInteger(treeSize) || !Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) return false;
  let hash = leaf;
  let index = leafIndex;
  let size = treeSize;
  let used = 0;
  while (size > 1) {
    if (index % 2 === 1) {
      const sibling = path[used++];
      if (sibling === undefined) return false;
      hash = nodeHash(Buffer.from(sibling, 'hex'), hash);
    } else if (index + 1 < size) {
      const sibling = path[used++];
      if (sibling === undefined) return false;
      hash = nodeHash(hash, Buffer.from(sibling, 'hex'));
    }
    index = Math.floor(index / 2);
    size = Math.ceil(size / 2);
  }
  return used === path.length && hash.toString('hex') === rootHex;
}
