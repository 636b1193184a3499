// The verifier's own reading of the database: plain SQL over the audit tables, every value cast to
// text (hashes as hex) so that no driver's type parsing stands between the bytes and the verifier,
// and rows as positional arrays (the cheapest shape for drivers to build). Give it a function
// that runs one query on one session; run that session inside a REPEATABLE READ, READ ONLY
// transaction to verify one consistent snapshot while the log keeps growing.
import type { Checkpoint } from './checkpoint.ts';
import type { LeafRef, LogSource, OrderKey, StoredEvent, StoredNode } from './log.ts';

/**
 * Run one query; return its rows as arrays of values, in the order the query selects them. (Every
 * column has its own alias, c0, c1, …, so a driver that returns objects can be adapted with
 * Object.values.)
 */
export type Query = (text: string, params: readonly unknown[]) => Promise<unknown[][]>;

const s = (v: unknown): string => String(v);
const sn = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const hex = (v: unknown): Buffer => Buffer.from(String(v), 'hex');

// Fields that can never contain a space (numbers, UUIDs, times, and codes the schema constrains)
// travel packed in one space-separated column, NULL as "-", because drivers pay per column; a
// packed column that does not split into the expected parts is reported, never guessed at.
const LEAF_REFS = `
  select l.leaf_index::text || ' ' || l.event_partnership_id::text || ' ' || l.event_id::text || ' ' || l.event_tx::text as c0,
         encode(l.leaf_hash, 'hex') as c1, encode(l.details_commitment, 'hex') as c2
    from audit_leaf l
   where l.leaf_index >= $1 and l.leaf_index < $2
   order by l.leaf_index
   limit $3`;

const EVENT_COLUMNS = `concat_ws(' ', e.partnership_id::text, e.id::text, e.tx::text,
           to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           coalesce(e.actor_user_id::text, '-'), coalesce(e.actor_agency_id::text, '-'), coalesce(e.child_id::text, '-'),
           e.action, e.outcome, e.via) as c0,
         e.subject_type as c1, e.subject_id as c2, e.correlation_id as c3, e.details::text as c4`;

const orNull = (v: string | undefined) => (v === undefined || v === '-' ? null : v);

function leafRef(r: unknown[]): LeafRef {
  const f = s(r[0]).split(' ');
  if (f.length !== 4) throw new Error(`audit_leaf row "${s(r[0])}" is malformed`);
  return {
    leafIndex: Number(f[0]),
    eventPartnershipId: f[1]!,
    eventId: f[2]!,
    eventTx: f[3]!,
    leafHash: s(r[1]),
    detailsCommitment: r[2] === null ? null : hex(r[2]),
  };
}

function eventRow(r: unknown[]): StoredEvent {
  const f = s(r[0]).split(' ');
  return {
    partnershipId: f[0]!,
    eventId: f[1]!,
    tx: f[2]!,
    occurredAt: f[3] ?? '',
    actorUserId: orNull(f[4]),
    actorAgencyId: orNull(f[5]),
    childId: orNull(f[6]),
    // A field that held a space would split into more parts: the event no longer encodes as logged.
    action: f.length === 10 ? f[7]! : `${f.slice(7).join(' ')}\u0000malformed`,
    outcome: f[8] ?? '',
    via: f[9] ?? '',
    subjectType: sn(r[1]),
    subjectId: sn(r[2]),
    correlationId: s(r[3]),
    details: s(r[4]),
  };
}

/** (tx, id) in (after, upTo]; `after` may be absent. */
const range = (after: OrderKey | null, upTo: OrderKey) =>
  after
    ? { where: '(e.tx, e.id) > ($1::xid8, $2::bigint) and (e.tx, e.id) <= ($3::xid8, $4::bigint)', params: [after.tx, after.id, upTo.tx, upTo.id] }
    : { where: '(e.tx, e.id) <= ($1::xid8, $2::bigint)', params: [upTo.tx, upTo.id] };

