// Request queries: one request with the names a page needs, its history, the queues, and the
// writes that move a request through its lifecycle.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, InfoRequestEventTable, InfoRequestTable } from '../schema.ts';
import type { Scope } from './scope.ts';

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('info_request as r')
    .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'r.partnership_id').onRef('c.id', '=', 'r.child_id'))
    .innerJoin('agency as fa', (j) => j.onRef('fa.partnership_id', '=', 'r.partnership_id').onRef('fa.id', '=', 'r.from_agency_id'))
    .innerJoin('agency as ta', (j) => j.onRef('ta.partnership_id', '=', 'r.partnership_id').onRef('ta.id', '=', 'r.to_agency_id'))
    .innerJoin('staff_user as fu', (j) => j.onRef('fu.partnership_id', '=', 'r.partnership_id').onRef('fu.id', '=', 'r.from_user_id'))
    .leftJoin('staff_user as au', (j) => j.onRef('au.partnership_id', '=', 'r.partnership_id').onRef('au.id', '=', 'r.allocated_to'))
    .selectAll('r')
    .select([
      'c.given_name as child_given_name',
      'c.family_name as child_family_name',
      'c.date_of_birth as child_date_of_birth',
      'fa.name as from_agency_name',
      'ta.name as to_agency_name',
      'fu.display_name as from_user_name',
      'au.display_name as allocated_name',
    ]);
}

export async function findRequest(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return withNames(db).where('r.partnership_id', '=', partnershipId).where('r.id', '=', requestId).executeTakeFirst();
}
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

/** Lock a request for update until the transaction ends. */
export async function lockRequest(db: Kysely<DB>, partnershipId: string, requestId: string) {
  await db.selectFrom('info_request').select('id').where('partnership_id', '=', partnershipId).where('id', '=', requestId).forUpdate().execute();
}

/** A request's parties and status, locked for update: for answering it. */
export async function lockRequestForAnswer(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db
    .selectFrom('info_request')
    .select(['id', 'status', 'from_user_id', 'from_agency_id', 'to_agency_id', 'allocated_to', 'partnership_id'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** The request a decision answers, with the agency that asked (for the send page). */
export async function requestAskedBy(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db
    .selectFrom('info_request as r')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'r.partnership_id').onRef('a.id', '=', 'r.from_agency_id'))
    .select(['r.id', 'r.status', 'r.sealed', 'a.name as from_agency_name'])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.id', '=', requestId)
    .executeTakeFirstOrThrow();
}

export async function insertRequest(db: Kysely<DB>, row: Insertable<InfoRequestTable>) {
  await db.insertInto('info_request').values(row).execute();
}

export async function updateRequest(db: Kysely<DB>, partnershipId: string, requestId: string, patch: Updateable<InfoRequestTable>) {
  await db.updateTable('info_request').set(patch).where('partnership_id', '=', partnershipId).where('id', '=', requestId).execute();
}

/** Raise an open request's escalation level, only if no one else escalated or closed it meanwhile. */
export async function claimEscalation(db: Kysely<DB>, r: { partnership_id: string; id: string; escalation_level: number }, level: number, now: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('info_request')
    .set({ escalation_level: level, updated_at: now })
    .where('partnership_id', '=', r.partnership_id)
    .where('id', '=', r.id)
    .where('escalation_level', '=', r.escalation_level)
    .where('closed_at', 'is', null)
    .returning('id')
    .execute();
  return claimed.length > 0;
}

export async function insertRequestEvent(db: Kysely<DB>, row: Insertable<InfoRequestEventTable>) {
  await db.insertInto('info_request_event').values(row).execute();
}

/** The active staff of an agency, by name: who a request can be allocated to. */
export async function allocatableStaff(db: Kysely<DB>, partnershipId: string, agencyId: string) {
  return db
    .selectFrom('staff_user')
    .select(['id', 'display_name as name'])
    .where('partnership_id', '=', partnershipId)
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .orderBy('display_name')
    .execute();
}

/** Whether someone is active staff of the agency (a request can be allocated to them). */
export async function isAllocatable(db: Kysely<DB>, partnershipId: string, agencyId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff_user')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', userId)
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** The decision a request is declined under. */
export async function decliningDecision(db: Kysely<DB>, partnershipId: string, decisionId: string) {
  return db.selectFrom('decision').select(['action', 'request_id', 'agency_id']).where('partnership_id', '=', partnershipId).where('id', '=', decisionId).executeTakeFirst();
}

export async function requestEvents(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db
    .selectFrom('info_request_event as e')
    .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'e.partnership_id').onRef('u.id', '=', 'e.by_user_id'))
    .leftJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'e.partnership_id').onRef('a.id', '=', 'e.by_agency_id'))
    .select(['e.id', 'e.at', 'e.kind', 'e.details', 'e.sealed', 'u.display_name as by_name', 'a.name as by_agency_name'])
    .where('e.partnership_id', '=', partnershipId)
    .where('e.request_id', '=', requestId)
    .orderBy('e.seq')
    .execute();
}

