// Server-side web sessions, stored by the SHA-256 of their id (the use case hashes it).
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export async function findWebSession(db: Kysely<DB>, key: string) {
  return db.selectFrom('web_session').select(['data', 'expires_at']).where('id', '=', key).executeTakeFirst();
}

export interface WebSessionValues {
  data: string;
  user_id: string | null;
  partnership_id: string | null;
  last_seen_at: Date;
  expires_at: Date;
}

export async function upsertWebSession(db: Kysely<DB>, key: string, s: WebSessionValues): Promise<void> {
  await db
    .insertInto('web_session')
    .values({ id: key, ...s })
    .onConflict((oc) => oc.column('id').doUpdateSet(s))
    .execute();
}

export async function deleteWebSession(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('web_session').where('id', '=', key).execute();
}

/** Every session of one staff member; returns how many there were. */
export async function deleteWebSessionsOf(db: Kysely<DB>, partnershipId: string, userId: string): Promise<number> {
  const res = await db.deleteFrom('web_session').where('partnership_id', '=', partnershipId).where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteExpiredWebSessions(db: Kysely<DB>, now: Date): Promise<number> {
  const res = await db.deleteFrom('web_session').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}
