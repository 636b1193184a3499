// The key that signs the audit log's checkpoints (Ed25519, AUDIT_SIGNING_KEY). Only the signer
// holds the private key; the public key is published (API, CLI, README) so that anyone can check
// checkpoints without trusting the database.
import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { keyId, verifierKey } from '../../domain/audit-checkpoint.ts';

export interface AuditSigner {
  /** The signed-note key hash (8 hex digits), stored with each checkpoint. */
  keyId: string;
  publicKeyPem: string;
  /** The 32-byte Ed25519 public key. */
  rawPublicKey: Buffer;
  /** name+hash+base64 — the signed-note verifier key. */
  verifierKey: string;
  sign(body: string): Buffer;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 private key from its 32-byte seed. */
export function ed25519FromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function createAuditSigner(privateKey: KeyObject): AuditSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be an Ed25519 private key');
  const pub = createPublicKey(privateKey);
  const raw = pub.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    keyId: keyId(raw),
    publicKeyPem: pub.export({ format: 'pem', type: 'spki' }).toString(),
    rawPublicKey: Buffer.from(raw),
    verifierKey: verifierKey(raw),
    sign: (body) => sign(null, Buffer.from(body, 'utf8'), privateKey),
  };
}