/** A request's latest step: what, when, by whom, and who it is allocated to now. */
export async function latestRequestEvent(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db
    .selectFrom('info_request_event as e')
    .innerJoin('info_request as r', (j) => j.onRef('r.partnership_id', '=', 'e.partnership_id').onRef('r.id', '=', 'e.request_id'))
    .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'e.partnership_id').onRef('u.id', '=', 'e.by_user_id'))
    .leftJoin('staff_user as t', (j) => j.onRef('t.partnership_id', '=', 'r.partnership_id').onRef('t.id', '=', 'r.allocated_to'))
    .select(['e.at', 'e.kind', 'u.display_name as by_name', 't.display_name as allocated_to_name'])
    .where('e.partnership_id', '=', partnershipId)
    .where('e.request_id', '=', requestId)
    .orderBy('e.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Requests to the scope's agency: all of them for its leads, or those allocated to one person. */
export async function incomingRequests(db: Kysely<DB>, scope: Scope, onlyAllocatedTo: string | null) {
  let q = withNames(db).where('r.partnership_id', '=', scope.partnershipId).where('r.to_agency_id', '=', scope.agencyId);
  if (onlyAllocatedTo) q = q.where('r.allocated_to', '=', onlyAllocatedTo);
  return q
    .orderBy('r.closed_at', (o) => o.desc().nullsFirst())
    .orderBy('r.due_at')
    .limit(200)
    .execute();
}

/** Requests from the scope's agency: all of them for its leads, or one person's. */
export async function outgoingRequests(db: Kysely<DB>, scope: Scope, onlyFrom: string | null) {
  let q = withNames(db).where('r.partnership_id', '=', scope.partnershipId).where('r.from_agency_id', '=', scope.agencyId);
  if (onlyFrom) q = q.where('r.from_user_id', '=', onlyFrom);
  return q.orderBy('r.created_at', 'desc').limit(200).execute();
}

/** Open requests whose receiving agency owes the next step, past their due time (for escalation). */
export async function overdueRequests(db: Kysely<DB>, now: Date, limit: number) {
  return db
    .selectFrom('info_request as r')
    .innerJoin('partnership as p', 'p.id', 'r.partnership_id')
    .select(['r.partnership_id', 'r.id', 'r.child_id', 'r.to_agency_id', 'r.allocated_to', 'r.status', 'r.due_at', 'r.escalation_level', 'r.pack'])
    .where('r.closed_at', 'is', null)
    .where('r.due_at', '<=', now)
    .where('r.status', 'in', ['submitted', 'accepted', 'allocated'])
    .orderBy('r.due_at')
    .limit(limit)
    .execute();
}

/** What a decision answering the request checks: its parties, state and child, and who asked. */
export async function requestForDecision(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db
    .selectFrom('info_request as r')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'r.partnership_id').onRef('a.id', '=', 'r.from_agency_id'))
    .select(['r.id', 'r.child_id', 'r.status', 'r.from_agency_id', 'r.from_user_id', 'r.to_agency_id', 'r.allocated_to', 'a.name as from_agency_name'])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.id', '=', requestId)
    .executeTakeFirst();
}
