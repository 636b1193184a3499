// The audit verifier's own implementation of the canonical leaf encoding, version 1
// (docs/audit-log.md "Leaf encoding"). Independent of src/domain/audit-leaf.ts on purpose: it
// canonicalises JSON with the platform's parser (keeping numbers' source text) rather than a
// hand-written one, and lays the bytes out with its own writer.
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

const NULL_FIELD = '\xff\xff\xff\xff';
const NOT_ASCII = /[^\x00-\x7f]/;
const u32 = (n: number) => String.fromCharCode((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);

/**
 * The leaf, written into one buffer that starts with `prefix` zero bytes (so that the RFC 9162
 * leaf hash, SHA-256(0x00 || leaf), can be taken without copying: see hashEventLeaf).
 */
function writeLeaf(e: Omit<EventRow, 'details'>, commitment: Uint8Array, prefix: 0 | 1): Buffer {
  if (commitment.length !== 32) throw new Error('a details commitment is 32 bytes');
  // Nearly every field is ASCII (ids, codes, times), where UTF-8 and Latin-1 bytes are the same:
  // lay the leaf out as one Latin-1 string and write it in one go.
  let text = prefix ? '\x00CAE\x01' : 'CAE\x01';
  let ascii = true;
  for (const k of FIELD_ORDER) {
    const v = e[k];
    if (v === null) text += NULL_FIELD;
    else if (NOT_ASCII.test(v)) {
      ascii = false;
      break;
    } else text += u32(v.length) + v;
  }
  if (ascii) {
    const out = Buffer.allocUnsafe(text.length + 32);
    out.write(text, 0, 'latin1');
    out.set(commitment, text.length);
    return out;
  }
  let size = prefix + VERSION_1.length + 32;
  const lengths: number[] = [];
  for (const k of FIELD_ORDER) {
    const v = e[k];
    const n = v === null ? -1 : Buffer.byteLength(v, 'utf8');
    lengths.push(n);
    size += 4 + Math.max(0, n);
  }
  const out = Buffer.allocUnsafe(size);
  out.fill(0, 0, prefix);
  let at = prefix + VERSION_1.copy(out, prefix);
  FIELD_ORDER.forEach((k, i) => {
    const n = lengths[i]!;
    if (n < 0) {
      at = out.writeUInt32BE(0xffffffff, at);
      return;
    }
    at = out.writeUInt32BE(n, at);
    at += out.write(e[k]!, at, 'utf8');
  });
  out.set(commitment, at);
  return out;
}

export function leafBytes(e: Omit<EventRow, 'details'>, commitment: Uint8Array): Buffer {
  return writeLeaf(e, commitment, 0);
}

/** SHA-256(0x00 || leaf) of the event's leaf. */
export function hashEventLeaf(e: Omit<EventRow, 'details'>, commitment: Uint8Array): Buffer {
  return sha256(writeLeaf(e, commitment, 1));
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
