import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface OutboxQuery {
  partnershipId?: string;
  status?: string;
  id?: string;
  limit: number;
}

/** E-mails in the outbox with their partnership's slug, newest first. */
export async function outboxRows(db: Kysely<DB>, q: OutboxQuery) {
  let query = db
    .selectFrom('email_outbox')
    .innerJoin('partnership', 'partnership.id', 'email_outbox.partnership_id')
    .selectAll('email_outbox')
    .select('partnership.slug as partnership_slug');
  if (q.partnershipId) query = query.where('email_outbox.partnership_id', '=', q.partnershipId);
  if (q.status) query = query.where('email_outbox.status', '=', q.status);
  if (q.id) query = query.where('email_outbox.id', '=', q.id);
  return query.orderBy('email_outbox.created_at', 'desc').orderBy('email_outbox.id').limit(q.limit).execute();
}
