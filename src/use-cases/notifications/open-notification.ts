// Open one of the signed-in person's notifications: mark it read and say where it points. Someone
// else's notification, or one that does not exist, is not found, and the attempt is audited
// through the gateway. A link is followed only if it is a path inside Concord; anything else goes
// back to the notifications page.
import { markRead } from '../../db/queries/notifications.ts';
import { canOpenNotification } from '../../domain/notifications.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { NOTIFICATION, reach } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';

/** A path inside Concord ("/requests/…"), never another site ("//evil.example", "https://…", "/\\evil"). */
export function isInternalPath(link: string): boolean {
  return /^\/(?![/\\])[^\s\\]*$/.test(link);
}

export async function openNotification(deps: Deps, actor: Actor, notificationId: string): Promise<Outcome<{ link: string }>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, NOTIFICATION, notificationId, 'notification.opened', (n) => canOpenNotification(actor, { userId: n.user_id }));
    if (!row) return notFound;
    await markRead(trx, actor.partnershipId, row.id, deps.now());
    return ok({ link: isInternalPath(row.link) ? row.link : '/notifications' });
  });
}
