import type { Insertable, Kysely } from 'kysely';
import type { DB, StaffCheckTable } from '../schema.ts';

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
  'agency.membership as agency_membership',
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
    .select(['agency.name as agency_name', 'agency.membership as agency_membership', 'partnership.name as partnership_name'])
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
  return db
    .selectFrom('agency')
    .select(['id', 'name', 'sector', 'kind', 'active', 'membership', 'membership_changed_at', 'membership_reason'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}

/** After a wrong password: count the failure, or lock the account until `lockedUntil`. */
export async function recordFailedSignIn(db: Kysely<DB>, partnershipId: string, userId: string, failures: number, lockedUntil: Date | null): Promise<void> {
  await db.updateTable('staff_user').set({ failed_sign_ins: failures, locked_until: lockedUntil }).where('partnership_id', '=', partnershipId).where('id', '=', userId).execute();
}

/** A successful sign-in: clear failures and any lock; returns the staff member's agency. */
export async function recordSignIn(db: Kysely<DB>, partnershipId: string, userId: string, at: Date): Promise<{ agency_id: string; roles: string[] }> {
  return db
    .updateTable('staff_user')
    .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', userId)
    .returning(['agency_id', 'roles'])
    .executeTakeFirstOrThrow();
}

// --- staff administration (src/use-cases/staff/) ---------------------------------------------

const STAFF_ADMIN_COLUMNS = [
  'staff_user.id',
  'staff_user.partnership_id',
  'staff_user.agency_id',
  'staff_user.email',
  'staff_user.display_name',
  'staff_user.job_title',
  'staff_user.roles',
  'staff_user.active',
  'staff_user.disabled_at',
  'staff_user.last_sign_in_at',
  'staff_user.created_at',
  'agency.name as agency_name',
] as const;

/** One staff member of the partnership, with their agency's name (for the administration pages). */
export async function findStaffUser(db: Kysely<DB>, partnershipId: string, userId: string) {
  return db
    .selectFrom('staff_user')
    .innerJoin('agency', (j) => j.onRef('agency.partnership_id', '=', 'staff_user.partnership_id').onRef('agency.id', '=', 'staff_user.agency_id'))
    .select(STAFF_ADMIN_COLUMNS)
    .select(['agency.membership as agency_membership', 'staff_user.totp_enrolled_at'])
    .select((eb) => eb('staff_user.password_hash', 'is not', null).as('has_password'))
    .select((eb) =>
      eb
        .exists(eb.selectFrom('web_session').select('id').whereRef('web_session.partnership_id', '=', 'staff_user.partnership_id').whereRef('web_session.user_id', '=', 'staff_user.id'))
        .as('signed_in'),
    )
    .where('staff_user.partnership_id', '=', partnershipId)
    .where('staff_user.id', '=', userId)
    .executeTakeFirst();
}
export type StaffUserRow = NonNullable<Awaited<ReturnType<typeof findStaffUser>>>;

/** Lock a staff member's row for update (an administrator's change). */
export async function lockStaffUser(db: Kysely<DB>, partnershipId: string, userId: string): Promise<void> {
  await db.selectFrom('staff_user').select('id').where('partnership_id', '=', partnershipId).where('id', '=', userId).forUpdate().execute();
}

/** The staff of one agency, or of every agency when `agencyId` is undefined; active first, by name. */
export async function listStaffUsers(db: Kysely<DB>, partnershipId: string, agencyId: string | undefined) {
  let q = db
    .selectFrom('staff_user')
    .innerJoin('agency', (j) => j.onRef('agency.partnership_id', '=', 'staff_user.partnership_id').onRef('agency.id', '=', 'staff_user.agency_id'))
    .select(STAFF_ADMIN_COLUMNS)
    .where('staff_user.partnership_id', '=', partnershipId);
  if (agencyId) q = q.where('staff_user.agency_id', '=', agencyId);
  return q.orderBy('staff_user.active', 'desc').orderBy('agency.name').orderBy('staff_user.display_name').execute();
}

/** Whether someone else in the partnership has this e-mail address (one account per person per partnership). */
export async function emailInUse(db: Kysely<DB>, partnershipId: string, email: string, exceptUserId?: string): Promise<boolean> {
  let q = db
    .selectFrom('staff_user')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()));
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function updateStaffUser(
  db: Kysely<DB>,
  partnershipId: string,
  userId: string,
  values: { email: string; display_name: string; job_title: string | null; roles: string[]; credentials_changed_at?: Date },
): Promise<void> {
  await db.updateTable('staff_user').set(values).where('partnership_id', '=', partnershipId).where('id', '=', userId).execute();
}

/** Disable (or enable again) a staff member. */
export async function setStaffUserActive(db: Kysely<DB>, partnershipId: string, userId: string, active: boolean, at: Date): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ active, disabled_at: active ? null : at, credentials_changed_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', userId)
    .execute();
}

/** The active staff's roles in each agency of the partnership (who is missing a required role). */
export async function activeRolesByAgency(db: Kysely<DB>, partnershipId: string) {
  return db.selectFrom('staff_user').select(['agency_id', 'roles']).where('partnership_id', '=', partnershipId).where('active', '=', true).execute();
}

// --- pre-employment checks and training ------------------------------------------------------

export async function insertStaffCheck(db: Kysely<DB>, row: Insertable<StaffCheckTable>): Promise<void> {
  await db.insertInto('staff_check').values(row).execute();
}

/** Every check recorded for one person, latest first. */
export async function staffChecksOf(db: Kysely<DB>, partnershipId: string, userId: string) {
  return db
    .selectFrom('staff_check')
    .select(['id', 'kind', 'completed_on', 'expires_on', 'note', 'recorded_at'])
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .orderBy('completed_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
}

/** The latest check of each kind for each active staff member (of one agency, or all). */
export async function latestStaffChecks(db: Kysely<DB>, partnershipId: string, agencyId: string | undefined) {
  let q = db
    .selectFrom('staff_check')
    .innerJoin('staff_user', (j) => j.onRef('staff_user.partnership_id', '=', 'staff_check.partnership_id').onRef('staff_user.id', '=', 'staff_check.user_id'))
    .distinctOn(['staff_check.user_id', 'staff_check.kind'])
    .select(['staff_check.user_id', 'staff_check.kind', 'staff_check.completed_on', 'staff_check.expires_on'])
    .where('staff_check.partnership_id', '=', partnershipId)
    .where('staff_user.active', '=', true);
  if (agencyId) q = q.where('staff_user.agency_id', '=', agencyId);
  return q.orderBy('staff_check.user_id').orderBy('staff_check.kind').orderBy('staff_check.completed_on', 'desc').orderBy('staff_check.recorded_at', 'desc').execute();
}
