// Writing notifications as part of another statement: CTEs that select the people to notify
// (active staff, by id or by agency and role, less one person), insert an in-app notification for
// each and, when asked, an e-mail in the outbox. Ids are random UUIDs, as everywhere (ADR 0014).
import { type QueryCreator, sql } from 'kysely';
import type { DB } from '../schema.ts';

export interface NotificationRows {
  now: Date;
  partnershipId: string;
  kind: string;
  link: string;
  /** People by id. */
  userIds?: readonly string[] | undefined;
  /** Everyone in an agency with one of these roles. */
  agency?: { agencyId: string; roles: readonly string[] } | undefined;
  /** The person acting, who does not notify themselves. */
  except?: string | undefined;
  /** The e-mail to each person, if the kind warrants one (never personal data). */
  email?: { subject: string; body: string } | undefined;
}

/** `qc` with the CTEs added; `qc` itself when no one is named. */
export function withNotificationRows(qc: QueryCreator<DB>, n: NotificationRows): QueryCreator<DB> {
  const byId = n.userIds?.length ? [...n.userIds] : undefined;
  const byRole = n.agency?.roles.length ? n.agency : undefined;
  if (!byId && !byRole) return qc;
  const people = qc.with('notified_people', (q) =>
    q
      .selectFrom('staff_user')
      .select(['id', 'email'])
      .where('partnership_id', '=', n.partnershipId)
      .where('active', '=', true)
      .where((eb) =>
        eb.or([...(byId ? [eb('id', 'in', byId)] : []), ...(byRole ? [eb.and([eb('agency_id', '=', byRole.agencyId), sql<boolean>`roles && ${sql.val([...byRole.roles])}::text[]`])] : [])]),
      )
      .$if(!!n.except, (q2) => q2.where('id', '<>', n.except!)),
  );
  const notified = people.with('notified', (q) =>
    q
      .insertInto('notification')
      .columns(['partnership_id', 'id', 'user_id', 'kind', 'link', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('notified_people')
          .select([
            sql<string>`${n.partnershipId}::uuid`.as('partnership_id'),
            sql<string>`gen_random_uuid()`.as('id'),
            'notified_people.id as user_id',
            sql<string>`${n.kind}::text`.as('kind'),
            sql<string>`${n.link}::text`.as('link'),
            sql<Date>`${n.now}::timestamptz`.as('created_at'),
          ]),
      ),
  );
  if (!n.email) return notified as unknown as QueryCreator<DB>;
  const { subject, body } = n.email;
  return notified.with('notified_mail', (q) =>
    q
      .insertInto('email_outbox')
      .columns(['partnership_id', 'id', 'to_address', 'template', 'subject', 'body', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('notified_people')
          .select([
            sql<string>`${n.partnershipId}::uuid`.as('partnership_id'),
            sql<string>`gen_random_uuid()`.as('id'),
            'notified_people.email as to_address',
            sql<string>`${n.kind}::text`.as('template'),
            sql<string>`${subject}::text`.as('subject'),
            sql<string>`${body}::text`.as('body'),
            sql<Date>`${n.now}::timestamptz`.as('created_at'),
          ]),
      ),
  ) as unknown as QueryCreator<DB>;
}

/** Write the notifications (and e-mails) in one statement; how many people were notified. */
export async function insertNotifications(qc: QueryCreator<DB>, n: NotificationRows): Promise<number> {
  const withRows = withNotificationRows(qc, n);
  if (withRows === qc) return 0;
  const row = await (withRows as unknown as QueryCreator<DB & { notified_people: { id: string } }>)
    .selectFrom('notified_people')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
