// Notify people inside the caller's transaction: an in-app notification per person and, for kinds
// that warrant it, an e-mail in the outbox (delivered afterwards by the e-mail job through the
// configured notifier). The notification commits with the change it announces, or not at all.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { notificationEmail, NOTIFICATION_KINDS, type NotificationKind } from '../../domain/notifications.ts';
import type { Role } from '../../domain/staff.ts';
import type { Tx } from './deps.ts';

export interface Recipients {
  /** People by id. */
  userIds?: readonly string[];
  /** Everyone in an agency with one of these roles. */
  agency?: { agencyId: string; roles: readonly Role[] };
}

/** Active staff named by `to`, excluding `except` (the person acting does not notify themselves). */
export async function recipients(trx: Tx, partnershipId: string, to: Recipients, except?: string): Promise<{ id: string; email: string }[]> {
  const found = new Map<string, string>();
  if (to.userIds?.length) {
    const rows = await trx.selectFrom('staff_user').select(['id', 'email']).where('partnership_id', '=', partnershipId).where('id', 'in', [...to.userIds]).where('active', '=', true).execute();
    for (const r of rows) found.set(r.id, r.email);
  }
  if (to.agency && to.agency.roles.length) {
    const rows = await trx
      .selectFrom('staff_user')
      .select(['id', 'email'])
      .where('partnership_id', '=', partnershipId)
      .where('agency_id', '=', to.agency.agencyId)
      .where('active', '=', true)
      .where(sql<boolean>`roles && ${sql.val([...to.agency.roles])}::text[]`)
      .execute();
    for (const r of rows) found.set(r.id, r.email);
  }
  if (except) found.delete(except);
  return [...found].map(([id, email]) => ({ id, email }));
}

/** Write the notifications (and e-mails) for `kind`, pointing at `link` (a path inside Concord). */
export async function notify(trx: Tx, now: Date, partnershipId: string, kind: NotificationKind, link: string, to: Recipients, except?: string): Promise<number> {
  const people = await recipients(trx, partnershipId, to, except);
  if (!people.length) return 0;
  await trx
    .insertInto('notification')
    .values(people.map((p) => ({ partnership_id: partnershipId, id: randomUUID(), user_id: p.id, kind, link, created_at: now })))
    .execute();
  if (NOTIFICATION_KINDS[kind].email) {
    const { subject, body } = notificationEmail(kind);
    await trx
      .insertInto('email_outbox')
      .values(people.map((p) => ({ partnership_id: partnershipId, id: randomUUID(), to_address: p.email, template: kind, subject, body, created_at: now })))
      .execute();
  }
  return people.length;
}
