// Open one of the signed-in person's notifications: mark it read and say where it points. Someone
// else's notification, or one that does not exist, is not found. A link is followed only if it is
// a path inside Concord; anything else goes back to the notifications page.
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, ok, type Outcome } from '../kernel/outcome.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path inside Concord ("/requests/…"), never another site ("//evil.example", "https://…", "/\\evil"). */
export function isInternalPath(link: string): boolean {
  return /^\/(?![/\\])[^\s\\]*$/.test(link);
}

export async function openNotification(deps: Deps, actor: Actor, notificationId: string): Promise<Outcome<{ link: string }>> {
  if (!UUID.test(notificationId)) return notFound;
  const row = await deps.db
    .updateTable('notification')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(deps.now())) }))
    .where('partnership_id', '=', actor.partnershipId)
    .where('user_id', '=', actor.userId)
    .where('id', '=', notificationId)
    .returning('link')
    .executeTakeFirst();
  if (!row) return notFound;
  return ok({ link: isInternalPath(row.link) ? row.link : '/notifications' });
}
