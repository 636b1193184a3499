// Queries over the tamper-evident audit log (audit_leaf, audit_node, audit_checkpoint, audit_salt)
// and the audit events behind it. No business rules: the Merkle maths and the encoding live in
// src/domain; the use cases decide what to read and write. Hashes travel as hex text so that
// PGlite and PostgreSQL hand back the same values.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema.ts';
import type { AuditEventValues } from './child-record.ts';

export interface OrderKey {
  tx: string;
  id: string;
}

/** Only one process sequences a given schema at a time (held until the transaction ends). */
export async function tryLockSequencer(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('concord.audit-log:' || current_schema())) as locked`.execute(db);
  return r.rows[0]?.locked === true;
}

/** Wait for the sequencer's lock (shredding must not interleave with sequencing). */
export async function lockSequencer(db: Kysely<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('concord.audit-log:' || current_schema()))`.execute(db);
}

/**
 * Delete the events' salts and replace their details with `marker` (events whose details are empty
 * or already shredded are left alone); returns how many events' details were replaced. The
 * append-only trigger lets this one update through while `concord.audit_shredding` is on, for this
 * transaction only. Call it in a transaction holding the sequencer's lock.
 */
export async function shredEventDetails(db: Kysely<DB>, partnershipId: string, eventIds: readonly string[], marker: string): Promise<number> {
  await sql`select set_config('concord.audit_shredding', 'on', true)`.execute(db);
  await sql`delete from audit_salt where partnership_id = ${partnershipId} and event_id = any(${[...eventIds]}::bigint[])`.execute(db);
  const updated = await sql`
    update audit_event set details = ${marker}::jsonb
     where partnership_id = ${partnershipId} and id = any(${[...eventIds]}::bigint[]) and details <> '{}'::jsonb and details <> ${marker}::jsonb`.execute(db);
  await sql`select set_config('concord.audit_shredding', 'off', true)`.execute(db);
  return Number(updated.numAffectedRows ?? 0);
}

export async function lastLeaf(db: Kysely<DB>): Promise<{ leafIndex: number; tx: string; id: string } | undefined> {
  const r = await sql<{ leaf_index: string; tx: string; id: string }>`
    select l.leaf_index::text as leaf_index, l.event_tx::text as tx, l.event_id::text as id from audit_leaf l order by l.leaf_index desc limit 1`.execute(db);
  const row = r.rows[0];
  return row ? { leafIndex: Number(row.leaf_index), tx: row.tx, id: row.id } : undefined;
}

export interface EventToSequence {
  tx: string;
  partnership_id: string;
  id: string;
  occurred_at: string;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  action: string;
  outcome: string;
  subject_type: string | null;
  subject_id: string | null;
  child_id: string | null;
  correlation_id: string;
  via: string;
  details: string;
}

/**
 * The next committed events in commit order after `after`, taking only events whose transaction
 * is older than every transaction still running: no event can ever appear before them.
 */
export async function eventsToSequence(db: Kysely<DB>, after: OrderKey | null, limit: number): Promise<EventToSequence[]> {
  const r = await sql<EventToSequence>`
    select tx::text as tx, partnership_id::text as partnership_id, id::text as id,
           to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
           actor_user_id::text as actor_user_id, actor_agency_id::text as actor_agency_id, action, outcome,
           subject_type, subject_id, child_id::text as child_id, correlation_id, via, details::text as details
      from audit_event e
     where e.tx < pg_snapshot_xmin(pg_current_snapshot())
       ${after ? sql`and (e.tx, e.id) > (${after.tx}::xid8, ${after.id}::bigint)` : sql``}
     order by e.tx, e.id
     limit ${limit}`.execute(db);
  return r.rows;
}

export interface NewLeaf {
  leafIndex: number;
  partnershipId: string;
  eventId: string;
  tx: string;
  leafHash: string;
  detailsCommitment: string | null;
  salt: string | null;
}

