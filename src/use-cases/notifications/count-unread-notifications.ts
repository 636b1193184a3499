// How many of the signed-in person's notifications are unread, for the service navigation on every
// page: one count over the person's own rows (index notification_user).
import { countUnread } from '../../db/queries/notifications.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';

export async function countUnreadNotifications(deps: Deps, actor: Pick<Actor, 'partnershipId' | 'userId'>): Promise<number> {
  return countUnread(deps.db, actor.partnershipId, actor.userId);
}
