// "Mark all as read": every unread notification of the signed-in person, and no one else's.
import { markAllRead } from '../../db/queries/notifications.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { type Outcome, ok } from '../kernel/outcome.ts';

export async function markNotificationsRead(deps: Deps, actor: Actor): Promise<Outcome<{ marked: number }>> {
  return ok({ marked: await markAllRead(deps.db, actor.partnershipId, actor.userId, deps.now()) });
}
