// The audit verifier's own implementation of the canonical leaf encoding, version 1
// (docs/audit-log.md "Leaf encoding"). Independent of src/domain/audit-leaf.ts on purpose: it
// canonicalises JSON with the platform's parser (keeping numbers' source text) rather than a
// hand-written one, and lays the bytes out with its own writer.
import { hash } from 'node:crypto';
import { sha256 } from './merkle.ts';

/** An audit event as the database stores it, every value as text. */
export interface EventRow {
  partnershipId: string;
  eventId: string;
  /** UTC, microseconds: 2026-11-22T10:00:00.123456Z */
  occurredAt: string;
  actorUserId: string | null;
  actorAgencyId: string | null;
  action: string;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  childId: string | null;
  correlationId: string;
  via: string;
  /** The details as JSON text. */
  details: string;
}

const VERSION_1 = Buffer.from('CAE\x01', 'latin1');
const DETAILS_DOMAIN = Buffer.from('concord-audit-details-v1\0', 'latin1');
export const SHREDDED_MARKER = '{"$shredded":"audit-details-v1"}';
export const EMPTY_DETAILS = '{}';

const FIELD_ORDER = ['partnershipId', 'eventId', 'occurredAt', 'actorUserId', 'actorAgencyId', 'action', 'outcome', 'subjectType', 'subjectId', 'childId', 'correlationId', 'via'] as const;

/** Where leaves are written to be hashed: hashing is synchronous, so one buffer serves every leaf. */
let scratch = Buffer.allocUnsafe(4096);

/**
 * Write `v` at `at` as UTF-8 after its uint32-be byte length; returns the next offset. Most values
 * are ASCII (ids, codes, times): those are copied a character at a time as they are checked, and
 * any other is written again with the platform's UTF-8 encoder.
 */
function writeField(out: Buffer, v: string, at: number): number {
  const n = v.length;
  let i = 0;
  for (; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c > 0x7f) break;
    out[at + 4 + i] = c;
  }
  if (i === n) {
    out.writeUInt32BE(n, at);
    return at + 4 + n;
  }
  const bytes = Buffer.byteLength(v, 'utf8');
  out.writeUInt32BE(bytes, at);
  return at + 4 + out.write(v, at + 4, 'utf8');
}

/**
 * Write the leaf into the scratch buffer, after `prefix` zero bytes (so that the RFC 9162 leaf
 * hash, SHA-256(0x00 || leaf), can be taken without copying); returns the number of bytes written.
 */
function writeLeaf(e: Omit<EventRow, 'details'>, commitment: Uint8Array, prefix: 0 | 1): number {
  if (commitment.length !== 32) throw new Error('a details commitment is 32 bytes');
  // At most 3 bytes of UTF-8 per UTF-16 code unit.
  let most = prefix + VERSION_1.length + 32;
  for (const k of FIELD_ORDER) most += 4 + 3 * (e[k]?.length ?? 0);
  if (scratch.length < most) scratch = Buffer.allocUnsafe(most * 2);
  const out = scratch;
  if (prefix) out[0] = 0;
  let at = prefix + VERSION_1.copy(out, prefix);
  for (const k of FIELD_ORDER) {
    const v = e[k];
    if (v === null) at = out.writeUInt32BE(0xffffffff, at);
    else at = writeField(out, v, at);
  }
  out.set(commitment, at);
  return at + 32;
}

export function leafBytes(e: Omit<EventRow, 'details'>, commitment: Uint8Array): Buffer {
  const n = writeLeaf(e, commitment, 0); // (first: it may move the scratch buffer)
  return Buffer.from(scratch.subarray(0, n));
}

/** SHA-256(0x00 || leaf) of the event's leaf, as hex. */
export function hashEventLeaf(e: Omit<EventRow, 'details'>, commitment: Uint8Array): string {
  const n = writeLeaf(e, commitment, 1); // (first: it may move the scratch buffer)
  return hash('sha256', scratch.subarray(0, n), 'hex');
}

export function commitToDetails(salt: Uint8Array, canonicalDetails: string): Buffer {
  return sha256(DETAILS_DOMAIN, Uint8Array.of(salt.length), salt, Buffer.from(canonicalDetails, 'utf8'));
}

/** The commitment of empty details ({} with no salt): the same for every such event. */
export const EMPTY_DETAILS_COMMITMENT = commitToDetails(new Uint8Array(0), '{}');

class NumberText {
  constructor(readonly text: string) {}
}

/** Canonical JSON: members sorted by key (UTF-16 code units), no whitespace, numbers as written. */
/** A number outside any string (a value after ':', '[' or ','): only then is the source text needed. */
const HAS_NUMBER = /(^|[:[,])\s*-?\d/;

export function canonicalise(json: string): string {
  if (json === '{}') return json;
  if (!HAS_NUMBER.test(json.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) return write(JSON.parse(json));
  const reviver = function (this: unknown, _key: string, value: unknown, context?: { source?: string }) {
    return typeof value === 'number' ? new NumberText(context?.source ?? String(value)) : value;
  };
  const parsed: unknown = JSON.parse(json, reviver as (this: unknown, key: string, value: unknown) => unknown);
  return write(parsed);
}

function write(v: unknown): string {
  if (v instanceof NumberText) return v.text;
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${write(o[k])}`).join(',')}}`;
}
