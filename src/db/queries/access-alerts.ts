// Unusual-access alerts (migration 20261205000300, ADR 0085): opened by the hourly job, read and
// answered by the agency's reviewers.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** Open an alert; false if one already exists for the person and day. */
export async function insertAccessAlert(
  db: Kysely<DB>,
  a: { partnershipId: string; id: string; agencyId: string; userId: string; day: string; views: number; threshold: number; at: Date },
): Promise<boolean> {
  const res = await db
    .insertInto('access_alert')
    .values({ partnership_id: a.partnershipId, id: a.id, kind: 'unusual_rate', agency_id: a.agencyId, user_id: a.userId, day: a.day, views: a.views, threshold: a.threshold, created_at: a.at })
    .onConflict((oc) => oc.columns(['partnership_id', 'kind', 'user_id', 'day']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return res !== undefined;
}

const base = (db: Kysely<DB>) =>
  db
    .selectFrom('access_alert as a')
    .innerJoin('staff_user as s', (j) => j.onRef('s.partnership_id', '=', 'a.partnership_id').onRef('s.id', '=', 'a.user_id'))
    .innerJoin('agency as g', (j) => j.onRef('g.partnership_id', '=', 'a.partnership_id').onRef('g.id', '=', 'a.agency_id'))
    .leftJoin('staff_user as closer', (j) => j.onRef('closer.partnership_id', '=', 'a.partnership_id').onRef('closer.id', '=', 'a.closed_by'))
    .leftJoin('staff_user as acker', (j) => j.onRef('acker.partnership_id', '=', 'a.partnership_id').onRef('acker.id', '=', 'a.acknowledged_by'))
    .select([
      'a.id',
      'a.partnership_id',
      'a.kind',
      'a.agency_id',
      'a.user_id',
      'a.day',
      'a.views',
      'a.threshold',
      'a.created_at',
      'a.status',
      'a.acknowledged_at',
      'a.closed_at',
      'a.note',
      's.display_name as person_name',
      's.email as person_email',
      'g.name as agency_name',
      'acker.display_name as acknowledged_by_name',
      'closer.display_name as closed_by_name',
    ]);

export async function findAccessAlert(db: Kysely<DB>, partnershipId: string, id: string) {
  return base(db).where('a.partnership_id', '=', partnershipId).where('a.id', '=', id).executeTakeFirst();
}
export type AccessAlertRow = NonNullable<Awaited<ReturnType<typeof findAccessAlert>>>;

export async function lockAccessAlert(db: Kysely<DB>, partnershipId: string, id: string): Promise<void> {
  await db.selectFrom('access_alert').select('id').where('partnership_id', '=', partnershipId).where('id', '=', id).forUpdate().execute();
}

/** An agency's alerts, newest first, leaving out those about `exceptUserId`; open ones only unless `all`. */
export async function listAccessAlerts(db: Kysely<DB>, partnershipId: string, agencyId: string, exceptUserId: string, all: boolean) {
  let q = base(db).where('a.partnership_id', '=', partnershipId).where('a.agency_id', '=', agencyId).where('a.user_id', '<>', exceptUserId);
  if (!all) q = q.where('a.status', '<>', 'closed');
  return q.orderBy('a.created_at', 'desc').orderBy('a.id').limit(500).execute();
}

export async function acknowledgeAccessAlert(db: Kysely<DB>, partnershipId: string, id: string, by: string, at: Date, note: string | null): Promise<void> {
  await db
    .updateTable('access_alert')
    .set({ status: 'acknowledged', acknowledged_by: by, acknowledged_at: at, ...(note ? { note } : {}) })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
}

export async function closeAccessAlert(db: Kysely<DB>, partnershipId: string, id: string, by: string, at: Date, note: string): Promise<void> {
  await db.updateTable('access_alert').set({ status: 'closed', closed_by: by, closed_at: at, note }).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();
}
