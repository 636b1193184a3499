// Break-glass access (migration 20261204000200_break_glass): the requests, their grants as
// time-limited involvements, and what the lead agency and the approvers list.
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { BreakGlassTable, DB } from '../schema.ts';

const COLUMNS = [
  'bg.partnership_id',
  'bg.id',
  'bg.pack',
  'bg.child_id',
  'bg.agency_id',
  'bg.requested_by',
  'bg.requested_at',
  'bg.sealed',
  'bg.status',
  'bg.hours',
  'bg.decided_by',
  'bg.decided_at',
  'bg.expires_at',
  'bg.review_outcome',
  'bg.reviewed_by',
  'bg.reviewed_at',
  'bg.breach_id',
  'a.name as agency_name',
  'u.display_name as requested_by_name',
] as const;

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('break_glass as bg')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'bg.partnership_id').onRef('a.id', '=', 'bg.agency_id'))
    .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'bg.partnership_id').onRef('u.id', '=', 'bg.requested_by'))
    .select(COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('involvement')
        .select((e) => sql<string[]>`coalesce(array_agg(${e.ref('involvement.agency_id')}), '{}')`.as('ids'))
        .whereRef('involvement.partnership_id', '=', 'bg.partnership_id')
        .whereRef('involvement.child_id', '=', 'bg.child_id')
        .where('involvement.kind', '=', 'holds_record')
        .as('lead_agency_ids'),
    );
}

export type BreakGlassRow = Awaited<ReturnType<typeof findBreakGlass>> & {};

export async function findBreakGlass(db: Kysely<DB>, partnershipId: string, id: string) {
  const row = await withNames(db).where('bg.partnership_id', '=', partnershipId).where('bg.id', '=', id).executeTakeFirst();
  return row && { ...row, lead_agency_ids: row.lead_agency_ids ?? [] };
}

export async function insertBreakGlass(db: Kysely<DB>, row: Insertable<BreakGlassTable>): Promise<void> {
  await db.insertInto('break_glass').values(row).execute();
}

export async function updateBreakGlass(db: Kysely<DB>, partnershipId: string, id: string, set: Updateable<BreakGlassTable>): Promise<void> {
  await db.updateTable('break_glass').set(set).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();
}

/** The grant as an involvement that ends at `expiresAt`; replaces an earlier, ended grant. A lasting
 *  involvement is never shortened. */
export async function grantInvolvement(db: Kysely<DB>, row: { partnership_id: string; child_id: string; agency_id: string; recorded_by: string; recorded_at: Date; expires_at: Date }): Promise<void> {
  await db
    .insertInto('involvement')
    .values({ ...row, kind: 'break_glass' })
    .onConflict((oc) =>
      oc
        .columns(['partnership_id', 'child_id', 'agency_id'])
        .doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at'), recorded_by: (eb) => eb.ref('excluded.recorded_by') })
        .where('involvement.kind', '=', 'break_glass'),
    )
    .execute();
}

/** Whether the agency has a lasting involvement with the child (so needs no break-glass). */
export async function hasLastingInvolvement(db: Kysely<DB>, partnershipId: string, childId: string, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('involvement')
    .select('kind')
    .where('partnership_id', '=', partnershipId)
    .where('child_id', '=', childId)
    .where('agency_id', '=', agencyId)
    .where('expires_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Remove the break-glass involvements that have ended by `at`; returns them. */
export async function removeEndedGrants(db: Kysely<DB>, at: Date) {
  return db.deleteFrom('involvement').where('kind', '=', 'break_glass').where('expires_at', '<=', at).returning(['partnership_id', 'child_id', 'agency_id']).execute();
}

/** The requests and grants an actor's agency should see: those of its own staff, and those on
 *  children it holds a record for (the lead agency), newest first. */
export async function listBreakGlassFor(db: Kysely<DB>, partnershipId: string, agencyId: string, limit = 200) {
  const rows = await withNames(db)
    .where('bg.partnership_id', '=', partnershipId)
    .where((eb) =>
      eb.or([
        eb('bg.agency_id', '=', agencyId),
        eb.exists(
          eb
            .selectFrom('involvement as i')
            .select('i.child_id')
            .whereRef('i.partnership_id', '=', 'bg.partnership_id')
            .whereRef('i.child_id', '=', 'bg.child_id')
            .where('i.agency_id', '=', agencyId)
            .where('i.kind', '=', 'holds_record'),
        ),
      ]),
    )
    .orderBy('bg.requested_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, lead_agency_ids: r.lead_agency_ids ?? [] }));
}
