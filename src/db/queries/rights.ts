// Rights request queries: one request with its pauses, history, consultations, withheld items and
// response packs; an agency's list; what the agency holds about a child (for a subject access
// response and for checking erasure against retention); the requests and consultations the clock
// job must act on. No rules here: src/domain/rights.ts decides.
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, RightsConsultationTable, RightsRequestEventTable, RightsRequestTable, RightsResponsePackTable, RightsWithheldTable } from '../schema.ts';

export async function insertRightsRequest(db: Kysely<DB>, row: Insertable<RightsRequestTable>) {
  await db.insertInto('rights_request').values(row).execute();
}

export async function findRightsRequest(db: Kysely<DB>, partnershipId: string, id: string) {
  return db
    .selectFrom('rights_request as r')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'r.partnership_id').onRef('a.id', '=', 'r.agency_id'))
    .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'r.partnership_id').onRef('u.id', '=', 'r.logged_by'))
    .selectAll('r')
    .select(['a.name as agency_name', 'u.display_name as logged_by_name'])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type RightsRequestRow = NonNullable<Awaited<ReturnType<typeof findRightsRequest>>>;

export async function lockRightsRequest(db: Kysely<DB>, partnershipId: string, id: string) {
  await db.selectFrom('rights_request').select('id').where('partnership_id', '=', partnershipId).where('id', '=', id).forUpdate().execute();
}

export async function updateRightsRequest(db: Kysely<DB>, partnershipId: string, id: string, patch: Updateable<RightsRequestTable>) {
  await db.updateTable('rights_request').set(patch).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();
}

export async function rightsPauses(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db.selectFrom('rights_pause').select(['from_at', 'to_at']).where('partnership_id', '=', partnershipId).where('request_id', '=', requestId).orderBy('from_at').execute();
}

export async function startRightsPause(db: Kysely<DB>, partnershipId: string, requestId: string, from: Date) {
  await db.insertInto('rights_pause').values({ partnership_id: partnershipId, request_id: requestId, from_at: from }).execute();
}

export async function endRightsPause(db: Kysely<DB>, partnershipId: string, requestId: string, to: Date) {
  await db.updateTable('rights_pause').set({ to_at: to }).where('partnership_id', '=', partnershipId).where('request_id', '=', requestId).where('to_at', 'is', null).execute();
}

export async function insertRightsEvent(db: Kysely<DB>, row: Insertable<RightsRequestEventTable>) {
  await db.insertInto('rights_request_event').values(row).execute();
}

export async function rightsEvents(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db
    .selectFrom('rights_request_event as e')
    .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'e.partnership_id').onRef('u.id', '=', 'e.by_user_id'))
    .select(['e.id', 'e.at', 'e.kind', 'e.details', 'e.sealed', 'u.display_name as by_name'])
    .where('e.partnership_id', '=', partnershipId)
    .where('e.request_id', '=', requestId)
    .orderBy('e.seq')
    .execute();
}

