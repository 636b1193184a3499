// Dispute queries: one dispute with the names a page needs, its history, the lists, and the
// deadline job's work. No rules here: who may see what is decided in src/domain/disputes.ts.
import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, DisputeTable } from '../schema.ts';

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('dispute as d')
    .innerJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'd.partnership_id').onRef('ra.id', '=', 'd.raising_agency_id'))
    .innerJoin('agency as oa', (j) => j.onRef('oa.partnership_id', '=', 'd.partnership_id').onRef('oa.id', '=', 'd.other_agency_id'))
    .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'd.partnership_id').onRef('u.id', '=', 'd.raised_by'))
    .leftJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'd.partnership_id').onRef('c.id', '=', 'd.child_id'))
    .selectAll('d')
    .select(['ra.name as raising_agency_name', 'oa.name as other_agency_name', 'u.display_name as raised_by_name', 'c.given_name as child_given_name', 'c.family_name as child_family_name']);
}

export async function findDispute(db: Kysely<DB>, partnershipId: string, id: string) {
  return withNames(db).where('d.partnership_id', '=', partnershipId).where('d.id', '=', id).executeTakeFirst();
}
export type DisputeRow = NonNullable<Awaited<ReturnType<typeof findDispute>>>;

export async function lockDispute(db: Kysely<DB>, partnershipId: string, id: string) {
  await db.selectFrom('dispute').select('id').where('partnership_id', '=', partnershipId).where('id', '=', id).forUpdate().execute();
}

export async function insertDispute(db: Kysely<DB>, row: Insertable<DisputeTable>) {
  await db.insertInto('dispute').values(row).execute();
}

export async function updateDispute(
  db: Kysely<DB>,
  partnershipId: string,
  id: string,
  patch: Partial<{ status: string; stage: number; stage_started_at: Date; stage_due_at: Date; reminded_stage: number; concluded_at: Date; closed_at: Date }>,
  expect?: { stage?: number; status?: string },
): Promise<boolean> {
  const rows = await db
    .updateTable('dispute')
    .set(patch)
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .$if(expect?.stage !== undefined, (q) => q.where('stage', '=', expect!.stage!))
    .$if(expect?.status !== undefined, (q) => q.where('status', '=', expect!.status!))
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function insertDisputeEvent(
  db: Kysely<DB>,
  e: {
    partnershipId: string;
    id: string;
    disputeId: string;
    at: Date;
    kind: string;
    stage: number;
    byUserId: string | null;
    byAgencyId: string | null;
    details: Record<string, unknown>;
    sealed: unknown;
  },
) {
  await db
    .insertInto('dispute_event')
    .values({
      partnership_id: e.partnershipId,
      id: e.id,
      dispute_id: e.disputeId,
      at: e.at,
      kind: e.kind,
      stage: e.stage,
      by_user_id: e.byUserId,
      by_agency_id: e.byAgencyId,
      details: JSON.stringify(e.details),
      sealed: e.sealed ? JSON.stringify(e.sealed) : null,
    })
    .execute();
}

export async function disputeEvents(db: Kysely<DB>, partnershipId: string, disputeId: string) {
  return db
    .selectFrom('dispute_event as e')
    .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'e.partnership_id').onRef('u.id', '=', 'e.by_user_id'))
    .leftJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'e.partnership_id').onRef('a.id', '=', 'e.by_agency_id'))
    .select(['e.id', 'e.at', 'e.kind', 'e.stage', 'e.details', 'e.sealed', 'e.by_agency_id', 'u.display_name as by_name', 'a.name as by_agency_name'])
    .where('e.partnership_id', '=', partnershipId)
    .where('e.dispute_id', '=', disputeId)
    .orderBy('e.seq')
    .execute();
}

/** Disputes an agency is party to (or every dispute in the partnership, for the register). */
export async function listDisputes(db: Kysely<DB>, partnershipId: string, agencyId: string | null) {
  return withNames(db)
    .where('d.partnership_id', '=', partnershipId)
    .$if(agencyId !== null, (q) => q.where((eb) => eb.or([eb('d.raising_agency_id', '=', agencyId!), eb('d.other_agency_id', '=', agencyId!)])))
    .orderBy('d.created_at', 'desc')
    .limit(500)
    .execute();
}

/** Open disputes whose stage is due, across partnerships (the deadline job). */
export async function dueDisputes(db: Kysely<DB>, now: Date, batch: number) {
  return db
    .selectFrom('dispute')
    .select(['partnership_id', 'id', 'child_id', 'pack', 'stage', 'stage_due_at', 'reminded_stage', 'raising_agency_id', 'other_agency_id', 'raised_by'])
    .where('status', '=', 'open')
    .where('stage_due_at', '<=', now)
    .orderBy('stage_due_at')
    .limit(batch)
    .execute();
}

/** Which agency each party's impact has been recorded for. */
export async function impactAgencies(db: Kysely<DB>, partnershipId: string, disputeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('dispute_event')
    .select('by_agency_id')
    .distinct()
    .where('partnership_id', '=', partnershipId)
    .where('dispute_id', '=', disputeId)
    .where('kind', '=', 'impact_recorded')
    .execute();
  return rows.map((r) => r.by_agency_id).filter((a): a is string => a !== null);
}

/** The request's parties and child, to link a dispute to it. */
export async function requestForDispute(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db.selectFrom('info_request').select(['id', 'child_id', 'from_agency_id', 'to_agency_id']).where('partnership_id', '=', partnershipId).where('id', '=', requestId).executeTakeFirst();
}

export async function decisionForDispute(db: Kysely<DB>, partnershipId: string, decisionId: string) {
  return db.selectFrom('decision').select(['id', 'child_id', 'agency_id', 'request_id']).where('partnership_id', '=', partnershipId).where('id', '=', decisionId).executeTakeFirst();
}

/** Active staff anywhere in the partnership holding one of `roles` (partnership-wide actors). */
export async function staffWithRoles(db: Kysely<DB>, partnershipId: string, roles: readonly string[]): Promise<string[]> {
  if (!roles.length) return [];
  const rows = await db
    .selectFrom('staff_user')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('active', '=', true)
    .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`)
    .execute();
  return rows.map((r) => r.id);
}