export async function insertLeaves(db: Kysely<DB>, leaves: readonly NewLeaf[]): Promise<void> {
  if (leaves.length === 0) return;
  await sql`
    insert into audit_leaf (leaf_index, event_partnership_id, event_id, event_tx, leaf_hash, details_commitment)
    select i, p, e, t::xid8, decode(h, 'hex'), decode(c, 'hex')
      from unnest(${leaves.map((l) => String(l.leafIndex))}::bigint[], ${leaves.map((l) => l.partnershipId)}::uuid[], ${leaves.map((l) => l.eventId)}::bigint[],
                  ${leaves.map((l) => l.tx)}::text[], ${leaves.map((l) => l.leafHash)}::text[], ${leaves.map((l) => l.detailsCommitment)}::text[]) as u(i, p, e, t, h, c)`.execute(db);
  const salted = leaves.filter((l) => l.salt !== null);
  if (salted.length === 0) return;
  await sql`
    insert into audit_salt (partnership_id, event_id, salt)
    select p, e, decode(s, 'hex') from unnest(${salted.map((l) => l.partnershipId)}::uuid[], ${salted.map((l) => l.eventId)}::bigint[], ${salted.map((l) => l.salt)}::text[]) as u(p, e, s)`.execute(
    db,
  );
}

export async function insertNodes(db: Kysely<DB>, nodes: readonly { level: number; index: number; hash: string }[]): Promise<void> {
  if (nodes.length === 0) return;
  await sql`
    insert into audit_node (level, idx, hash)
    select l, i, decode(h, 'hex') from unnest(${nodes.map((n) => n.level)}::int[], ${nodes.map((n) => String(n.index))}::bigint[], ${nodes.map((n) => n.hash)}::text[]) as u(l, i, h)`.execute(db);
}

/** Stored hashes (hex) in one round trip: subtrees by "level/index", leaves by leaf index. */
export async function storedHashes(
  db: Kysely<DB>,
  subtrees: readonly { level: number; index: number }[],
  leafIndices: readonly number[],
): Promise<{ nodes: Map<string, string>; leaves: Map<number, string> }> {
  const nodes = new Map<string, string>();
  const leaves = new Map<number, string>();
  if (subtrees.length === 0 && leafIndices.length === 0) return { nodes, leaves };
  const r = await sql<{ l: number; i: string; h: string }>`
    select n.level as l, n.idx::text as i, encode(n.hash, 'hex') as h
      from unnest(${subtrees.map((s) => s.level)}::int[], ${subtrees.map((s) => String(s.index))}::bigint[]) as u(l, i)
      cross join lateral (select x.level, x.idx, x.hash from audit_node x where x.level = u.l and x.idx = u.i limit 1) n
    union all
    select 0, l.leaf_index::text, encode(l.leaf_hash, 'hex') from audit_leaf l where l.leaf_index = any(${leafIndices.map(String)}::bigint[])`.execute(db);
  for (const x of r.rows) {
    if (x.l === 0) leaves.set(Number(x.i), x.h);
    else nodes.set(`${x.l}/${x.i}`, x.h);
  }
  return { nodes, leaves };
}

export async function leafCount(db: Kysely<DB>): Promise<number> {
  const last = await lastLeaf(db);
  return last ? last.leafIndex + 1 : 0;
}

export interface CheckpointRow {
  tree_size: string;
  root_hash: string;
  issued_at: string;
  key_id: string;
  signature: string;
}

const checkpointColumns = sql`c.tree_size::text as tree_size, encode(c.root_hash, 'hex') as root_hash,
  to_char(c.issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as issued_at, c.key_id, encode(c.signature, 'hex') as signature`;

export async function latestCheckpoint(db: Kysely<DB>): Promise<CheckpointRow | undefined> {
  const r = await sql<CheckpointRow>`select ${checkpointColumns} from audit_checkpoint c order by c.tree_size desc limit 1`.execute(db);
  return r.rows[0];
}

export async function checkpointOfSize(db: Kysely<DB>, treeSize: number): Promise<CheckpointRow | undefined> {
  const r = await sql<CheckpointRow>`select ${checkpointColumns} from audit_checkpoint c where c.tree_size = ${String(treeSize)}::bigint`.execute(db);
  return r.rows[0];
}

