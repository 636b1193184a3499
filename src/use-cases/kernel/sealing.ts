// Envelope encryption for sensitive free text: a fresh 256-bit data key per record encrypts the
// payload with AES-256-GCM; the data key is wrapped (also AES-256-GCM) by a key-encryption key
// named by id, so keys can be rotated and a record can be crypto-shredded by destroying its key.
// Use cases seal and open records through the registry of sealed kinds (sealed.ts), which owns
// each kind's context.
import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, type KeyObject, randomBytes } from 'node:crypto';
import type { SealedColumn, SealedPayload } from '../../db/schema.ts';

export interface Keyring {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
}

export function createKeyring(current: string, keys: { id: string; key: Buffer }[]): Keyring {
  const map = new Map(keys.map((k) => [k.id, k.key]));
  if (!map.has(current)) throw new Error(`The current key-encryption key "${current}" is not in the keyring`);
  return { current, keys: map };
}

// A key-encryption key wraps and unwraps every record's data key: turning its bytes into a key
// object once, rather than on every call, halves the cost of opening a record (a subject access
// response opens thousands). Data keys are used once each and stay raw.
const kekObjects = new WeakMap<Buffer, KeyObject>();
function kekObject(kek: Buffer): KeyObject {
  let k = kekObjects.get(kek);
  if (!k) {
    k = createSecretKey(kek);
    kekObjects.set(kek, k);
  }
  return k;
}

function gcmEncrypt(key: Buffer | KeyObject, plaintext: Buffer, aad: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}

function gcmDecrypt(key: Buffer | KeyObject, iv: Buffer, data: Buffer, tag: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

export interface DataKey {
  /** The key-encryption key that wraps it. */
  kid: string;
  key: Buffer;
  /** iv || tag || wrapped key, base64. */
  wrapped: string;
}

/** A fresh 256-bit data key for one record, wrapped by the current key-encryption key. */
export function newDataKey(keyring: Keyring, context: string): DataKey {
  const kek = keyring.keys.get(keyring.current)!;
  const key = randomBytes(32);
  const w = gcmEncrypt(kekObject(kek), key, `${context}|key`);
  return { kid: keyring.current, key, wrapped: Buffer.concat([w.iv, w.tag, w.data]).toString('base64') };
}

export function unwrapDataKey(keyring: Keyring, kid: string, wrapped: string, context: string): Buffer {
  const kek = keyring.keys.get(kid);
  if (!kek) throw new Error(`Key-encryption key "${kid}" is not configured`);
  const w = Buffer.from(wrapped, 'base64');
  return gcmDecrypt(kekObject(kek), w.subarray(0, 12), w.subarray(28), w.subarray(12, 28), `${context}|key`);
}

/** Encrypt bytes under a data key: iv (12) || tag (16) || ciphertext. */
export function encryptBytes(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const e = gcmEncrypt(key, plaintext, aad);
  return Buffer.concat([e.iv, e.tag, e.data]);
}

export function decryptBytes(key: Buffer, sealed: Buffer, aad: string): Buffer {
  return gcmDecrypt(key, sealed.subarray(0, 12), sealed.subarray(28), sealed.subarray(12, 28), aad);
}

/** Encrypt a JSON value under a data key. */
export function encryptJson(key: Buffer, value: unknown, aad: string): SealedPayload {
  const e = gcmEncrypt(key, Buffer.from(JSON.stringify(value)), aad);
  return { v: 1, iv: e.iv.toString('base64'), tag: e.tag.toString('base64'), data: e.data.toString('base64') };
}

export function decryptJson<T>(key: Buffer, p: SealedPayload, aad: string): T {
  return JSON.parse(gcmDecrypt(key, Buffer.from(p.iv, 'base64'), Buffer.from(p.data, 'base64'), Buffer.from(p.tag, 'base64'), aad).toString('utf8')) as T;
}

/** Seal a JSON value with its own data key. `context` (e.g. "decision:<id>") is bound as additional
 *  data so a sealed value cannot be moved to another record. */
export function seal(keyring: Keyring, context: string, value: unknown): SealedColumn {
  const dk = newDataKey(keyring, context);
  const payload = encryptJson(dk.key, value, context);
  return { v: 1, kid: dk.kid, wrappedKey: dk.wrapped, iv: payload.iv, tag: payload.tag, data: payload.data };
}

/** Seal one value for many records at once — a tombstone replacing each disposed record's
 *  narrative. The value holds nothing secret, so the records share one fresh data key (each sealed
 *  value still has its own IVs and opens only as its own record: the context is bound to both the
 *  wrapped key and the payload), and the key is turned into a key object once rather than per
 *  record: disposal seals thousands at a time. */
export function sealEach(keyring: Keyring, contexts: readonly string[], value: unknown): SealedColumn[] {
  if (!contexts.length) return [];
  const kek = kekObject(keyring.keys.get(keyring.current)!);
  const raw = randomBytes(32);
  const key = createSecretKey(raw);
  const plaintext = Buffer.from(JSON.stringify(value));
  return contexts.map((context) => {
    const w = gcmEncrypt(kek, raw, `${context}|key`);
    const e = gcmEncrypt(key, plaintext, context);
    return {
      v: 1,
      kid: keyring.current,
      wrappedKey: Buffer.concat([w.iv, w.tag, w.data]).toString('base64'),
      iv: e.iv.toString('base64'),
      tag: e.tag.toString('base64'),
      data: e.data.toString('base64'),
    };
  });
}

export function unseal<T>(keyring: Keyring, context: string, sealed: SealedColumn): T {
  const key = unwrapDataKey(keyring, sealed.kid, sealed.wrappedKey, context);
  return decryptJson<T>(key, sealed, context);
}

// ---------------------------------------------------------------------------------------------
// Opaque tokens for addresses: what must survive Back, Reload and a bookmark without putting
// personal data in a URL (a search's terms). AES-256-GCM under a key derived from a key-encryption
// key, bound by `context` (e.g. the person it was made for): kid "." base64url(iv | tag | ciphertext).

const tokenKey = (kek: Buffer) => Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), 'concord address token', 32));

export function sealToken(keyring: Keyring, context: string, plaintext: string): string {
  const e = gcmEncrypt(tokenKey(keyring.keys.get(keyring.current)!), Buffer.from(plaintext), context);
  return `${keyring.current}.${Buffer.concat([e.iv, e.tag, e.data]).toString('base64url')}`;
}

/** The token's plaintext, or undefined if it is not a token made under `context` by a key still held. */
export function openToken(keyring: Keyring, context: string, token: string): string | undefined {
  const dot = token.lastIndexOf('.');
  const kek = dot > 0 ? keyring.keys.get(token.slice(0, dot)) : undefined;
  const raw = Buffer.from(token.slice(dot + 1), 'base64url');
  if (!kek || raw.length < 28) return undefined;
  try {
    return gcmDecrypt(tokenKey(kek), raw.subarray(0, 12), raw.subarray(28), raw.subarray(12, 28), context).toString();
  } catch {
    return undefined;
  }
}
