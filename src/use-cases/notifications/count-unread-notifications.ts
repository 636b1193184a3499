// How many of the signed-in person's notifications are unread, for the service navigation on every
// page: one count over the person's own rows (index notification_user).
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';

export async function countUnreadNotifications(deps: Deps, actor: Pick<Actor, 'partnershipId' | 'userId'>): Promise<number> {
  const row = await deps.db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<string>().as('unread'))
    .where('partnership_id', '=', actor.partnershipId)
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.unread);
}
