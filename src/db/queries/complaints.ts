// Complaint queries: one complaint with names, the lists and the reminder job's work.
import type { Insertable, Kysely } from 'kysely';
import type { ComplaintTable, DB } from '../schema.ts';

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('complaint as k')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'k.partnership_id').onRef('a.id', '=', 'k.agency_id'))
    .innerJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'k.partnership_id').onRef('ra.id', '=', 'k.recording_agency_id'))
    .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'k.partnership_id').onRef('u.id', '=', 'k.recorded_by'))
    .selectAll('k')
    .select(['a.name as agency_name', 'ra.name as recording_agency_name', 'u.display_name as recorded_by_name']);
}

export async function findComplaint(db: Kysely<DB>, partnershipId: string, id: string) {
  return withNames(db).where('k.partnership_id', '=', partnershipId).where('k.id', '=', id).executeTakeFirst();
}
export type ComplaintRow = NonNullable<Awaited<ReturnType<typeof findComplaint>>>;

export async function lockComplaint(db: Kysely<DB>, partnershipId: string, id: string) {
  await db.selectFrom('complaint').select('id').where('partnership_id', '=', partnershipId).where('id', '=', id).forUpdate().execute();
}

export async function insertComplaint(db: Kysely<DB>, row: Insertable<ComplaintTable>) {
  await db.insertInto('complaint').values(row).execute();
}

export async function closeComplaint(db: Kysely<DB>, partnershipId: string, id: string, patch: { outcome: string; responded_on: string; sealed: string; closed_at: Date }) {
  const rows = await db
    .updateTable('complaint')
    .set({ ...patch, status: 'closed' })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** Complaints about an agency or recorded by it (or all, for the register). */
export async function listComplaints(db: Kysely<DB>, partnershipId: string, agencyId: string | null) {
  return withNames(db)
    .where('k.partnership_id', '=', partnershipId)
    .$if(agencyId !== null, (q) => q.where((eb) => eb.or([eb('k.agency_id', '=', agencyId!), eb('k.recording_agency_id', '=', agencyId!)])))
    .orderBy('k.created_at', 'desc')
    .limit(500)
    .execute();
}

/** Open complaints past their response date that nobody has been reminded about (the reminder job). */
export async function overdueComplaints(db: Kysely<DB>, now: Date, batch: number) {
  return db
    .selectFrom('complaint')
    .select(['partnership_id', 'id', 'child_id', 'agency_id', 'pack', 'response_due_at'])
    .where('status', '=', 'open')
    .where('reminded', '=', false)
    .where('response_due_at', '<=', now)
    .orderBy('response_due_at')
    .limit(batch)
    .execute();
}

export async function markComplaintReminded(db: Kysely<DB>, partnershipId: string, id: string): Promise<boolean> {
  const rows = await db
    .updateTable('complaint')
    .set({ reminded: true })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('reminded', '=', false)
    .where('status', '=', 'open')
    .returning('id')
    .execute();
  return rows.length > 0;
}