/** The agency's requests, newest first (metadata only). */
export async function listRightsRequests(db: Kysely<DB>, partnershipId: string, agencyId: string, limit = 500) {
  return db
    .selectFrom('rights_request')
    .select(['id', 'kind', 'requester_kind', 'status', 'received_at', 'verified_at', 'due_at', 'outcome', 'answered_at'])
    .where('partnership_id', '=', partnershipId)
    .where('agency_id', '=', agencyId)
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
export type RightsListRow = Awaited<ReturnType<typeof listRightsRequests>>[number];

// --- What the agency holds about a child.

/** The agency's records about a child with the dates their retention may start from, and whether
 *  each is on legal hold in the disposition review. */
export async function recordsHeldAbout(db: Kysely<DB>, partnershipId: string, agencyId: string, childId: string) {
  const r = await sql<{ kind: 'decision' | 'request' | 'disclosure_received'; recorded_at: Date; closed_at: Date | null; date_of_birth: Date | null; held: boolean }>`
    with c as (select date_of_birth::date::timestamptz as dob from child where partnership_id = ${partnershipId} and id = ${childId}),
    recs as (
      select 'decision' as kind, d.id::text as record_id, d.decided_at as recorded_at,
             (select q.closed_at from info_request q where q.partnership_id = d.partnership_id and q.id = d.request_id) as closed_at
        from decision d where d.partnership_id = ${partnershipId} and d.agency_id = ${agencyId} and d.child_id = ${childId} and d.disposed_at is null
      union all
      select 'request', q.id::text, q.created_at, q.closed_at
        from info_request q where q.partnership_id = ${partnershipId} and q.from_agency_id = ${agencyId} and q.child_id = ${childId} and q.disposed_at is null
      union all
      select 'disclosure_received', x.id::text, x.sent_at,
             (select q.closed_at from info_request q where q.partnership_id = x.partnership_id and q.id = x.request_id)
        from disclosure x where x.partnership_id = ${partnershipId} and x.to_agency_id = ${agencyId} and x.child_id = ${childId} and x.disposed_at is null
    )
    select recs.kind, recs.recorded_at, recs.closed_at, (select dob from c) as date_of_birth,
           exists (select 1 from disposal_review h where h.partnership_id = ${partnershipId} and h.kind = recs.kind and h.record_id = recs.record_id and h.status = 'held') as held
      from recs`.execute(db);
  return r.rows;
}

/** Everything the agency holds about a child for a subject access response: its decisions, the
 *  requests it made or received, and the disclosures it sent or received (with each item's
 *  originator), sealed values still sealed. Disposed records are left out. */
export async function subjectAccessRows(db: Kysely<DB>, partnershipId: string, agencyId: string, childId: string) {
  const [decisions, requests, disclosures, items] = await Promise.all([
    db
      .selectFrom('decision')
      .select(['id', 'decided_at', 'outcome', 'action', 'purpose', 'sealed'])
      .where('partnership_id', '=', partnershipId)
      .where('agency_id', '=', agencyId)
      .where('child_id', '=', childId)
      .where('disposed_at', 'is', null)
      .orderBy('decided_at')
      .execute(),
    db
      .selectFrom('info_request as q')
      .innerJoin('agency as f', (j) => j.onRef('f.partnership_id', '=', 'q.partnership_id').onRef('f.id', '=', 'q.from_agency_id'))
      .innerJoin('agency as t', (j) => j.onRef('t.partnership_id', '=', 'q.partnership_id').onRef('t.id', '=', 'q.to_agency_id'))
      .select(['q.id', 'q.created_at', 'q.status', 'q.purpose', 'q.from_agency_id', 'q.to_agency_id', 'f.name as from_agency_name', 't.name as to_agency_name', 'q.sealed'])
      .where('q.partnership_id', '=', partnershipId)
      .where((eb) => eb.or([eb('q.from_agency_id', '=', agencyId), eb('q.to_agency_id', '=', agencyId)]))
      .where('q.child_id', '=', childId)
      .where('q.disposed_at', 'is', null)
      .orderBy('q.created_at')
      .execute(),
    db
      .selectFrom('disclosure as d')
      .innerJoin('agency as f', (j) => j.onRef('f.partnership_id', '=', 'd.partnership_id').onRef('f.id', '=', 'd.from_agency_id'))
      .innerJoin('agency as t', (j) => j.onRef('t.partnership_id', '=', 'd.partnership_id').onRef('t.id', '=', 'd.to_agency_id'))
      .select(['d.id', 'd.sent_at', 'd.status', 'd.from_agency_id', 'd.to_agency_id', 'f.name as from_agency_name', 't.name as to_agency_name', 'd.key_id', 'd.wrapped_key', 'd.payload'])
      .where('d.partnership_id', '=', partnershipId)
      .where((eb) => eb.or([eb('d.from_agency_id', '=', agencyId), eb('d.to_agency_id', '=', agencyId)]))
      .where('d.child_id', '=', childId)
      .where('d.disposed_at', 'is', null)
      .orderBy('d.sent_at')
      .execute(),
    db
      .selectFrom('disclosure_item as i')
      .innerJoin('disclosure as d', (j) => j.onRef('d.partnership_id', '=', 'i.partnership_id').onRef('d.id', '=', 'i.disclosure_id'))
      .innerJoin('agency as o', (j) => j.onRef('o.partnership_id', '=', 'i.partnership_id').onRef('o.id', '=', 'i.originator_agency_id'))
      .select(['i.disclosure_id', 'i.id', 'i.label', 'i.level', 'i.originator_agency_id', 'o.name as originator_agency_name'])
      .where('i.partnership_id', '=', partnershipId)
      .where((eb) => eb.or([eb('d.from_agency_id', '=', agencyId), eb('d.to_agency_id', '=', agencyId)]))
      .where('d.child_id', '=', childId)
      .where('d.disposed_at', 'is', null)
      .orderBy('i.disclosure_id')
      .orderBy('i.position')
      .execute(),
  ]);
  return { decisions, requests, disclosures, items };
}
export type SubjectAccessRows = Awaited<ReturnType<typeof subjectAccessRows>>;

// --- Consultations with source agencies (Sandwell 2022 s.11.1).

export async function insertConsultations(db: Kysely<DB>, rows: Insertable<RightsConsultationTable>[]) {
  if (rows.length)
    await db
      .insertInto('rights_consultation')
      .values(rows)
      .onConflict((oc) => oc.columns(['partnership_id', 'request_id', 'source_agency_id']).doNothing())
      .execute();
}

const consultationColumns = [
  'c.id',
  'c.request_id',
  'c.source_agency_id',
  'a.name as source_agency_name',
  'c.asked_at',
  'c.due_at',
  'c.answered_at',
  'c.answered_by',
  'c.exemption',
  'c.sealed',
] as const;

export async function consultationsFor(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db
    .selectFrom('rights_consultation as c')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'c.partnership_id').onRef('a.id', '=', 'c.source_agency_id'))
    .select(consultationColumns)
    .where('c.partnership_id', '=', partnershipId)
    .where('c.request_id', '=', requestId)
    .orderBy('a.name')
    .execute();
}

