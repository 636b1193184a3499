// Signed checkpoints of the audit log, as C2SP signed notes (https://c2sp.org/signed-note,
// https://c2sp.org/tlog-checkpoint), so that standard tooling can read and check them:
//
//   concord-audit-log                         origin (the log's name)
//   12345                                     tree size
//   <base64 root hash>                        RFC 9162 MTH of the first 12345 leaves
//   time 2026-11-22T10:00:00.123Z             extension line: when it was signed (UTC, milliseconds)
//
//   — concord-audit-log <base64(key hash (4 bytes) || Ed25519 signature (64 bytes))>
//
// The signature covers the body (the four lines, each ending in a newline). The key hash is
// SHA-256(key name || "\n" || 0x01 || 32-byte public key)[0:4], as signed-note specifies for Ed25519.
import { sha256 } from './merkle.ts';

export const LOG_ORIGIN = 'concord-audit-log';
export const KEY_NAME = LOG_ORIGIN;
const ED25519_ALG = 0x01;

export interface CheckpointBody {
  treeSize: number;
  rootHash: Uint8Array;
  /** ISO 8601 UTC with milliseconds. */
  issuedAt: string;
}

const ISSUED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function checkpointBody(c: CheckpointBody): string {
  if (!ISSUED_AT.test(c.issuedAt)) throw new Error(`issuedAt must be ISO 8601 UTC with milliseconds, got ${c.issuedAt}`);
  if (!Number.isSafeInteger(c.treeSize) || c.treeSize < 0) throw new Error('treeSize must be a non-negative integer');
  return `${LOG_ORIGIN}\n${c.treeSize}\n${Buffer.from(c.rootHash).toString('base64')}\ntime ${c.issuedAt}\n`;
}

/** The 4-byte key hash that names an Ed25519 key in signed notes (hex, as stored in key_id). */
export function keyId(rawPublicKey: Uint8Array, name = KEY_NAME): string {
  return sha256(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519_ALG]), rawPublicKey]))
    .subarray(0, 4)
    .toString('hex');
}

/** The verifier key in signed-note form: name+hash+base64(0x01 || public key). */
export function verifierKey(rawPublicKey: Uint8Array, name = KEY_NAME): string {
  return `${name}+${keyId(rawPublicKey, name)}+${Buffer.concat([Buffer.from([ED25519_ALG]), rawPublicKey]).toString('base64')}`;
}

export function signedNote(body: string, keyIdHex: string, signature: Uint8Array, name = KEY_NAME): string {
  return `${body}\n\u2014 ${name} ${Buffer.concat([Buffer.from(keyIdHex, 'hex'), signature]).toString('base64')}\n`;
}
