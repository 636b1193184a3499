// The canonical encoding of an audit event as a leaf of the audit log's Merkle tree, version 1.
// Specified in docs/audit-log.md; src/audit-verifier/leaf.ts is a second, independent
// implementation of the same specification, and the tests check that the two agree.
//
//   leaf    = "CAE" 0x01                               magic and version
//             field(partnership_id)  field(event_id)   event_id in decimal
//             field(occurred_at)                       UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ" (microseconds)
//             field(actor_user_id)  field(actor_agency_id)  field(action)  field(outcome)
//             field(subject_type)  field(subject_id)  field(child_id)  field(correlation_id)  field(via)
//             details_commitment                       32 bytes
//   field(null) = FF FF FF FF;  field(s) = uint32-be(byte length of UTF-8 s) || UTF-8 s
//
//   details_commitment = SHA-256("concord-audit-details-v1" 0x00 || uint8(len salt) || salt || canonical JSON of details)
//   salt = 16 random bytes, kept apart from the log (audit_salt) so that it can be destroyed; an
//   event whose details are exactly {} needs no secret and uses the empty salt.
//
// Personal data (search criteria, in the details) enters the leaf only through the salted
// commitment: destroying the salt and the details ("crypto-shredding") leaves the leaf, and so
// the tree, verifiable from the stored commitment, while nobody can test a guess at the details.
import { sha256 } from './merkle.ts';

export const LEAF_VERSION = 1;
const MAGIC = Buffer.from([0x43, 0x41, 0x45, LEAF_VERSION]);
const NULL_FIELD = Buffer.from([0xff, 0xff, 0xff, 0xff]);
const DETAILS_TAG = Buffer.from('concord-audit-details-v1\u0000', 'utf8');
export const SALT_BYTES = 16;
/** What the details of a shredded event are replaced with. */
export const SHREDDED_DETAILS = { $shredded: 'audit-details-v1' } as const;
export const SHREDDED_DETAILS_JSON = '{"$shredded":"audit-details-v1"}';

/** An audit event's fields as text, exactly as the canonical encoding takes them. */
export interface LeafFields {
  partnershipId: string;
  eventId: string;
  /** UTC with microseconds: 2026-11-22T10:00:00.123456Z */
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
}

const OCCURRED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function field(value: string | null): Buffer {
  if (value === null) return NULL_FIELD;
  const bytes = Buffer.from(value, 'utf8');
  const out = Buffer.allocUnsafe(4 + bytes.length);
  out.writeUInt32BE(bytes.length, 0);
  bytes.copy(out, 4);
  return out;
}

export function encodeLeaf(f: LeafFields, detailsCommitment: Uint8Array): Buffer {
  if (!OCCURRED_AT.test(f.occurredAt)) throw new Error(`occurredAt must be UTC with microseconds, got ${f.occurredAt}`);
  if (detailsCommitment.length !== 32) throw new Error('the details commitment must be 32 bytes');
  return Buffer.concat([
    MAGIC,
    field(f.partnershipId),
    field(f.eventId),
    field(f.occurredAt),
    field(f.actorUserId),
    field(f.actorAgencyId),
    field(f.action),
    field(f.outcome),
    field(f.subjectType),
    field(f.subjectId),
    field(f.childId),
    field(f.correlationId),
    field(f.via),
    detailsCommitment,
  ]);
}

export function detailsCommitment(salt: Uint8Array, canonicalDetails: string): Buffer {
  if (salt.length > 255) throw new Error('salt too long');
  return sha256(Buffer.concat([DETAILS_TAG, Buffer.from([salt.length]), salt, Buffer.from(canonicalDetails, 'utf8')]));
}

/** Whether an event's details need a secret salt (anything but the empty object). */
export const needsSalt = (canonicalDetails: string) => canonicalDetails !== '{}';

// --- canonical JSON -------------------------------------------------------------------------
// Objects' members sorted by key (UTF-16 code units, as RFC 8785), no insignificant whitespace,
// strings escaped as JSON.stringify does, numbers exactly as written in the input (PostgreSQL's
// jsonb output is already normalised; keeping the text avoids any loss of precision).

/** Canonicalise JSON text (for example PostgreSQL's `details::text`). Throws on malformed JSON. */
export function canonicalJson(text: string): string {
  if (text === '{}') return text;
  const p = { s: text, i: 0 };
  const out = value(p);
  ws(p);
  if (p.i !== p.s.length) throw new SyntaxError(`unexpected text at ${p.i} in JSON`);
  return out;
}

interface Cursor {
  s: string;
  i: number;
}

function ws(p: Cursor) {
  while (p.i < p.s.length) {
    const c = p.s.charCodeAt(p.i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p.i++;
    else break;
  }
}

function value(p: Cursor): string {
  ws(p);
  const c = p.s[p.i];
  if (c === '{') {
    p.i++;
    const members: [string, string][] = [];
    ws(p);
    if (p.s[p.i] === '}') {
      p.i++;
      return '{}';
    }
    for (;;) {
      ws(p);
      const key = stringToken(p);
      ws(p);
      if (p.s[p.i] !== ':') throw new SyntaxError(`expected ":" at ${p.i} in JSON`);
      p.i++;
      members.push([JSON.parse(key) as string, value(p)]);
      ws(p);
      if (p.s[p.i] === ',') {
        p.i++;
        continue;
      }
      if (p.s[p.i] === '}') {
        p.i++;
        break;
      }
      throw new SyntaxError(`expected "," or "}" at ${p.i} in JSON`);
    }
    members.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let i = 1; i < members.length; i++) if (members[i]![0] === members[i - 1]![0]) throw new SyntaxError(`duplicate key ${members[i]![0]} in JSON`);
    return `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  }
  if (c === '[') {
    p.i++;
    const items: string[] = [];
    ws(p);
    if (p.s[p.i] === ']') {
      p.i++;
      return '[]';
    }
    for (;;) {
      items.push(value(p));
      ws(p);
      if (p.s[p.i] === ',') {
        p.i++;
        continue;
      }
      if (p.s[p.i] === ']') {
        p.i++;
        break;
      }
      throw new SyntaxError(`expected "," or "]" at ${p.i} in JSON`);
    }
    return `[${items.join(',')}]`;
  }
  if (c === '"') return JSON.stringify(JSON.parse(stringToken(p)) as string);
  for (const literal of ['true', 'false', 'null']) {
    if (p.s.startsWith(literal, p.i)) {
      p.i += literal.length;
      return literal;
    }
  }
  const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(p.s.slice(p.i, p.i + 400));
  if (!m) throw new SyntaxError(`unexpected character at ${p.i} in JSON`);
  p.i += m[0].length;
  return m[0];
}

function stringToken(p: Cursor): string {
  if (p.s[p.i] !== '"') throw new SyntaxError(`expected a string at ${p.i} in JSON`);
  let j = p.i + 1;
  while (j < p.s.length) {
    const ch = p.s[j];
    if (ch === '\\') j += 2;
    else if (ch === '"') break;
    else j++;
  }
  if (j >= p.s.length) throw new SyntaxError('unterminated string in JSON');
  const token = p.s.slice(p.i, j + 1);
  p.i = j + 1;
  return token;
}
