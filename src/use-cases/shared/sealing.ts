// Envelope encryption for sensitive free text: a fresh 256-bit data key per record encrypts the
// payload with AES-256-GCM; the data key is wrapped (also AES-256-GCM) by a key-encryption key
// named by id, so keys can be rotated and a record can be crypto-shredded by destroying its key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedColumn } from '../../db/schema.ts';

export interface Keyring {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
}

export function createKeyring(current: string, keys: { id: string; key: Buffer }[]): Keyring {
  const map = new Map(keys.map((k) => [k.id, k.key]));
  if (!map.has(current)) throw new Error(`The current key-encryption key "${current}" is not in the keyring`);
  return { current, keys: map };
}

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}

function gcmDecrypt(key: Buffer, iv: Buffer, data: Buffer, tag: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

/** Seal a JSON value. `context` (e.g. "decision:<id>") is bound as additional data so a sealed
 *  value cannot be moved to another record. */
export function seal(keyring: Keyring, context: string, value: unknown): SealedColumn {
  const kek = keyring.keys.get(keyring.current)!;
  const dataKey = randomBytes(32);
  const payload = gcmEncrypt(dataKey, Buffer.from(JSON.stringify(value)), context);
  const wrapped = gcmEncrypt(kek, dataKey, `${context}|key`);
  return {
    v: 1,
    kid: keyring.current,
    wrappedKey: Buffer.concat([wrapped.iv, wrapped.tag, wrapped.data]).toString('base64'),
    iv: payload.iv.toString('base64'),
    tag: payload.tag.toString('base64'),
    data: payload.data.toString('base64'),
  };
}

export function unseal<T>(keyring: Keyring, context: string, sealed: SealedColumn): T {
  const kek = keyring.keys.get(sealed.kid);
  if (!kek) throw new Error(`Key-encryption key "${sealed.kid}" is not configured`);
  const w = Buffer.from(sealed.wrappedKey, 'base64');
  const dataKey = gcmDecrypt(kek, w.subarray(0, 12), w.subarray(28), w.subarray(12, 28), `${context}|key`);
  const plain = gcmDecrypt(dataKey, Buffer.from(sealed.iv, 'base64'), Buffer.from(sealed.data, 'base64'), Buffer.from(sealed.tag, 'base64'), context);
  return JSON.parse(plain.toString('utf8')) as T;
}
