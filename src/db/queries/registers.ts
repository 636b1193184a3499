// Register queries: decisions not to share (and the requests they declined) for scrutiny, and the
// findings recorded on them. Counts for trends live with each record's own queries.
import type { Insertable, Kysely } from 'kysely';
import type { DB, ScrutinyFindingTable } from '../schema.ts';

/** The most recent decisions not to share in the partnership, with the request each declined. */
export async function decisionsNotToShare(db: Kysely<DB>, partnershipId: string, limit: number) {
  return db
    .selectFrom('decision as d')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'd.partnership_id').onRef('a.id', '=', 'd.agency_id'))
    .leftJoin('info_request as r', (j) => j.onRef('r.partnership_id', '=', 'd.partnership_id').onRef('r.id', '=', 'd.request_id'))
    .leftJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'r.partnership_id').onRef('ra.id', '=', 'r.from_agency_id'))
    .select(['d.id', 'd.child_id', 'd.decided_at', 'd.purpose', 'd.sealed', 'd.request_id', 'a.name as agency_name', 'r.status as request_status', 'ra.name as requesting_agency_name'])
    .where('d.partnership_id', '=', partnershipId)
    .where('d.action', '=', 'not_shared')
    .orderBy('d.decided_at', 'desc')
    .limit(limit)
    .execute();
}

export async function findingsFor(db: Kysely<DB>, partnershipId: string, subjectIds: string[]) {
  if (!subjectIds.length) return [];
  return db
    .selectFrom('scrutiny_finding as f')
    .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'f.partnership_id').onRef('u.id', '=', 'f.by_user_id'))
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'f.partnership_id').onRef('a.id', '=', 'f.by_agency_id'))
    .select(['f.id', 'f.subject_type', 'f.subject_id', 'f.finding', 'f.sealed', 'f.recorded_at', 'u.display_name as by_name', 'a.name as by_agency_name'])
    .where('f.partnership_id', '=', partnershipId)
    .where('f.subject_id', 'in', subjectIds)
    .orderBy('f.recorded_at')
    .execute();
}

export async function insertFinding(db: Kysely<DB>, row: Insertable<ScrutinyFindingTable>) {
  await db.insertInto('scrutiny_finding').values(row).execute();
}

export async function agencyKind(db: Kysely<DB>, partnershipId: string, agencyId: string) {
  const row = await db.selectFrom('agency').select('kind').where('partnership_id', '=', partnershipId).where('id', '=', agencyId).executeTakeFirst();
  return row?.kind ?? '';
}

export async function findDecisionForScrutiny(db: Kysely<DB>, partnershipId: string, id: string) {
  return db.selectFrom('decision').select(['id', 'child_id', 'action', 'request_id']).where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();
}

/** The partnership the register reports on: the actor's own, or one named by its slug (operators). */
export async function findPartnershipForReport(db: Kysely<DB>, by: { id: string } | { slug: string }) {
  return db
    .selectFrom('partnership')
    .select(['id', 'slug', 'pack'])
    .$if('id' in by, (q) => q.where('id', '=', (by as { id: string }).id))
    .$if('slug' in by, (q) => q.where('slug', '=', (by as { slug: string }).slug))
    .executeTakeFirst();
}
