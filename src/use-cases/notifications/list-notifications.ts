// The signed-in person's own notifications, newest first. Notifications carry no personal data
// (src/domain/notifications.ts): a kind, a link inside Concord, and when.
import { countUnread, notificationsOf } from '../../db/queries/notifications.ts';
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
  const [rows, unread] = await Promise.all([notificationsOf(deps.db, actor.partnershipId, actor.userId, NOTIFICATIONS_SHOWN + 1), countUnread(deps.db, actor.partnershipId, actor.userId)]);
  return {
    entries: rows.slice(0, NOTIFICATIONS_SHOWN).map((r) => ({ id: r.id, kind: r.kind, link: r.link, createdAt: r.created_at, readAt: r.read_at })),
    unread,
    truncated: rows.length > NOTIFICATIONS_SHOWN,
  };
}
