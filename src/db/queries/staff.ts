import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** A staff member as sign-in and API-key authentication read them (joined to agency and partnership). */
export const STAFF_MEMBER_COLUMNS = [
  'staff_user.id',
  'staff_user.partnership_id',
  'staff_user.agency_id',
  'staff_user.email',
  'staff_user.display_name',
  'staff_user.roles',
  'staff_user.active',
  'agency.name as agency_name',
  'partnership.name as partnership_name',
  'partnership.pack as partnership_pack',
] as const;

/** Every account with this e-mail address (one per partnership the person works in). */
export async function findStaffByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('staff_user')
    .innerJoin('agency', (j) => j.onRef('agency.partnership_id', '=', 'staff_user.partnership_id').onRef('agency.id', '=', 'staff_user.agency_id'))
    .innerJoin('partnership', 'partnership.id', 'staff_user.partnership_id')
    .selectAll('staff_user')
    .select(['agency.name as agency_name', 'partnership.name as partnership_name'])
    .where((eb) => eb(eb.fn('lower', ['staff_user.email']), '=', email.trim().toLowerCase()))
    .orderBy('partnership.name')
    .execute();
}

export async function findStaffWithAgency(db: Kysely<DB>, partnershipId: string, userId: string) {
  return db
    .selectFrom('staff_user')
    .innerJoin('agency', (j) => j.onRef('agency.partnership_id', '=', 'staff_user.partnership_id').onRef('agency.id', '=', 'staff_user.agency_id'))
    .innerJoin('partnership', 'partnership.id', 'staff_user.partnership_id')
    .select(STAFF_MEMBER_COLUMNS)
    .where('staff_user.partnership_id', '=', partnershipId)
    .where('staff_user.id', '=', userId)
    .executeTakeFirst();
}

export type StaffWithAgencyRow = NonNullable<Awaited<ReturnType<typeof findStaffWithAgency>>>;

export async function findAgency(db: Kysely<DB>, partnershipId: string, agencyId: string) {
  return db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('id', '=', agencyId).executeTakeFirst();
}

/** The names of the given agencies, in alphabetical order. */
export async function agencyNames(db: Kysely<DB>, partnershipId: string, agencyIds: readonly string[]): Promise<string[]> {
  if (!agencyIds.length) return [];
  const rows = await db
    .selectFrom('agency')
    .select('name')
    .where('partnership_id', '=', partnershipId)
    .where('id', 'in', [...agencyIds])
    .orderBy('name')
    .execute();
  return rows.map((a) => a.name);
}

export async function agenciesOf(db: Kysely<DB>, partnershipId: string) {
  return db.selectFrom('agency').select(['id', 'name', 'sector', 'kind', 'active']).where('partnership_id', '=', partnershipId).orderBy('name').execute();
}

/** After a wrong password: count the failure, or lock the account until `lockedUntil`. */
export async function recordFailedSignIn(db: Kysely<DB>, partnershipId: string, userId: string, failures: number, lockedUntil: Date | null): Promise<void> {
  await db.updateTable('staff_user').set({ failed_sign_ins: failures, locked_until: lockedUntil }).where('partnership_id', '=', partnershipId).where('id', '=', userId).execute();
}

/** A successful sign-in: clear failures and any lock; returns the staff member's agency. */
export async function recordSignIn(db: Kysely<DB>, partnershipId: string, userId: string, at: Date): Promise<{ agency_id: string }> {
  return db
    .updateTable('staff_user')
    .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', userId)
    .returning(['agency_id'])
    .executeTakeFirstOrThrow();
}