export async function findConsultation(db: Kysely<DB>, partnershipId: string, id: string) {
  return db
    .selectFrom('rights_consultation as c')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'c.partnership_id').onRef('a.id', '=', 'c.source_agency_id'))
    .innerJoin('rights_request as r', (j) => j.onRef('r.partnership_id', '=', 'c.partnership_id').onRef('r.id', '=', 'c.request_id'))
    .innerJoin('agency as h', (j) => j.onRef('h.partnership_id', '=', 'r.partnership_id').onRef('h.id', '=', 'r.agency_id'))
    .select(consultationColumns)
    .select(['r.agency_id as handling_agency_id', 'h.name as handling_agency_name', 'r.kind as request_kind', 'r.child_id', 'r.status as request_status'])
    .where('c.partnership_id', '=', partnershipId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type ConsultationRow = NonNullable<Awaited<ReturnType<typeof findConsultation>>>;

export async function lockConsultation(db: Kysely<DB>, partnershipId: string, id: string) {
  await db.selectFrom('rights_consultation').select('id').where('partnership_id', '=', partnershipId).where('id', '=', id).forUpdate().execute();
}

export async function answerConsultationRow(db: Kysely<DB>, partnershipId: string, id: string, set: { answered_at: Date; answered_by: string; exemption: string; sealed: string }) {
  await db.updateTable('rights_consultation').set(set).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();
}

/** Consultations a source agency has been asked, waiting ones first. */
export async function consultationsForSource(db: Kysely<DB>, partnershipId: string, agencyId: string, limit = 200) {
  return db
    .selectFrom('rights_consultation as c')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'c.partnership_id').onRef('a.id', '=', 'c.source_agency_id'))
    .innerJoin('rights_request as r', (j) => j.onRef('r.partnership_id', '=', 'c.partnership_id').onRef('r.id', '=', 'c.request_id'))
    .innerJoin('agency as h', (j) => j.onRef('h.partnership_id', '=', 'r.partnership_id').onRef('h.id', '=', 'r.agency_id'))
    .select(consultationColumns)
    .select(['h.name as handling_agency_name'])
    .where('c.partnership_id', '=', partnershipId)
    .where('c.source_agency_id', '=', agencyId)
    .orderBy(sql`c.answered_at is not null`)
    .orderBy('c.due_at')
    .limit(limit)
    .execute();
}

