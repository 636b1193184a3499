// Partnerships, their agencies and staff accounts, the organisations behind agencies, and the
// protocol packs partnerships are on.
import type { Insertable, Kysely } from 'kysely';
import type { AgencyTable, DB, PartnershipTable, ProtocolPackTable, StaffUserTable } from '../schema.ts';

export async function findPartnershipBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('partnership').select('id').where('slug', '=', slug).executeTakeFirst();
}

export async function insertPartnership(db: Kysely<DB>, p: Insertable<PartnershipTable>): Promise<void> {
  await db.insertInto('partnership').values(p).execute();
}

export async function insertAgency(db: Kysely<DB>, a: Insertable<AgencyTable>): Promise<void> {
  await db.insertInto('agency').values(a).execute();
}

export async function insertStaffUser(db: Kysely<DB>, u: Insertable<StaffUserTable>): Promise<void> {
  await db.insertInto('staff_user').values(u).execute();
}

/** An organisation by name, whatever the case (organisations are shared across partnerships). */
export async function findOrganisationByName(db: Kysely<DB>, name: string) {
  return db
    .selectFrom('organisation')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export async function insertOrganisation(db: Kysely<DB>, o: { id: string; name: string; sector: string }): Promise<void> {
  await db.insertInto('organisation').values(o).execute();
}

export async function findStoredPack(db: Kysely<DB>, id: string, version: string) {
  return db.selectFrom('protocol_pack').select('content').where('id', '=', id).where('version', '=', version).executeTakeFirst();
}

export async function insertPack(db: Kysely<DB>, p: Insertable<ProtocolPackTable>): Promise<void> {
  await db.insertInto('protocol_pack').values(p).execute();
}

export async function storedPacks(db: Kysely<DB>) {
  return db.selectFrom('protocol_pack').select(['id', 'version', 'content']).execute();
}

/** The partnership's protocol pack (id@version). */
export async function partnershipPack(db: Kysely<DB>, partnershipId: string): Promise<string> {
  const row = await db.selectFrom('partnership').select('pack').where('id', '=', partnershipId).executeTakeFirstOrThrow();
  return row.pack;
}

/** The partnership's protocol pack by its slug, if there is such a partnership. */
export async function partnershipPackBySlug(db: Kysely<DB>, slug: string): Promise<string | undefined> {
  return (await db.selectFrom('partnership').select('pack').where('slug', '=', slug).executeTakeFirst())?.pack;
}

/** The agency if it is a current (active) party to the partnership; undefined otherwise. */
export async function activeAgency(db: Kysely<DB>, partnershipId: string, agencyId: string) {
  return db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('id', '=', agencyId).where('active', '=', true).executeTakeFirst();
}

/** Every partnership's id (a sign-in attempt for an unknown e-mail address is audited in each). */
export async function allPartnershipIds(db: Kysely<DB>): Promise<string[]> {
  return (await db.selectFrom('partnership').select('id').orderBy('id').execute()).map((p) => p.id);
}

/** One agency of the partnership with its membership (the partnership manager's view). */
export async function findAgencyMembership(db: Kysely<DB>, partnershipId: string, agencyId: string) {
  return db
    .selectFrom('agency')
    .select(['id', 'name', 'sector', 'kind', 'active', 'membership', 'membership_changed_at', 'membership_reason', 'created_at'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', agencyId)
    .executeTakeFirst();
}
export type AgencyMembershipRow = NonNullable<Awaited<ReturnType<typeof findAgencyMembership>>>;

export async function lockAgency(db: Kysely<DB>, partnershipId: string, agencyId: string): Promise<void> {
  await db.selectFrom('agency').select('id').where('partnership_id', '=', partnershipId).where('id', '=', agencyId).forUpdate().execute();
}

/** Set an agency's membership; `active` follows it (only a member is a current party). */
export async function setAgencyMembership(db: Kysely<DB>, partnershipId: string, agencyId: string, membership: string, reason: string | null, at: Date): Promise<void> {
  await db
    .updateTable('agency')
    .set({ membership, active: membership === 'member', membership_reason: reason, membership_changed_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', agencyId)
    .execute();
}

export async function agencyNameTaken(db: Kysely<DB>, partnershipId: string, name: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('agency')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst()) !== undefined
  );
}
