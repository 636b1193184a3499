// "Mark all as read": every unread notification of the signed-in person, and no one else's.
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { ok, type Outcome } from '../kernel/outcome.ts';

export async function markNotificationsRead(deps: Deps, actor: Actor): Promise<Outcome<{ marked: number }>> {
  const result = await deps.db
    .updateTable('notification')
    .set({ read_at: deps.now() })
    .where('partnership_id', '=', actor.partnershipId)
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return ok({ marked: Number(result.numUpdatedRows) });
}
