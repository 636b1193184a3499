// Agencies' OpenID Connect identity providers (ADR 0047) and the staff records single sign-on links to (ADR 0019).
import type { Insertable, Kysely } from 'kysely';
import type { DB, IdentityProviderTable } from '../schema.ts';

export async function findIdentityProvider(db: Kysely<DB>, partnershipId: string, agencyId: string) {
  return db.selectFrom('identity_provider').selectAll().where('partnership_id', '=', partnershipId).where('agency_id', '=', agencyId).executeTakeFirst();
}

export type IdentityProviderRow = NonNullable<Awaited<ReturnType<typeof findIdentityProvider>>>;

export async function saveIdentityProvider(db: Kysely<DB>, row: Insertable<IdentityProviderTable>): Promise<void> {
  const { partnership_id, agency_id, ...rest } = row;
  await db
    .insertInto('identity_provider')
    .values(row)
    .onConflict((oc) => oc.columns(['partnership_id', 'agency_id']).doUpdateSet(rest))
    .execute();
}

/** The enabled providers of agencies that are members of their partnership, for the sign-in page (no personal data). */
export async function enabledIdentityProviders(db: Kysely<DB>) {
  return db
    .selectFrom('identity_provider')
    .innerJoin('agency', (j) => j.onRef('agency.partnership_id', '=', 'identity_provider.partnership_id').onRef('agency.id', '=', 'identity_provider.agency_id'))
    .innerJoin('partnership', 'partnership.id', 'identity_provider.partnership_id')
    .select(['identity_provider.partnership_id', 'identity_provider.agency_id', 'identity_provider.display_name', 'partnership.name as partnership_name'])
    .where('identity_provider.enabled', '=', true)
    .where('agency.membership', '=', 'member')
    .orderBy('identity_provider.display_name')
    .orderBy('partnership.name')
    .execute();
}

/** The agency's staff records a sign-in could be: the one linked to the subject, and those with the address the provider gave. */
export async function ssoCandidates(db: Kysely<DB>, partnershipId: string, agencyId: string, subject: string, email: string | undefined) {
  return db
    .selectFrom('staff_user')
    .select(['id', 'email', 'active', 'sso_subject'])
    .where('partnership_id', '=', partnershipId)
    .where('agency_id', '=', agencyId)
    .where((eb) => {
      const bySubject = eb('sso_subject', '=', subject);
      return email ? eb.or([bySubject, eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase())]) : bySubject;
    })
    .execute();
}

export async function linkSsoSubject(db: Kysely<DB>, partnershipId: string, userId: string, subject: string): Promise<void> {
  await db.updateTable('staff_user').set({ sso_subject: subject }).where('partnership_id', '=', partnershipId).where('id', '=', userId).where('sso_subject', 'is', null).execute();
}

/** A staff member as a sign-in needs them: names for the partnership choice, whether an authenticator app is set up. */
export async function signInAccount(db: Kysely<DB>, partnershipId: string, userId: string) {
  return db
    .selectFrom('staff_user')
    .innerJoin('agency', (j) => j.onRef('agency.partnership_id', '=', 'staff_user.partnership_id').onRef('agency.id', '=', 'staff_user.agency_id'))
    .innerJoin('partnership', 'partnership.id', 'staff_user.partnership_id')
    .select(['staff_user.id', 'staff_user.partnership_id', 'staff_user.agency_id', 'staff_user.totp_enrolled_at', 'agency.name as agency_name', 'partnership.name as partnership_name'])
    .where('staff_user.partnership_id', '=', partnershipId)
    .where('staff_user.id', '=', userId)
    .executeTakeFirst();
}
