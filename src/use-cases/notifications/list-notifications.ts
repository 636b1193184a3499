// The signed-in person's own notifications, newest first. Notifications carry no personal data
// (src/domain/notifications.ts): a kind, a link inside Concord, and when.
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';

export const NOTIFICATIONS_SHOWN = 100;

export interface NotificationEntry {
  id: string;
  kind: string;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationList {
  entries: NotificationEntry[];
  unread: number;
  /** More than NOTIFICATIONS_SHOWN exist; only the newest are listed. */
  truncated: boolean;
}

export async function listNotifications(deps: Deps, actor: Actor): Promise<NotificationList> {
  const mine = deps.db.selectFrom('notification').where('partnership_id', '=', actor.partnershipId).where('user_id', '=', actor.userId);
  const [rows, counts] = await Promise.all([
    mine.select(['id', 'kind', 'link', 'created_at', 'read_at']).orderBy('created_at', 'desc').orderBy('id').limit(NOTIFICATIONS_SHOWN + 1).execute(),
    mine
      .select((eb) => eb.fn.countAll<string>().as('unread'))
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    entries: rows.slice(0, NOTIFICATIONS_SHOWN).map((r) => ({ id: r.id, kind: r.kind, link: r.link, createdAt: r.created_at, readAt: r.read_at })),
    unread: Number(counts.unread),
    truncated: rows.length > NOTIFICATIONS_SHOWN,
  };
}
