// Derives the audit log's Merkle test vectors (rfc9162.json) from RFC 9162 §2.1 by the most
// literal transcription possible of its definitions — MTH (§2.1.1), PATH (§2.1.3.1) and
// PROOF/SUBPROOF (§2.1.4.1) — over lists of leaf *data* (not hashes), recursing exactly as the
// RFC's equations do: slow, obviously right, and sharing no code with src/.
//
//   npx tsx test/audit/vectors/derive.ts > test/audit/vectors/rfc9162.json
//
// test/audit/merkle.test.ts checks that the committed file equals a fresh derivation, that both of
// Concord's implementations (src/domain/merkle.ts and src/audit-verifier/) reproduce every value,
// and that the roots equal the ones the Certificate Transparency reference implementation
// publishes for the same eight inputs.
import { createHash } from 'node:crypto';

const SHA256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** "the largest power of two smaller than n (i.e., k < n <= 2k)" */
const largestPowerOfTwoBelow = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** §2.1.1 MTH(D[n]) */
export function MTH(D: Buffer[]): Buffer {
  const n = D.length;
  if (n === 0) return SHA256();
  if (n === 1) return SHA256(Buffer.from([0x00]), D[0]!);
  const k = largestPowerOfTwoBelow(n);
  return SHA256(Buffer.from([0x01]), MTH(D.slice(0, k)), MTH(D.slice(k, n)));
}

/** §2.1.3.1 PATH(m, D[n]) */
export function PATH(m: number, D: Buffer[]): Buffer[] {
  const n = D.length;
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  if (m < k) return [...PATH(m, D.slice(0, k)), MTH(D.slice(k, n))];
  return [...PATH(m - k, D.slice(k, n)), MTH(D.slice(0, k))];
}

/** §2.1.4.1 SUBPROOF(m, D[n], b) */
function SUBPROOF(m: number, D: Buffer[], b: boolean): Buffer[] {
  const n = D.length;
  if (m === n) return b ? [] : [MTH(D)];
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) return [...SUBPROOF(m, D.slice(0, k), b), MTH(D.slice(k, n))];
  return [...SUBPROOF(m - k, D.slice(k, n), false), MTH(D.slice(0, k))];
}

/** §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) */
export const PROOF = (m: number, D: Buffer[]) => SUBPROOF(m, D, true);

const hex = (b: Buffer) => b.toString('hex');

/** The eight inputs of the Certificate Transparency reference tests (RFC 6962's implementation). */
export const CT_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];

/** A bigger tree, for shapes that eight leaves do not reach: leaf i is the text "leaf i". */
export const WIDE_INPUTS = Array.from({ length: 37 }, (_, i) => Buffer.from(`leaf ${i}`).toString('hex'));
const WIDE_INCLUSION: [number, number][] = [[0, 37], [15, 37], [16, 37], [31, 37], [32, 37], [36, 37], [5, 21], [20, 21], [12, 16], [0, 1]];
const WIDE_CONSISTENCY: [number, number][] = [[1, 37], [4, 37], [16, 37], [17, 37], [32, 37], [33, 37], [36, 37], [37, 37], [7, 13], [13, 21], [6, 8]];

export function derive() {
  const set = (name: string, inputs: string[], inclusion: [number, number][], consistency: [number, number][]) => {
    const D = inputs.map((h) => Buffer.from(h, 'hex'));
    return {
      name,
      leaves: inputs,
      leafHashes: D.map((d) => hex(MTH([d]))),
      roots: Array.from({ length: D.length + 1 }, (_, n) => hex(MTH(D.slice(0, n)))),
      inclusion: inclusion.map(([m, n]) => ({ leafIndex: m, treeSize: n, path: PATH(m, D.slice(0, n)).map(hex) })),
      consistency: consistency.map(([m, n]) => ({ first: m, second: n, proof: PROOF(m, D.slice(0, n)).map(hex) })),
    };
  };
  const allPairs = (max: number, min: number) => {
    const out: [number, number][] = [];
    for (let n = 1; n <= max; n++) for (let m = min; m < n + (min === 0 ? 0 : 1); m++) out.push([m, n]);
    return out;
  };
  return {
    description:
      'RFC 9162 section 2.1 Merkle tree vectors, derived by test/audit/vectors/derive.ts from a literal transcription of MTH, PATH and PROOF/SUBPROOF. roots[n] is MTH of the first n leaves; inclusion paths and consistency proofs are hex SHA-256 hashes in the order the RFC lists them.',
    sets: [set('certificate-transparency-inputs', CT_INPUTS, allPairs(8, 0), allPairs(8, 1)), set('wide', WIDE_INPUTS, WIDE_INCLUSION, WIDE_CONSISTENCY)],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${JSON.stringify(derive(), null, 2)}\n`);
