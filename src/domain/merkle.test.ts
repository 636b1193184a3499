// The audit log's Merkle maths against vectors derived from RFC 9162 (see test/fixtures/rfc9162/README.md), and
// properties of both implementations — the domain's (which builds the log and serves proofs) and
// the independent verifier's (which checks them). No database.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { derive } from '../../test/fixtures/rfc9162/derive.ts';
import * as V from '../audit-verifier/index.ts';
import {
  consistencyRanges,
  EMPTY_ROOT,
  Frontier,
  hashRanges,
  inclusionRanges,
  leafHash,
  type Node,
  rootOf,
  type Subtree,
  type SubtreeHashes,
  subtreesOf,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

const vectors = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/rfc9162/rfc9162.json'), 'utf8')) as ReturnType<typeof derive>;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');

/** The roots the Certificate Transparency reference implementation publishes for its eight test inputs. */
const PUBLISHED_CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Subtree hashes straight from a list of leaf hashes (what storage would hold). */
const memorySubtrees =
  (leaves: readonly Buffer[]): SubtreeHashes =>
  async (subtrees: readonly Subtree[]) =>
    subtrees.map((s) => rootOf(leaves.slice(s.index * 2 ** s.level, (s.index + 1) * 2 ** s.level)));

const inclusionPath = async (leaves: Buffer[], m: number, n: number) => hashRanges(inclusionRanges(m, n), memorySubtrees(leaves));
const consistencyProof = async (leaves: Buffer[], m: number, n: number) => hashRanges(consistencyRanges(m, n), memorySubtrees(leaves));

/** Change one byte of one of the hashes. */
function flip(hashes: Buffer[], which: number, byte: number): Buffer[] {
  return hashes.map((h, i) => {
    if (i !== which) return h;
    const c = Buffer.from(h);
    c[byte % c.length] = c[byte % c.length]! ^ 0x01;
    return c;
  });
}

describe('RFC 9162 vectors (derived in test/fixtures/rfc9162)', () => {
  it('the committed vectors are exactly what the RFC transcription derives', () => {
    assert.deepEqual(vectors, JSON.parse(JSON.stringify(derive())));
  });

  it('the derived roots equal those the Certificate Transparency reference implementation publishes', () => {
    assert.deepEqual(vectors.sets[0]!.roots, PUBLISHED_CT_ROOTS);
    assert.equal(hex(EMPTY_ROOT), PUBLISHED_CT_ROOTS[0]);
  });

  for (const set of vectors.sets) {
    const leaves = set.leaves.map(unhex);
    const hashes = leaves.map((d) => leafHash(d));

    it(`${set.name}: leaf hashes and every root, by both implementations`, () => {
      assert.deepEqual(hashes.map(hex), set.leafHashes);
      assert.deepEqual(
        leaves.map((d) => hex(V.hashLeaf(d))),
        set.leafHashes,
      );
      for (let n = 0; n <= hashes.length; n++) {
        assert.equal(hex(rootOf(hashes.slice(0, n))), set.roots[n], `domain root of ${n}`);
        assert.equal(hex(V.treeHash(hashes.slice(0, n))), set.roots[n], `verifier MTH of ${n}`);
        const t = new V.StreamingTree();
        for (const h of hashes.slice(0, n)) t.push(hex(h));
        assert.equal(t.root(), set.roots[n], `verifier streaming root of ${n}`);
      }
    });

    it(`${set.name}: inclusion paths are generated as derived and verify both ways`, async () => {
      for (const v of set.inclusion) {
        const p = await inclusionPath(hashes, v.leafIndex, v.treeSize);
        assert.deepEqual(p.map(hex), v.path, `PATH(${v.leafIndex}, D[${v.treeSize}])`);
        const root = unhex(set.roots[v.treeSize]!);
        const proof = v.path.map(unhex);
        assert.ok(verifyInclusion(hashes[v.leafIndex]!, v.leafIndex, v.treeSize, proof, root));
        assert.ok(V.verifyInclusion(hashes[v.leafIndex]!, v.leafIndex, v.treeSize, proof, root));
      }
    });

    it(`${set.name}: consistency proofs are generated as derived and verify both ways`, async () => {
      for (const v of set.consistency) {
        const p = await consistencyProof(hashes, v.first, v.second);
        assert.deepEqual(p.map(hex), v.proof, `PROOF(${v.first}, D[${v.second}])`);
        const [r1, r2] = [unhex(set.roots[v.first]!), unhex(set.roots[v.second]!)];
        const proof = v.proof.map(unhex);
        assert.ok(verifyConsistency(v.first, v.second, r1, r2, proof), `domain ${v.first}→${v.second}`);
        assert.ok(V.verifyConsistency(v.first, v.second, r1, r2, proof), `verifier ${v.first}→${v.second}`);
      }
    });
  }
});

const leavesArb = (max: number) => fc.integer({ min: 1, max }).map((n) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`event ${i} of ${n}`))));