export async function insertCheckpoint(db: Kysely<DB>, c: { treeSize: number; rootHash: string; issuedAt: string; keyId: string; signature: string }): Promise<void> {
  await sql`insert into audit_checkpoint (tree_size, root_hash, issued_at, key_id, signature)
            values (${String(c.treeSize)}::bigint, decode(${c.rootHash}, 'hex'), ${c.issuedAt}::timestamptz, ${c.keyId}, decode(${c.signature}, 'hex'))`.execute(db);
}

export interface LoggedEvent extends EventToSequence {
  leaf_index: string | null;
  leaf_hash: string | null;
  details_commitment: string | null;
  /** The log's size now. */
  leaf_count: string;
  /** The latest checkpoint, if any. */
  cp_tree_size: string | null;
  cp_root_hash: string | null;
  cp_issued_at: string | null;
  cp_key_id: string | null;
  cp_signature: string | null;
}

/**
 * One event with its leaf (if sequenced), the log's size and its latest checkpoint: one round trip.
 * With `audit`, the read is audited in the same statement (a data-modifying CTE inserts the audit
 * row, about this event, only when the event is found), so the read and its audit event commit
 * together — as the child's record does (child-record.ts, ADR 0010).
 */
export async function loggedEvent(db: Kysely<DB>, partnershipId: string, eventId: string, audit?: AuditEventValues): Promise<LoggedEvent | undefined> {
  const read = sql`
    select e.tx::text as tx, e.partnership_id::text as partnership_id, e.id::text as id,
           to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
           e.actor_user_id::text as actor_user_id, e.actor_agency_id::text as actor_agency_id, e.action, e.outcome,
           e.subject_type, e.subject_id, e.child_id::text as child_id, e.correlation_id, e.via, e.details::text as details,
           l.leaf_index::text as leaf_index, encode(l.leaf_hash, 'hex') as leaf_hash, encode(l.details_commitment, 'hex') as details_commitment,
           coalesce((select max(x.leaf_index) + 1 from audit_leaf x), 0)::text as leaf_count,
           c.tree_size::text as cp_tree_size, encode(c.root_hash, 'hex') as cp_root_hash,
           to_char(c.issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as cp_issued_at, c.key_id as cp_key_id, encode(c.signature, 'hex') as cp_signature
      from audit_event e
      left join audit_leaf l on l.event_partnership_id = e.partnership_id and l.event_id = e.id
      left join lateral (select * from audit_checkpoint y order by y.tree_size desc limit 1) c on true
     where e.partnership_id = ${partnershipId} and e.id = ${eventId}::bigint`;
  const r = audit
    ? await sql<LoggedEvent>`
        with found as (${read}),
        logged as (
          insert into audit_event (partnership_id, actor_user_id, actor_agency_id, action, outcome, subject_type, subject_id, correlation_id, via, details)
          select ${audit.partnership_id}, ${audit.actor_user_id}, ${audit.actor_agency_id}, ${audit.action}, ${audit.outcome}, ${audit.subject_type},
                 found.id, ${audit.correlation_id}, ${audit.via}, cast(${audit.details} as jsonb)
            from found
          returning id
        )
        select * from found`.execute(db)
    : await read.$castTo<LoggedEvent>().execute(db);
  return r.rows[0];
}

export interface AccessLogRow {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_agency_id: string | null;
  agency_name: string | null;
  action: string;
  outcome: string;
  subject_type: string | null;
  subject_id: string | null;
  child_id: string | null;
  via: string;
  correlation_id: string;
  details: string;
  leaf_index: string | null;
}

