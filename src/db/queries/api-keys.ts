// API keys: a staff member's keys for an agency's system to call the API as them.
import type { Insertable, Kysely } from 'kysely';
import type { ApiKeyTable, DB } from '../schema.ts';
import { STAFF_MEMBER_COLUMNS } from './staff.ts';

/** An API key with the staff member it acts as, in one query (every API request makes it). */
export async function findApiKeyHolder(db: Kysely<DB>, prefix: string) {
  return db
    .selectFrom('api_key')
    .innerJoin('staff_user', (j) => j.onRef('staff_user.partnership_id', '=', 'api_key.partnership_id').onRef('staff_user.id', '=', 'api_key.user_id'))
    .innerJoin('agency', (j) => j.onRef('agency.partnership_id', '=', 'staff_user.partnership_id').onRef('agency.id', '=', 'staff_user.agency_id'))
    .innerJoin('partnership', 'partnership.id', 'staff_user.partnership_id')
    .select(['api_key.id as key_id', 'api_key.secret_hash', 'api_key.revoked_at', 'api_key.expires_at', 'api_key.last_used_at'])
    .select(STAFF_MEMBER_COLUMNS)
    .where('api_key.prefix', '=', prefix)
    .executeTakeFirst();
}

export async function touchApiKey(db: Kysely<DB>, partnershipId: string, keyId: string, at: Date): Promise<void> {
  await db.updateTable('api_key').set({ last_used_at: at }).where('partnership_id', '=', partnershipId).where('id', '=', keyId).execute();
}

export async function insertApiKey(db: Kysely<DB>, key: Insertable<ApiKeyTable>): Promise<void> {
  await db.insertInto('api_key').values(key).execute();
}

export async function apiKeysOf(db: Kysely<DB>, partnershipId: string, userId: string) {
  return db
    .selectFrom('api_key')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at', 'expires_at'])
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Revoke one of the user's own keys that is still live; false if there is none. */
export async function revokeApiKeyOf(db: Kysely<DB>, partnershipId: string, userId: string, keyId: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('api_key')
    .set({ revoked_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Every key held by staff of one agency, with its holder (the agency administrator's view). */
export async function apiKeysOfAgency(db: Kysely<DB>, partnershipId: string, agencyId: string) {
  return db
    .selectFrom('api_key')
    .innerJoin('staff_user', (j) => j.onRef('staff_user.partnership_id', '=', 'api_key.partnership_id').onRef('staff_user.id', '=', 'api_key.user_id'))
    .select([
      'api_key.id',
      'api_key.name',
      'api_key.prefix',
      'api_key.created_at',
      'api_key.last_used_at',
      'api_key.revoked_at',
      'api_key.expires_at',
      'staff_user.id as user_id',
      'staff_user.display_name',
    ])
    .where('api_key.partnership_id', '=', partnershipId)
    .where('staff_user.agency_id', '=', agencyId)
    .orderBy('api_key.created_at', 'desc')
    .execute();
}

/** Revoke a live key held by someone in the agency; false if there is none. */
export async function revokeApiKeyInAgency(db: Kysely<DB>, partnershipId: string, agencyId: string, keyId: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('api_key')
    .set({ revoked_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .where('user_id', 'in', (eb) => eb.selectFrom('staff_user').select('id').where('partnership_id', '=', partnershipId).where('agency_id', '=', agencyId))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
