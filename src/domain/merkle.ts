// The Merkle tree of the audit log: RFC 9162 §2.1 (Certificate Transparency v2) exactly.
//   leaf hash  = SHA-256(0x00 || leaf)
//   node hash  = SHA-256(0x01 || left || right)
//   MTH({})    = SHA-256()
//   MTH(D[n])  = H(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two < n
// Pure: hashing only (node:crypto's one-shot `hash`), no I/O, no clock.
//
// Stored trees are addressed by complete, aligned subtrees: (level, index) covers the leaves
// [index·2^level, (index+1)·2^level). Every hash the RFC's proofs need is the MTH of a range that
// decomposes into such subtrees (see `subtreesOf`), so a proof is "which subtrees" (a plan, pure)
// plus "their hashes" (fetched by the caller) plus a fold (pure).
import { hash } from 'node:crypto';

export const HASH_BYTES = 32;
const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

export const sha256 = (data: Uint8Array): Buffer => hash('sha256', data, 'buffer') as Buffer;
export const leafHash = (leaf: Uint8Array): Buffer => sha256(Buffer.concat([LEAF_PREFIX, leaf]));
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(Buffer.concat([NODE_PREFIX, left, right], 65));
/** MTH of the empty tree: the hash of the empty string. */
export const EMPTY_ROOT: Buffer = sha256(Buffer.alloc(0));

/** The largest power of two strictly less than n (n ≥ 2). */
export function splitPoint(n: number): number {
  if (!(n >= 2) || !Number.isSafeInteger(n)) throw new RangeError(`splitPoint needs an integer n ≥ 2, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export interface Subtree {
  level: number;
  index: number;
}

export const subtreeStart = (s: Subtree) => s.index * 2 ** s.level;
export const subtreeEnd = (s: Subtree) => (s.index + 1) * 2 ** s.level;

/** A half-open range of leaf indices [start, end). */
export type Range = readonly [start: number, end: number];

/**
 * Decompose [start, end) into complete aligned subtrees, left to right, greedily taking the
 * largest aligned subtree that fits. For every range that occurs in RFC 9162's MTH, PATH and
 * SUBPROOF (start aligned to a power of two ≥ end - start), folding these from the right with
 * `nodeHash` gives MTH(D[start:end]); for [0, n) they are the subtrees of n's binary digits.
 */
export function subtreesOf(start: number, end: number): Subtree[] {
  const out: Subtree[] = [];
  let a = start;
  while (a < end) {
    let level = 0;
    while (a % 2 ** (level + 1) === 0 && a + 2 ** (level + 1) <= end) level++;
    out.push({ level, index: a / 2 ** level });
    a += 2 ** level;
  }
  return out;
}

/** Fold subtree hashes (left to right) into the MTH of their union: H(s1, H(s2, … H(sk-1, sk))). */
export function foldRight(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  let h: Buffer = Buffer.from(hashes[hashes.length - 1]!);
  for (let i = hashes.length - 2; i >= 0; i--) h = nodeHash(hashes[i]!, h);
  return h;
}

/** MTH of a list of leaf hashes (in memory). */
export function rootOf(leafHashes: readonly Uint8Array[]): Buffer {
  const frontier = new Frontier(0, []);
  for (const h of leafHashes) frontier.append(h);
  return frontier.root();
}

/**
 * The ranges whose MTHs make up the audit path of leaf m in a tree of n leaves, in the order of
 * RFC 9162 §2.1.3.1 PATH(m, D[n]) (nearest the leaf first).
 */
export function inclusionRanges(m: number, n: number): Range[] {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && 0 <= m && m < n)) throw new RangeError(`no inclusion proof for leaf ${m} in a tree of ${n}`);
  const out: Range[] = [];
  const path = (mm: number, lo: number, hi: number): void => {
    if (hi - lo <= 1) return;
    const k = splitPoint(hi - lo);
    if (mm - lo < k) {
      path(mm, lo, lo + k);
      out.push([lo + k, hi]);
    } else {
      path(mm, lo + k, hi);
      out.push([lo, lo + k]);
    }
  };
  path(m, 0, n);
  return out;
}

/** The ranges of RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), 0 < m ≤ n. */
export function consistencyRanges(m: number, n: number): Range[] {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && 0 < m && m <= n)) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  const out: Range[] = [];
  const sub = (mm: number, lo: number, hi: number, b: boolean): void => {
    const size = hi - lo;
    if (mm === size) {
      if (!b) out.push([lo, hi]);
      return;
    }
    const k = splitPoint(size);
    if (mm <= k) {
      sub(mm, lo, lo + k, b);
      out.push([lo + k, hi]);
    } else {
      sub(mm - k, lo + k, hi, false);
      out.push([lo, lo + k]);
    }
  };
  sub(m, 0, n, true);
  return out;
}

/** A function that returns the hash of each complete subtree asked for (same order). */
export type SubtreeHashes = (subtrees: readonly Subtree[]) => Promise<Buffer[]>;

/** Resolve ranges to their MTHs with one call for all the subtrees they need. */
export async function hashRanges(ranges: readonly Range[], lookup: SubtreeHashes): Promise<Buffer[]> {
  const parts = ranges.map(([a, b]) => subtreesOf(a, b));
  const hashes = await lookup(parts.flat());
  let i = 0;
  return parts.map((p) => {
    const mine = hashes.slice(i, i + p.length);
    i += p.length;
    return foldRight(mine);
  });
}

/** RFC 9162 §2.1.3.2: verify that `leaf` (its leaf hash) is at `index` in the tree of `size` with `root`. */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: verify that the tree of `second` leaves extends the tree of `first` leaves. */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (!(first > 0 && first < second) || proof.length === 0) return false;
  const path = [...proof];
  if (isPowerOfTwo(first)) path.unshift(firstRoot);
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/** A completed subtree: written to storage when `level` is at least the stored minimum. */
export interface Node extends Subtree {
  hash: Buffer;
}

/**
 * The right edge of a tree (its "compact range"): one complete subtree per binary digit of the
 * size, highest first. Appending leaves merges equal-sized subtrees, reporting each subtree that
 * completes, so a sequencer can store complete subtrees once and never revisit them.
 */
export class Frontier {
  size: number;
  /** Highest level first; levels strictly decreasing. */
  readonly stack: Node[];

  constructor(size: number, stack: Node[]) {
    this.size = size;
    this.stack = stack;
  }

  /** The subtrees that make up the frontier of a tree of `size` leaves (to fetch them). */
  static subtrees(size: number): Subtree[] {
    return subtreesOf(0, size);
  }

  /** Append one leaf hash; returns the subtrees (level ≥ 1) that this leaf completed. */
  append(leaf: Uint8Array, completed?: Node[]): void {
    let node: Node = { level: 0, index: this.size, hash: Buffer.from(leaf) };
    this.size++;
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (!top || top.level !== node.level) break;
      this.stack.pop();
      node = { level: node.level + 1, index: top.index / 2, hash: nodeHash(top.hash, node.hash) };
      completed?.push(node);
    }
    this.stack.push(node);
  }

  root(): Buffer {
    return foldRight(this.stack.map((n) => n.hash));
  }
}
