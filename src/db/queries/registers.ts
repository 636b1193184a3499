// Register queries: decisions not to share (and the requests they declined) for scrutiny, and the
// findings recorded on them; the registers' trend counts.
import { type Insertable, type Kysely, type RawBuilder, sql } from 'kysely';
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

/** How each kind of register record is counted: its table, the month it counts in (London time),
 *  the column that says since when, and the agency it is counted against. */
const TREND_OF: Record<'dispute' | 'complaint' | 'breach', { table: string; month: RawBuilder<string>; at: string; agency: string }> = {
  dispute: { table: 'dispute', month: sql`to_char(r.created_at at time zone 'Europe/London', 'YYYY-MM')`, at: 'created_at', agency: 'other_agency_id' }, // the agency disputed with
  complaint: { table: 'complaint', month: sql`substr(r.received_on, 1, 7)`, at: 'created_at', agency: 'agency_id' }, // the agency complained about
  breach: { table: 'breach', month: sql`to_char(r.reported_at at time zone 'Europe/London', 'YYYY-MM')`, at: 'reported_at', agency: 'lead_agency_id' }, // the lead agency, the data's owner
};

/** A register kind's records since `since`, counted by month and agency. */
export async function registerTrendRows(db: Kysely<DB>, kind: keyof typeof TREND_OF, partnershipId: string, since: Date) {
  const t = TREND_OF[kind];
  const { rows } = await sql<{ month: string; agency: string; n: string }>`
    select ${t.month} as month, a.name as agency, count(*) as n
    from ${sql.table(t.table)} r
    join agency a on a.partnership_id = r.partnership_id and a.id = ${sql.ref(`r.${t.agency}`)}
    where r.partnership_id = ${partnershipId} and ${sql.ref(`r.${t.at}`)} >= ${since}
    group by 1, 2`.execute(db);
  return rows;
}
