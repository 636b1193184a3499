import type { Kysely, Updateable } from 'kysely';
import type { DB, EmailOutboxTable } from '../schema.ts';

export interface OutboxQuery {
  partnershipId?: string;
  status?: string;
  id?: string;
  limit: number;
}

/** E-mails in the outbox with their partnership's slug, newest first. */
export async function outboxRows(db: Kysely<DB>, q: OutboxQuery) {
  let query = db.selectFrom('email_outbox').innerJoin('partnership', 'partnership.id', 'email_outbox.partnership_id').selectAll('email_outbox').select('partnership.slug as partnership_slug');
  if (q.partnershipId) query = query.where('email_outbox.partnership_id', '=', q.partnershipId);
  if (q.status) query = query.where('email_outbox.status', '=', q.status);
  if (q.id) query = query.where('email_outbox.id', '=', q.id);
  return query.orderBy('email_outbox.created_at', 'desc').orderBy('email_outbox.id').limit(q.limit).execute();
}

/** The oldest pending e-mail not in `skip`, locked for this transaction; one another run holds is skipped. */
export async function claimPendingEmail(db: Kysely<DB>, skip: readonly string[]) {
  let next = db.selectFrom('email_outbox').select(['partnership_id', 'id', 'to_address', 'template', 'subject', 'body', 'attempts']).where('status', '=', 'pending');
  if (skip.length) next = next.where('id', 'not in', [...skip]);
  return next.orderBy('created_at').orderBy('id').limit(1).forUpdate().skipLocked().executeTakeFirst();
}

export async function updateEmail(db: Kysely<DB>, partnershipId: string, id: string, changes: Updateable<EmailOutboxTable>): Promise<void> {
  await db.updateTable('email_outbox').set(changes).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();
}
