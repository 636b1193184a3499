// Retention and disposal queries: finding records whose retention has ended (the cut-off and the
// period come from src/domain/retention.ts — here only comparisons), the disposition review, the
// shredding writes, tombstones and certificates. No rules here.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../schema.ts';

export type DueKind = 'decision' | 'request' | 'disclosure_received' | 'audit_details';
export type StartEvent = 'recorded' | 'closed' | 'shared' | 'child_25th_birthday';

export interface FindDueArgs {
  partnershipId: string;
  pack: string;
  clause: string;
  from: StartEvent;
  /** A record is due when its start is at or before this. */
  cutoff: Date;
  /** Months from the start to the end of retention (the domain's figure, for the stored due date). */
  months: number;
  /** Who reviews: the agency that holds the record, or (information received) the recipient. */
  owner: 'holder' | 'recipient';
  now: Date;
  limit: number;
}

const dob = (alias: string): RawBuilder<unknown> => sql.raw(`(select (c.date_of_birth)::date::timestamptz from child c where c.partnership_id = ${alias}.partnership_id and c.id = ${alias}.child_id)`);

/** The start of each kind's retention, by the event that starts it (SQL over the record's own columns). */
function startOf(kind: DueKind, from: StartEvent): RawBuilder<unknown> {
  switch (kind) {
    case 'decision':
      if (from === 'child_25th_birthday') return dob('t');
      if (from === 'closed')
        return sql`case when t.request_id is null then t.decided_at else (select r.closed_at from info_request r where r.partnership_id = t.partnership_id and r.id = t.request_id) end`;
      return sql`t.decided_at`;
    case 'request':
      if (from === 'child_25th_birthday') return dob('t');
      if (from === 'closed') return sql`t.closed_at`;
      return sql`t.created_at`;
    case 'disclosure_received':
      if (from === 'child_25th_birthday') return dob('t');
      if (from === 'closed')
        return sql`case when t.request_id is null then t.sent_at else (select r.closed_at from info_request r where r.partnership_id = t.partnership_id and r.id = t.request_id) end`;
      return sql`t.sent_at`;
    case 'audit_details':
      return sql`t.occurred_at`;
  }
}

/**
 * Put every record of `kind` whose retention has ended into the disposition review (once: a record
 * already listed is left as it is). Returns how many were added.
 */
