// In-app notifications: each person's own rows (index notification_user).
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

function mine(db: Kysely<DB>, partnershipId: string, userId: string) {
  return db.selectFrom('notification').where('partnership_id', '=', partnershipId).where('user_id', '=', userId);
}

export async function countUnread(db: Kysely<DB>, partnershipId: string, userId: string): Promise<number> {
  const row = await mine(db, partnershipId, userId)
    .select((eb) => eb.fn.countAll<string>().as('unread'))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.unread);
}

/** The person's newest notifications, newest first. */
export async function notificationsOf(db: Kysely<DB>, partnershipId: string, userId: string, limit: number) {
  return mine(db, partnershipId, userId).select(['id', 'kind', 'link', 'created_at', 'read_at']).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

/** Mark every unread notification of the person read; returns how many. */
export async function markAllRead(db: Kysely<DB>, partnershipId: string, userId: string, at: Date): Promise<number> {
  const result = await db.updateTable('notification').set({ read_at: at }).where('partnership_id', '=', partnershipId).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** One notification of the partnership, whoever it is for (the caller checks whose it is). */
export async function findNotification(db: Kysely<DB>, partnershipId: string, notificationId: string) {
  return db.selectFrom('notification').select(['id', 'user_id', 'link', 'read_at']).where('partnership_id', '=', partnershipId).where('id', '=', notificationId).executeTakeFirst();
}

export type NotificationRow = NonNullable<Awaited<ReturnType<typeof findNotification>>>;

/** Mark one notification read, keeping the first time it was read. */
export async function markRead(db: Kysely<DB>, partnershipId: string, notificationId: string, at: Date): Promise<void> {
  await db
    .updateTable('notification')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(at)) }))
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', notificationId)
    .execute();
}

/** Mark read the person's unread notifications that point at `link` (the page of their subject). */
export async function markReadAbout(db: Kysely<DB>, partnershipId: string, userId: string, link: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('link', '=', link)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