function accessLogQuery(db: Kysely<DB>) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('staff_user as s', (j) => j.onRef('s.partnership_id', '=', 'e.partnership_id').onRef('s.id', '=', 'e.actor_user_id'))
    .leftJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'e.partnership_id').onRef('a.id', '=', 'e.actor_agency_id'))
    .leftJoin('audit_leaf as l', (j) => j.onRef('l.event_partnership_id', '=', 'e.partnership_id').onRef('l.event_id', '=', 'e.id'))
    .select([
      'e.id',
      'e.occurred_at',
      'e.actor_user_id',
      's.display_name as actor_name',
      'e.actor_agency_id',
      'a.name as agency_name',
      'e.action',
      'e.outcome',
      'e.subject_type',
      'e.subject_id',
      'e.child_id',
      'e.via',
      'e.correlation_id',
      sql<string>`e.details::text`.as('details'),
      sql<string | null>`l.leaf_index::text`.as('leaf_index'),
    ]);
}

/** Every audit event about one child, newest first. */
export async function childAccessLog(db: Kysely<DB>, partnershipId: string, childId: string, limit: number, offset: number): Promise<{ rows: AccessLogRow[]; total: number }> {
  const rows = await accessLogQuery(db)
    .where('e.partnership_id', '=', partnershipId)
    .where('e.child_id', '=', childId)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const count = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('child_id', '=', childId)
    .executeTakeFirstOrThrow();
  return { rows: rows as AccessLogRow[], total: Number(count.n) };
}

/** Everything one agency's staff did, oldest first, from `since`. */
export async function agencyAccessLog(db: Kysely<DB>, partnershipId: string, agencyId: string, since: Date | null, limit: number): Promise<AccessLogRow[]> {
  let q = accessLogQuery(db).where('e.partnership_id', '=', partnershipId).where('e.actor_agency_id', '=', agencyId);
  if (since) q = q.where('e.occurred_at', '>=', since);
  return (await q.orderBy('e.occurred_at').orderBy('e.id').limit(limit).execute()) as AccessLogRow[];
}

/** Append audit events (shaped by the use-case kernel's auditValues) in one statement. */
export async function insertAuditEvents(db: Kysely<DB>, rows: readonly AuditEventValues[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('audit_event')
      .values([...rows])
      .execute();
}

/** Append many events in one statement whatever their number: the rows travel as one array per
 *  column (a multi-row VALUES list needs a parameter per value, and PostgreSQL allows 65,535), and
 *  are inserted in the order given. */
export async function insertAuditEventBatch(db: Kysely<DB>, rows: readonly (AuditEventValues & { subject_id: string | null; child_id: string | null })[]): Promise<void> {
  if (!rows.length) return;
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql`
    insert into audit_event (partnership_id, actor_user_id, actor_agency_id, action, outcome, subject_type, subject_id, child_id, correlation_id, via, details)
    select u.partnership_id, u.actor_user_id, u.actor_agency_id, u.action, u.outcome, u.subject_type, u.subject_id, u.child_id, u.correlation_id, u.via, u.details::jsonb
      from unnest(${col('partnership_id')}::uuid[], ${col('actor_user_id')}::uuid[], ${col('actor_agency_id')}::uuid[], ${col('action')}::text[], ${col('outcome')}::text[],
                  ${col('subject_type')}::text[], ${col('subject_id')}::text[], ${col('child_id')}::uuid[], ${col('correlation_id')}::text[], ${col('via')}::text[], ${col('details')}::text[])
           with ordinality as u(partnership_id, actor_user_id, actor_agency_id, action, outcome, subject_type, subject_id, child_id, correlation_id, via, details, n)
     order by u.n`.execute(db);
}

/** The latest successful change recorded about a record (reads left out), with who made it: for telling a stale page what changed (ADR 0073). */
export async function latestChangeOf(db: Kysely<DB>, partnershipId: string, subjectType: string, subjectId: string) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'e.partnership_id').onRef('u.id', '=', 'e.actor_user_id'))
    .select(['e.action', 'e.occurred_at', 'u.display_name'])
    .where('e.partnership_id', '=', partnershipId)
    .where('e.subject_type', '=', subjectType)
    .where('e.subject_id', '=', subjectId)
    .where('e.outcome', '=', 'ok')
    .where((eb) => eb.and([eb('e.action', 'not like', '%viewed'), eb('e.action', 'not like', '%listed'), eb('e.action', 'not like', '%downloaded')]))
    .orderBy('e.occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
