import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

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
    .select([
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
    ])
    .where('staff_user.partnership_id', '=', partnershipId)
    .where('staff_user.id', '=', userId)
    .executeTakeFirst();
}

export async function agenciesOf(db: Kysely<DB>, partnershipId: string) {
  return db
    .selectFrom('agency')
    .select(['id', 'name', 'sector', 'kind', 'active'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}

/** An API key with the staff member it acts as, in one query (every API request makes it). */
export async function findApiKeyHolder(db: Kysely<DB>, prefix: string) {
  return db
    .selectFrom('api_key')
    .innerJoin('staff_user', (j) => j.onRef('staff_user.partnership_id', '=', 'api_key.partnership_id').onRef('staff_user.id', '=', 'api_key.user_id'))
    .innerJoin('agency', (j) => j.onRef('agency.partnership_id', '=', 'staff_user.partnership_id').onRef('agency.id', '=', 'staff_user.agency_id'))
    .innerJoin('partnership', 'partnership.id', 'staff_user.partnership_id')
    .select([
      'api_key.id as key_id',
      'api_key.secret_hash',
      'api_key.revoked_at',
      'api_key.last_used_at',
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
    ])
    .where('api_key.prefix', '=', prefix)
    .executeTakeFirst();
}