// --- Items withheld, and the response pack.

export async function withholdItem(db: Kysely<DB>, row: Insertable<RightsWithheldTable>) {
  await db
    .insertInto('rights_withheld')
    .values(row)
    .onConflict((oc) => oc.columns(['partnership_id', 'request_id', 'item_ref']).doUpdateSet({ reason: row.reason, sealed: row.sealed, withheld_by: row.withheld_by, withheld_at: row.withheld_at }))
    .execute();
}

export async function withheldFor(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db.selectFrom('rights_withheld').selectAll().where('partnership_id', '=', partnershipId).where('request_id', '=', requestId).orderBy('item_ref').execute();
}

export async function insertResponsePack(db: Kysely<DB>, row: Insertable<RightsResponsePackTable>) {
  await db.insertInto('rights_response_pack').values(row).execute();
}

export async function responsePacksFor(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db
    .selectFrom('rights_response_pack')
    .select(['id', 'produced_at', 'produced_by', 'byte_size', 'sha256', 'disposed_at'])
    .where('partnership_id', '=', partnershipId)
    .where('request_id', '=', requestId)
    .orderBy('produced_at', 'desc')
    .execute();
}

export async function findResponsePack(db: Kysely<DB>, partnershipId: string, requestId: string, packId: string) {
  return db.selectFrom('rights_response_pack').selectAll().where('partnership_id', '=', partnershipId).where('request_id', '=', requestId).where('id', '=', packId).executeTakeFirst();
}

// --- The clock job.

/** Open requests whose reminder time or deadline has passed without the notice being sent. */
export async function rightsClocksToAct(db: Kysely<DB>, now: Date, batch: number) {
  return db
    .selectFrom('rights_request')
    .select(['partnership_id', 'id', 'agency_id', 'due_at'])
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb.and([eb('remind_at', '<=', now), eb('reminded_at', 'is', null)]), eb.and([eb('due_at', '<=', now), eb('escalated_at', 'is', null)])]))
    .orderBy('due_at')
    .limit(batch)
    .execute();
}

/** Claim a notice (once): true if this run is the one to send it. */
export async function claimRightsNotice(db: Kysely<DB>, partnershipId: string, id: string, notice: 'reminded_at' | 'escalated_at', now: Date): Promise<boolean> {
  const r = await db
    .updateTable('rights_request')
    .set(notice === 'escalated_at' ? { escalated_at: now, reminded_at: sql`coalesce(reminded_at, ${now})` } : { reminded_at: now })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where(notice, 'is', null)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Consultations past their deadline without an answer or a reminder. */
export async function consultationsOverdue(db: Kysely<DB>, now: Date, batch: number) {
  return db
    .selectFrom('rights_consultation')
    .select(['partnership_id', 'id', 'source_agency_id', 'request_id'])
    .where('answered_at', 'is', null)
    .where('reminded_at', 'is', null)
    .where('due_at', '<=', now)
    .limit(batch)
    .execute();
}

export async function claimConsultationReminder(db: Kysely<DB>, partnershipId: string, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('rights_consultation')
    .set({ reminded_at: now })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('reminded_at', 'is', null)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