export async function listDueForReview(db: Kysely<DB>, kind: DueKind, a: FindDueArgs): Promise<number> {
  const start = startOf(kind, a.from);
  let source: RawBuilder<unknown>;
  switch (kind) {
    case 'decision':
      source = sql`select t.id::text as record_id, t.agency_id as agency_id, null::uuid as originator, ${start} as started_at
                     from decision t where t.partnership_id = ${a.partnershipId} and t.disposed_at is null`;
      break;
    case 'request':
      source = sql`select t.id::text, t.from_agency_id, null::uuid, ${start} from info_request t where t.partnership_id = ${a.partnershipId} and t.disposed_at is null`;
      break;
    case 'disclosure_received':
      // A copy still waiting to be opened expires on its own (pack `disclosures.expireUnopenedAfter`).
      source = sql`select t.id::text, ${a.owner === 'recipient' ? sql`t.to_agency_id` : sql`t.from_agency_id`}, t.from_agency_id, ${start}
                     from disclosure t where t.partnership_id = ${a.partnershipId} and t.disposed_at is null and t.status <> 'sent'`;
      break;
    case 'audit_details':
      // Only events already in the tree (their salt exists): the sequencer must commit to the details first.
      source = sql`select t.id::text, t.actor_agency_id, null::uuid, ${start} from audit_event t
                     join audit_salt s on s.partnership_id = t.partnership_id and s.event_id = t.id
                    where t.partnership_id = ${a.partnershipId} and t.actor_agency_id is not null`;
      break;
  }
  const r = await sql`
    insert into disposal_review (partnership_id, id, kind, record_id, agency_id, originator_agency_id, pack, rule_clause, started_at, due_at, found_at)
    select ${a.partnershipId}::uuid, gen_random_uuid(), ${kind}, s.record_id, s.agency_id, s.originator, ${a.pack}, ${a.clause}, s.started_at,
           s.started_at + make_interval(months => ${a.months}::int), ${a.now}::timestamptz
      from (${source}) as s(record_id, agency_id, originator, started_at)
     where s.started_at is not null and s.started_at <= ${a.cutoff}::timestamptz
       and not exists (select 1 from disposal_review x where x.partnership_id = ${a.partnershipId} and x.kind = ${kind} and x.record_id = s.record_id)
     limit ${a.limit}
    on conflict (partnership_id, kind, record_id) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Deferrals whose date has passed go back to pending. */
export async function reopenDeferrals(db: Kysely<DB>, now: Date): Promise<number> {
  const r = await db.updateTable('disposal_review').set({ status: 'pending', deferred_until: null }).where('status', '=', 'deferred').where('deferred_until', '<=', now).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Partnerships and their packs. */
export async function partnershipsWithPacks(db: Kysely<DB>) {
  return db.selectFrom('partnership').select(['id', 'pack']).execute();
}

export interface ReviewRow {
  id: string;
  kind: string;
  record_id: string;
  agency_id: string;
  originator_agency_id: string | null;
  pack: string;
  rule_clause: string;
  started_at: Date;
  due_at: Date;
  status: string;
  deferred_until: Date | null;
  reason: string | null;
  hold_kind: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  certificate_id: string | null;
  disposed_at: Date | null;
}

const reviewColumns = [
  'r.id',
  'r.kind',
  'r.record_id',
  'r.agency_id',
  'r.originator_agency_id',
  'r.pack',
  'r.rule_clause',
  'r.started_at',
  'r.due_at',
  'r.status',
  'r.deferred_until',
  'r.reason',
  'r.hold_kind',
  'r.decided_by',
  'u.display_name as decided_by_name',
  'r.decided_at',
  'r.certificate_id',
  'r.disposed_at',
] as const;

/** The agency's review list, in due order (disposed ones are listed as tombstones). */
export async function reviewsForAgency(db: Kysely<DB>, partnershipId: string, agencyId: string, statuses: readonly string[], limit = 500): Promise<ReviewRow[]> {
  return db
    .selectFrom('disposal_review as r')
    .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'r.partnership_id').onRef('u.id', '=', 'r.decided_by'))
    .select(reviewColumns)
    .where('r.partnership_id', '=', partnershipId)
    .where('r.agency_id', '=', agencyId)
    .where('r.status', 'in', [...statuses])
    .orderBy('r.due_at')
    .orderBy('r.id')
    .limit(limit)
    .execute() as Promise<ReviewRow[]>;
}

/** Copies of information this agency sent that recipients have disposed of (the originator sees they did). */
export async function disposedByRecipients(db: Kysely<DB>, partnershipId: string, originatorAgencyId: string, limit = 200) {
  return db
    .selectFrom('disposal_review as r')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'r.partnership_id').onRef('a.id', '=', 'r.agency_id'))
    .select(['r.record_id', 'r.disposed_at', 'r.certificate_id', 'r.rule_clause', 'a.name as agency_name'])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.originator_agency_id', '=', originatorAgencyId)
    .where('r.agency_id', '<>', originatorAgencyId)
    .where('r.status', '=', 'disposed')
    .orderBy('r.disposed_at', 'desc')
    .limit(limit)
    .execute();
}

export async function findReview(db: Kysely<DB>, partnershipId: string, id: string): Promise<ReviewRow | undefined> {
  return db
    .selectFrom('disposal_review as r')
    .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'r.partnership_id').onRef('u.id', '=', 'r.decided_by'))
    .select(reviewColumns)
    .where('r.partnership_id', '=', partnershipId)
    .where('r.id', '=', id)
    .executeTakeFirst() as Promise<ReviewRow | undefined>;
}

export async function lockReview(db: Kysely<DB>, partnershipId: string, id: string): Promise<void> {
  await db.selectFrom('disposal_review').select('id').where('partnership_id', '=', partnershipId).where('id', '=', id).forUpdate().execute();
}

export async function updateReview(
  db: Kysely<DB>,
  partnershipId: string,
  id: string,
  set: { status: string; reason: string | null; deferred_until: Date | null; hold_kind: string | null; decided_by: string; decided_at: Date },
): Promise<void> {
  await db.updateTable('disposal_review').set(set).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();
}

/** A batch of approved reviews to dispose of, locked (others running at once skip them). */
export async function lockApprovedBatch(db: Kysely<DB>, limit: number, only?: { partnershipId: string; agencyId: string }) {
  let q = db.selectFrom('disposal_review').select(['partnership_id', 'id', 'kind', 'record_id', 'agency_id', 'pack', 'rule_clause', 'decided_by']).where('status', '=', 'approved');
  if (only) q = q.where('partnership_id', '=', only.partnershipId).where('agency_id', '=', only.agencyId);
  return q.orderBy('partnership_id').orderBy('due_at').limit(limit).forUpdate().skipLocked().execute();
}

// --- Shredding. Each takes ids already approved for disposal, in the caller's transaction.

/** Replace decisions' sealed narratives with a sealed tombstone (fresh key; the old key is gone). */
export async function shredDecisions(db: Kysely<DB>, partnershipId: string, rows: readonly { id: string; sealed: string }[], at: Date): Promise<void> {
  if (!rows.length) return;
  await sql`update decision d set sealed = u.s::jsonb, disposed_at = ${at}
              from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.sealed)}::text[]) as u(id, s)
             where d.partnership_id = ${partnershipId} and d.id = u.id`.execute(db);
}

/** Replace requests' sealed narratives with a tombstone and drop their events' sealed notes. */
export async function shredRequests(db: Kysely<DB>, partnershipId: string, rows: readonly { id: string; sealed: string }[], at: Date): Promise<void> {
  if (!rows.length) return;
  await sql`update info_request q set sealed = u.s::jsonb, disposed_at = ${at}
              from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.sealed)}::text[]) as u(id, s)
             where q.partnership_id = ${partnershipId} and q.id = u.id`.execute(db);
  await sql`update info_request_event set sealed = null
              where partnership_id = ${partnershipId} and request_id = any(${rows.map((r) => r.id)}::uuid[]) and sealed is not null`.execute(db);
}

/** Destroy disclosures' data keys, and their ciphertexts and attachments' too. */
export async function shredDisclosures(db: Kysely<DB>, partnershipId: string, ids: readonly string[], emptyPayload: string, at: Date): Promise<void> {
  if (!ids.length) return;
  await sql`update disclosure set wrapped_key = null, payload = ${emptyPayload}::jsonb, disposed_at = ${at}
              where partnership_id = ${partnershipId} and id = any(${[...ids]}::uuid[])`.execute(db);
  await sql`update disclosure_attachment set content = ${Buffer.alloc(0)}
              where partnership_id = ${partnershipId} and disclosure_id = any(${[...ids]}::uuid[])`.execute(db);
}

/** Audit events (already sequenced, details not empty) about these records, for shredding their
 *  details (found through audit_event_subject, not by reading the log). */
export async function auditEventsAbout(db: Kysely<DB>, partnershipId: string, subjectIds: readonly string[]): Promise<string[]> {
  if (!subjectIds.length) return [];
  const r = await sql<{ id: string }>`
    select e.id::text as id from audit_event e join audit_salt s on s.partnership_id = e.partnership_id and s.event_id = e.id
     where e.partnership_id = ${partnershipId} and e.subject_id = any(${[...subjectIds]}::text[])`.execute(db);
  return r.rows.map((x) => x.id);
}

export async function insertCertificate(
  db: Kysely<DB>,
  c: {
    partnership_id: string;
    id: string;
    agency_id: string;
    kind: string;
    record_count: number;
    pack: string;
    rule_clause: string;
    rule_text: string;
    approved_by: string;
    disposed_at: Date;
    disposed_by_user_id: string | null;
  },
): Promise<void> {
  await db.insertInto('disposal_certificate').values(c).execute();
}

/** Mark reviews disposed of under a certificate: they become the records' tombstones. */
export async function markDisposed(db: Kysely<DB>, partnershipId: string, reviewIds: readonly string[], certificateId: string, at: Date): Promise<void> {
  await sql`update disposal_review set status = 'disposed', certificate_id = ${certificateId}, disposed_at = ${at}
              where partnership_id = ${partnershipId} and id = any(${[...reviewIds]}::uuid[])`.execute(db);
}

export async function certificatesForAgency(db: Kysely<DB>, partnershipId: string, agencyId: string, limit = 200) {
  return db
    .selectFrom('disposal_certificate as c')
    .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'c.partnership_id').onRef('u.id', '=', 'c.approved_by'))
    .select(['c.id', 'c.kind', 'c.record_count', 'c.pack', 'c.rule_clause', 'c.rule_text', 'c.disposed_at', 'u.display_name as approved_by_name'])
    .where('c.partnership_id', '=', partnershipId)
    .where('c.agency_id', '=', agencyId)
    .orderBy('c.disposed_at', 'desc')
    .limit(limit)
    .execute();
}

export type CertificateRow = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

export async function findCertificate(db: Kysely<DB>, partnershipId: string, id: string) {
  return db
    .selectFrom('disposal_certificate as c')
    .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'c.partnership_id').onRef('u.id', '=', 'c.approved_by'))
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'c.partnership_id').onRef('a.id', '=', 'c.agency_id'))
    .select(['c.id', 'c.agency_id', 'a.name as agency_name', 'c.kind', 'c.record_count', 'c.pack', 'c.rule_clause', 'c.rule_text', 'c.disposed_at', 'u.display_name as approved_by_name'])
    .where('c.partnership_id', '=', partnershipId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}
