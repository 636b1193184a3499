// The audit verifier's own RFC 9162 §2.1 Merkle tree. Deliberately written apart from
// src/domain/merkle.ts (and differently: proofs are checked by rebuilding both roots from the
// recursive definitions of PATH and SUBPROOF, not by the RFC's bit-twiddling loops), so that one
// implementation's mistake cannot hide in the other. Node built-ins only.
import { createHash, hash } from 'node:crypto';

export type Hash = Buffer;

export function sha256(...parts: Uint8Array[]): Hash {
  if (parts.length === 1) return hash('sha256', parts[0]!, 'buffer') as Hash;
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

const ZERO = Uint8Array.of(0);
export const hashLeaf = (leaf: Uint8Array): Hash => sha256(ZERO, leaf);

// The tree is built over hashes as hex text. Re-hashing a log spends most of its time on small
// hashes, and a hash returned as a string costs a fraction of one returned in a new buffer (no
// backing store to allocate and collect); stored hashes are read as hex, so they compare as they come.
const NODE_INPUT = Buffer.alloc(65, 1);

/** SHA-256(0x01 || left || right) of two hashes given as hex, as lowercase hex. */
export function nodeHash(left: string, right: string): string {
  // Buffer#write stops at the first pair of characters that is not hex: 64 characters that write
  // 32 bytes are a hash.
  if (left.length !== 64 || right.length !== 64 || NODE_INPUT.write(left, 1, 32, 'hex') !== 32 || NODE_INPUT.write(right, 33, 32, 'hex') !== 32) {
    throw new Error('a tree hash is 32 bytes, as 64 hex digits');
  }
  return hash('sha256', NODE_INPUT, 'hex');
}

/** SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Hash {
  if (left.length !== 32 || right.length !== 32) return sha256(Uint8Array.of(1), left, right);
  return Buffer.from(nodeHash(Buffer.from(left).toString('hex'), Buffer.from(right).toString('hex')), 'hex');
}
export const emptyTreeHash = (): Hash => sha256();
export const EMPTY_TREE_HEX = emptyTreeHash().toString('hex');

/** k: the largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k + k < n) k += k;
  return k;
}

/** Fold complete subtrees (hex, largest first) into the MTH of their union: H(s1, H(s2, … H(sk-1, sk))). */
export function foldSubtrees(hashes: readonly string[]): string {
  if (hashes.length === 0) return EMPTY_TREE_HEX;
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc);
  return acc;
}

/** MTH(D[n]) straight from the definition (recursive; for tests and small inputs). */
export function treeHash(leafHashes: readonly Hash[]): Hash {
  if (leafHashes.length === 0) return emptyTreeHash();
  if (leafHashes.length === 1) return leafHashes[0]!;
  const k = split(leafHashes.length);
  return hashChildren(treeHash(leafHashes.slice(0, k)), treeHash(leafHashes.slice(k)));
}

/** A completed subtree: `level` 0 is a leaf; it covers leaves [index·2^level, (index+1)·2^level). Hash as hex. */
export interface CompletedSubtree {
  level: number;
  index: number;
  hash: string;
}

/**
 * Builds MTH incrementally as leaf hashes (hex) stream in, keeping one hash per binary digit of
 * the size (a "compact range"), and says which subtrees each leaf completes.
 */
export class StreamingTree {
  private readonly levels: (string | undefined)[] = [];
  size = 0;

  /** Add the next leaf hash; `onComplete` hears of every subtree of level ≥ `fromLevel` (≥ 1) it completes. */
  push(leaf: string, onComplete?: (s: CompletedSubtree) => void, fromLevel = 1): void {
    let carry = leaf;
    let level = 0;
    let index = this.size;
    while (this.levels[level] !== undefined) {
      carry = nodeHash(this.levels[level]!, carry);
      this.levels[level] = undefined;
      level++;
      index = Math.floor(index / 2);
      if (level >= fromLevel) onComplete?.({ level, index, hash: carry });
    }
    this.levels[level] = carry;
    this.size++;
  }

  /** The compact range: one hash per complete subtree, largest (leftmost) first. */
  frontier(): string[] {
    const out: string[] = [];
    for (let level = this.levels.length - 1; level >= 0; level--) {
      const h = this.levels[level];
      if (h !== undefined) out.push(h);
    }
    return out;
  }

  /** MTH of everything pushed so far. */
  root(): string {
    return foldSubtrees(this.frontier());
  }
}

/**
 * Verify an inclusion proof: rebuild the root from the leaf hash and the audit path following
 * PATH(m, D[n]) (RFC 9162 §2.1.3.1), top-down: the last element is the sibling at the root.
 */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  const rest = [...path];
  const rebuild = (m: number, n: number): Buffer | undefined => {
    if (n === 1) return Buffer.from(leafHash);
    const sibling = rest.pop();
    if (!sibling) return undefined;
    const k = split(n);
    if (m < k) {
      const left = rebuild(m, k);
      return left && hashChildren(left, sibling);
    }
    const right = rebuild(m - k, n - k);
    return right && hashChildren(sibling, right);
  };
  const got = rebuild(index, size);
  return got !== undefined && rest.length === 0 && got.equals(root);
}

/**
 * Verify a consistency proof between the trees of `first` and `second` leaves: rebuild both roots
 * following SUBPROOF(m, D[n], b) (RFC 9162 §2.1.4.1), top-down.
 */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  const rest = [...proof];
  const rebuild = (m: number, n: number, b: boolean): { old: Buffer; new: Buffer } | undefined => {
    if (m === n) {
      if (b) return { old: Buffer.from(firstRoot), new: Buffer.from(firstRoot) };
      const h = rest.pop();
      return h && { old: Buffer.from(h), new: Buffer.from(h) };
    }
    const sibling = rest.pop();
    if (!sibling) return undefined;
    const k = split(n);
    if (m <= k) {
      const r = rebuild(m, k, b);
      return r && { old: r.old, new: hashChildren(r.new, sibling) };
    }
    const r = rebuild(m - k, n - k, false);
    return r && { old: hashChildren(sibling, r.old), new: hashChildren(sibling, r.new) };
  };
  const got = rebuild(first, second, true);
  return got !== undefined && rest.length === 0 && got.old.equals(firstRoot) && got.new.equals(secondRoot);
}
