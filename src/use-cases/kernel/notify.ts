// Notify people inside the caller's transaction: an in-app notification per person and, for kinds
// that warrant it, an e-mail in the outbox (delivered afterwards by the e-mail job through the
// configured notifier). The notification commits with the change it announces, or not at all.
import { sql, type QueryCreator } from 'kysely';
import type { DB } from '../../db/schema.ts';
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

/** Add to a statement (as CTEs) the notifications and e-mails for `kind`, pointing at `link`, to
 *  the active staff named by `to` except `except`; a use case writing its change in one statement
 *  notifies in the same statement. Ids are random UUIDs, as everywhere. */
export function withNotifications(qc: QueryCreator<DB>, now: Date, partnershipId: string, kind: NotificationKind, link: string, to: Recipients, except?: string): QueryCreator<DB> {
  const byId = to.userIds?.length ? [...to.userIds] : undefined;
  const byRole = to.agency && to.agency.roles.length ? to.agency : undefined;
  if (!byId && !byRole) return qc;
  const people = qc.with('notified_people', (q) =>
    q
      .selectFrom('staff_user')
      .select(['id', 'email'])
      .where('partnership_id', '=', partnershipId)
      .where('active', '=', true)
      .where((eb) =>
        eb.or([
          ...(byId ? [eb('id', 'in', byId)] : []),
          ...(byRole ? [eb.and([eb('agency_id', '=', byRole.agencyId), sql<boolean>`roles && ${sql.val([...byRole.roles])}::text[]`])] : []),
        ]),
      )
      .$if(!!except, (q2) => q2.where('id', '<>', except!)),
  );
  const notified = people.with('notified', (q) =>
    q
      .insertInto('notification')
      .columns(['partnership_id', 'id', 'user_id', 'kind', 'link', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('notified_people')
          .select([sql<string>`${partnershipId}::uuid`.as('partnership_id'), sql<string>`gen_random_uuid()`.as('id'), 'notified_people.id as user_id', sql<string>`${kind}::text`.as('kind'), sql<string>`${link}::text`.as('link'), sql<Date>`${now}::timestamptz`.as('created_at')]),
      ),
  );
  if (!NOTIFICATION_KINDS[kind].email) return notified as unknown as QueryCreator<DB>;
  const { subject, body } = notificationEmail(kind);
  return notified.with('notified_mail', (q) =>
    q
      .insertInto('email_outbox')
      .columns(['partnership_id', 'id', 'to_address', 'template', 'subject', 'body', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('notified_people')
          .select([sql<string>`${partnershipId}::uuid`.as('partnership_id'), sql<string>`gen_random_uuid()`.as('id'), 'notified_people.email as to_address', sql<string>`${kind}::text`.as('template'), sql<string>`${subject}::text`.as('subject'), sql<string>`${body}::text`.as('body'), sql<Date>`${now}::timestamptz`.as('created_at')]),
      ),
  ) as unknown as QueryCreator<DB>;
}

/** Write the notifications (and e-mails) for `kind`, pointing at `link` (a path inside Concord), in
 *  one statement; returns how many people were notified. */
export async function notify(trx: Tx, now: Date, partnershipId: string, kind: NotificationKind, link: string, to: Recipients, except?: string): Promise<number> {
  const qc = withNotifications(trx, now, partnershipId, kind, link, to, except);
  if (qc === trx) return 0;
  const row = await (qc as unknown as QueryCreator<DB & { notified_people: { id: string } }>)
    .selectFrom('notified_people')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
