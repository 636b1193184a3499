// Notify people inside the caller's transaction: an in-app notification per person and, for kinds
// that warrant it, an e-mail in the outbox (delivered afterwards by the e-mail job through the
// configured notifier). The notification commits with the change it announces, or not at all.
import type { QueryCreator } from 'kysely';
import { markReadAbout } from '../../db/queries/notifications.ts';
import { insertNotifications, type NotificationRows, withNotificationRows } from '../../db/queries/notifications-write.ts';
import type { DB } from '../../db/schema.ts';
import { NOTIFICATION_KINDS, type NotificationKind, notificationEmail } from '../../domain/notifications.ts';
import type { Actor, Role } from '../../domain/staff.ts';
import type { Tx } from './deps.ts';

export interface Recipients {
  /** People by id. */
  userIds?: readonly string[];
  /** Everyone in an agency with one of these roles. */
  agency?: { agencyId: string; roles: readonly Role[] };
}

const rows = (now: Date, partnershipId: string, kind: NotificationKind, link: string, to: Recipients, except?: string): NotificationRows => ({
  now,
  partnershipId,
  kind,
  link,
  userIds: to.userIds,
  agency: to.agency,
  except,
  email: NOTIFICATION_KINDS[kind].email ? notificationEmail(kind) : undefined,
});

/** Add to a statement (as CTEs) the notifications and e-mails for `kind`, pointing at `link`, to
 *  the active staff named by `to` except `except`; a use case writing its change in one statement
 *  notifies in the same statement. */
export function withNotifications(qc: QueryCreator<DB>, now: Date, partnershipId: string, kind: NotificationKind, link: string, to: Recipients, except?: string): QueryCreator<DB> {
  return withNotificationRows(qc, rows(now, partnershipId, kind, link, to, except));
}

/** Write the notifications (and e-mails) for `kind`, pointing at `link` (a path inside Concord), in
 *  one statement; returns how many people were notified. */
export async function notify(trx: Tx, now: Date, partnershipId: string, kind: NotificationKind, link: string, to: Recipients, except?: string): Promise<number> {
  return insertNotifications(trx, rows(now, partnershipId, kind, link, to, except));
}

/** The person has opened the page of a record (`link`, e.g. "/requests/…"): the notifications about
 *  it are read. Called by the use case that reads the record, in the transaction of its audited
 *  read, so a notification is never marked read for a page that was refused. */
export async function readNotificationsAbout(trx: Tx, actor: Actor, link: string, at: Date): Promise<number> {
  return markReadAbout(trx, actor.partnershipId, actor.userId, link, at);
}