describe('Merkle properties (fast-check)', () => {
  it('every inclusion proof verifies, and any single-byte change to the proof, leaf or root fails', async () => {
    await fc.assert(
      fc.asyncProperty(leavesArb(300), fc.nat(), fc.nat(), fc.nat(), async (hashes, mSeed, which, byte) => {
        const n = hashes.length;
        const m = mSeed % n;
        const root = rootOf(hashes);
        const proof = await inclusionPath(hashes, m, n);
        assert.ok(verifyInclusion(hashes[m]!, m, n, proof, root));
        assert.ok(V.verifyInclusion(hashes[m]!, m, n, proof, root));
        // Tamper with one byte of one of: the proof's hashes, the leaf, the root.
        const targets = [...proof, hashes[m]!, root];
        const t = which % targets.length;
        const bad = flip(targets, t, byte);
        const [badProof, badLeaf, badRoot] = [bad.slice(0, proof.length), bad[proof.length]!, bad[proof.length + 1]!];
        assert.ok(!V.verifyInclusion(badLeaf, m, n, badProof, badRoot));
        assert.ok(!verifyInclusion(badLeaf, m, n, badProof, badRoot));
        // Another position or size does not verify either (unless the tree is too small to differ).
        if (n > 1) assert.ok(!V.verifyInclusion(hashes[m]!, (m + 1) % n, n, proof, root));
      }),
      { numRuns: 150 },
    );
  });

  it('a consistency proof between any two sizes verifies, and any single-byte change fails', async () => {
    await fc.assert(
      fc.asyncProperty(leavesArb(300), fc.nat(), fc.nat(), fc.nat(), async (hashes, mSeed, which, byte) => {
        const n = hashes.length;
        const m = 1 + (mSeed % n);
        const [r1, r2] = [rootOf(hashes.slice(0, m)), rootOf(hashes)];
        const proof = await consistencyProof(hashes, m, n);
        assert.ok(verifyConsistency(m, n, r1, r2, proof));
        assert.ok(V.verifyConsistency(m, n, r1, r2, proof));
        const targets = [...proof, r1, r2];
        const t = which % targets.length;
        const bad = flip(targets, t, byte);
        const [badProof, b1, b2] = [bad.slice(0, proof.length), bad[proof.length]!, bad[proof.length + 1]!];
        assert.ok(!V.verifyConsistency(m, n, b1, b2, badProof));
        assert.ok(!verifyConsistency(m, n, b1, b2, badProof));
      }),
      { numRuns: 150 },
    );
  });

  it('a tree that differs in one leaf is not consistent with the original', async () => {
    await fc.assert(
      fc.asyncProperty(leavesArb(100), fc.nat(), fc.nat(), async (hashes, mSeed, changeSeed) => {
        const n = hashes.length;
        if (n < 2) return;
        const m = 1 + (mSeed % (n - 1));
        const changed = [...hashes];
        const at = changeSeed % m;
        changed[at] = leafHash(Buffer.from('forged'));
        const proof = await consistencyProof(changed, m, n);
        assert.ok(!V.verifyConsistency(m, n, rootOf(hashes.slice(0, m)), rootOf(changed), proof));
      }),
      { numRuns: 100 },
    );
  });

  it('appending in any batches stores the same complete subtrees and gives the same roots as building at once', () => {
    fc.assert(
      fc.property(leavesArb(200), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), (hashes, cuts) => {
        const MIN = 4;
        const stored = new Map<string, Buffer>();
        let size = 0;
        let frontier = new Frontier(0, []);
        for (let i = 0; size < hashes.length; i++) {
          const take = Math.min(cuts[i % cuts.length]!, hashes.length - size);
          // Rebuild the frontier from "storage", as a sequencer in a new process would.
          const parts = Frontier.subtrees(size).map(
            (s): Node => ({ ...s, hash: s.level >= MIN ? stored.get(`${s.level}/${s.index}`)! : rootOf(hashes.slice(s.index * 2 ** s.level, (s.index + 1) * 2 ** s.level)) }),
          );
          assert.ok(
            parts.every((p) => p.hash),
            'the frontier is in storage',
          );
          frontier = new Frontier(size, parts);
          const completed: Node[] = [];
          for (const h of hashes.slice(size, size + take)) frontier.append(h, completed);
          for (const c of completed) if (c.level >= MIN) stored.set(`${c.level}/${c.index}`, c.hash);
          size += take;
          assert.equal(hex(frontier.root()), hex(rootOf(hashes.slice(0, size))));
        }
        // Every complete subtree of level ≥ MIN is stored, with the right hash, and nothing else.
        const expected = new Map<string, string>();
        const t = new V.StreamingTree();
        for (const h of hashes) t.push(hex(h), (s) => s.level >= MIN && expected.set(`${s.level}/${s.index}`, s.hash));
        assert.deepEqual(new Map([...stored].map(([k, v]) => [k, hex(v)])), expected);
      }),
      { numRuns: 100 },
    );
  });

  it('ranges decompose into aligned subtrees whose fold is the range MTH', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(), (n, mSeed) => {
        const hashes = Array.from({ length: n }, (_, i) => leafHash(Buffer.from([i & 255, i >> 8])));
        const m = mSeed % n;
        for (const [a, b] of [...inclusionRanges(m, n), ...consistencyRanges(m + 1, n), [0, n] as const]) {
          const subs = subtreesOf(a, b);
          assert.equal(
            subs.reduce((acc, s) => acc + 2 ** s.level, 0),
            b - a,
          );
          for (const s of subs) assert.equal((s.index * 2 ** s.level) % 2 ** s.level, 0);
          assert.equal(hex(V.treeHash(hashes.slice(a, b))), hex(rootOf(hashes.slice(a, b))));
        }
      }),
      { numRuns: 200 },
    );
  });
});
