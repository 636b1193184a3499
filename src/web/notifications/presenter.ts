// Pure presenter for the notifications page: each notification's fixed title (never personal
// data), when it came, whether it is new, and where "View" goes.
import { NOTIFICATION_KINDS, type NotificationKind } from '../../domain/notifications.ts';
import type { NotificationList } from '../../use-cases/notifications/list-notifications.ts';

export function notificationTitle(kind: string): string {
  return Object.hasOwn(NOTIFICATION_KINDS, kind) ? NOTIFICATION_KINDS[kind as NotificationKind].title : 'Something in Concord needs your attention';
}

export function presentNotifications(list: NotificationList) {
  return {
    unread: list.unread,
    truncated: list.truncated,
    rows: list.entries.map((n) => ({
      id: n.id,
      title: notificationTitle(n.kind),
      at: n.createdAt.toISOString(),
      isNew: n.readAt === null,
      href: `/notifications/${n.id}/open`,
    })),
  };
}
