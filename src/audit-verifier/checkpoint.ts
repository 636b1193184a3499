// Checkpoints as the verifier reads them: C2SP signed notes (docs/audit-log.md "Checkpoints"),
// rebuilt from stored columns or parsed from exported text, and checked against published
// Ed25519 public keys — never against a key read from the database under test.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { sha256 } from './merkle.ts';

export const ORIGIN = 'concord-audit-log';

export interface Checkpoint {
  treeSize: number;
  rootHash: Buffer;
  issuedAt: string;
  keyId: string;
  signature: Buffer;
}

export interface TrustedKey {
  keyId: string;
  key: KeyObject;
}

export function body(c: Pick<Checkpoint, 'treeSize' | 'rootHash' | 'issuedAt'>): string {
  return [ORIGIN, String(c.treeSize), c.rootHash.toString('base64'), `time ${c.issuedAt}`, ''].join('\n');
}

/** Accepts a public key as PEM (SPKI), as base64 of the raw 32 bytes, or in signed-note form (name+hash+base64). */
export function trustKey(text: string, name = ORIGIN): TrustedKey {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('-----BEGIN')) key = createPublicKey(trimmed);
  else {
    const parts = trimmed.split('+');
    const b64 = parts.length === 3 ? parts[2]! : trimmed;
    let raw = Buffer.from(b64, 'base64');
    if (raw.length === 33 && raw[0] === 1) raw = raw.subarray(1);
    if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
    key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the audit log is signed with Ed25519 keys');
  const raw = key.export({ format: 'der', type: 'spki' }).subarray(-32);
  const id = sha256(Buffer.from(`${name}\n`, 'utf8'), Uint8Array.of(1), raw)
    .subarray(0, 4)
    .toString('hex');
  return { keyId: id, key };
}

export type SignatureCheck = 'valid' | 'unknown-key' | 'invalid';

export function checkSignature(c: Checkpoint, keys: readonly TrustedKey[]): SignatureCheck {
  const k = keys.find((t) => t.keyId === c.keyId);
  if (!k) return 'unknown-key';
  return verify(null, Buffer.from(body(c), 'utf8'), k.key, c.signature) ? 'valid' : 'invalid';
}

/** Parse an exported checkpoint (signed note). Throws when it is not one. */
export function parseNote(text: string): Checkpoint {
  const normalised = text.replace(/\r\n/g, '\n');
  const split = normalised.indexOf('\n\n');
  if (split < 0) throw new Error('not a signed note: no blank line before the signatures');
  const head = normalised.slice(0, split + 1);
  const lines = head.split('\n');
  const [origin, size, root, time] = lines;
  if (origin !== ORIGIN) throw new Error(`not a checkpoint of ${ORIGIN}`);
  if (!size || !/^\d+$/.test(size)) throw new Error('the checkpoint has no tree size');
  const rootHash = Buffer.from(root ?? '', 'base64');
  if (rootHash.length !== 32) throw new Error('the checkpoint has no root hash');
  const m = /^time (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/.exec(time ?? '');
  if (!m) throw new Error('the checkpoint has no time');
  const sigLine = normalised
    .slice(split + 2)
    .split('\n')
    .find((l) => l.startsWith('\u2014 '));
  if (!sigLine) throw new Error('the checkpoint is not signed');
  const sig = Buffer.from(sigLine.split(' ')[2] ?? '', 'base64');
  if (sig.length !== 68) throw new Error('the checkpoint signature is not an Ed25519 signed-note signature');
  const c: Checkpoint = { treeSize: Number(size), rootHash, issuedAt: m[1]!, keyId: sig.subarray(0, 4).toString('hex'), signature: sig.subarray(4) };
  if (body(c) !== head) throw new Error('the checkpoint has unexpected lines');
  return c;
}