export function sqlLogSource(query: Query): LogSource {
  return {
    async leafCount() {
      // The highest leaf index + 1: leaves missing in between are reported, not ignored.
      const [row] = await query('select coalesce(max(l.leaf_index) + 1, 0)::text as c0 from audit_leaf l', []);
      return Number(row?.[0] ?? 0);
    },

    async leafRefs(from, to, limit) {
      return (await query(LEAF_REFS, [from, to, limit])).map(leafRef);
    },

    async events(after, upTo, limit) {
      const r = range(after, upTo);
      const rows = await query(`select ${EVENT_COLUMNS} from audit_event e where ${r.where} order by e.tx, e.id limit ${Math.floor(limit)}`, r.params);
      return rows.map(eventRow);
    },

    async eventsByKey(keys) {
      if (keys.length === 0) return [];
      const rows = await query(
        `select ${EVENT_COLUMNS}
           from unnest($1::uuid[], $2::bigint[]) as k(p, id)
           cross join lateral (select * from audit_event x where x.partnership_id = k.p and x.id = k.id limit 1) e`,
        [keys.map((k) => k.partnershipId), keys.map((k) => k.eventId)],
      );
      return rows.map(eventRow);
    },

    async salts(keys) {
      if (keys.length === 0) return new Map();
      const rows = await query(
        `select k.p::text as c0, k.id::text as c1, encode(y.salt, 'hex') as c2
           from unnest($1::uuid[], $2::bigint[]) as k(p, id)
           cross join lateral (select x.salt from audit_salt x where x.partnership_id = k.p and x.event_id = k.id limit 1) y`,
        [keys.map((k) => k.partnershipId), keys.map((k) => k.eventId)],
      );
      return new Map(rows.map((r) => [`${s(r[0])}:${s(r[1])}`, hex(r[2])]));
    },

    async orderBefore(index) {
      const [r] = await query('select l.event_tx::text as c0, l.event_id::text as c1 from audit_leaf l where l.leaf_index < $1 order by l.leaf_index desc limit 1', [index]);
      return r ? { tx: s(r[0]), id: s(r[1]) } : null;
    },

    async checkpoints(afterSize, limit) {
      const rows = await query(
        `select c.tree_size::text as c0, encode(c.root_hash, 'hex') as c1, to_char(c.issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as c2, c.key_id as c3, encode(c.signature, 'hex') as c4
           from audit_checkpoint c where c.tree_size > $1 order by c.tree_size limit $2`,
        [afterSize, limit],
      );
      return rows.map((r): Checkpoint => ({ treeSize: Number(r[0]), rootHash: hex(r[1]), issuedAt: s(r[2]), keyId: s(r[3]), signature: hex(r[4]) }));
    },

    async loggedEvents(keys) {
      if (keys.length === 0) return new Set();
      const rows = await query(
        `select l.event_partnership_id::text as c0, l.event_id::text as c1
           from unnest($1::uuid[], $2::bigint[]) as k(p, id)
           cross join lateral (select * from audit_leaf x where x.event_partnership_id = k.p and x.event_id = k.id limit 1) l`,
        [keys.map((k) => k.partnershipId), keys.map((k) => k.eventId)],
      );
      return new Set(rows.map((r) => `${s(r[0])}:${s(r[1])}`));
    },

    async countEventsAfter(after) {
      const rows = after
        ? await query('select count(*)::text as c0 from audit_event e where (e.tx, e.id) > ($1::xid8, $2::bigint)', [after.tx, after.id])
        : await query('select count(*)::text as c0 from audit_event', []);
      return Number(rows[0]?.[0] ?? 0);
    },

    async nodes(ranges) {
      if (ranges.length === 0) return [];
      const rows = await query(
        `select n.level::text as c0, n.idx::text as c1, encode(n.hash, 'hex') as c2
           from unnest($1::int[], $2::bigint[], $3::bigint[]) as r(level, lo, hi)
           cross join lateral (select * from audit_node x where x.level = r.level and x.idx >= r.lo and x.idx < r.hi offset 0) n`,
        [ranges.map((r) => r.level), ranges.map((r) => String(r.from)), ranges.map((r) => String(r.to))],
      );
      return rows.map((r): StoredNode => ({ level: Number(r[0]), index: Number(r[1]), hash: s(r[2]) }));
    },

    async nodesBeyond(size) {
      const rows = await query(`select n.level::text as c0, n.idx::text as c1 from audit_node n where (n.idx + 1) * power(2::numeric, n.level) > $1::numeric order by n.level, n.idx limit 100`, [
        String(size),
      ]);
      return rows.map((r) => ({ level: Number(r[0]), index: Number(r[1]) }));
    },
  };
}
