// Outbox e-mails as the web page and the CLI show them.
import { outboxRows } from '../../db/queries/email-outbox.ts';
import type { EmailStatus } from '../../domain/email-outbox.ts';
import type { Deps } from '../kernel/deps.ts';

export interface OutboxEmail {
  id: string;
  partnershipId: string;
  partnershipSlug: string;
  createdAt: Date;
  status: string;
  to: string;
  subject: string;
  body: string;
  template: string;
  attempts: number;
  deliveredAt: Date | null;
  provider: string | null;
  providerReference: string | null;
  lastError: string | null;
}

export interface OutboxFilter {
  /** Only e-mails of this partnership. */
  partnershipId?: string;
  status?: EmailStatus;
  /** Only this e-mail. */
  id?: string;
  limit: number;
}

/** Outbox e-mails, newest first. */
export async function outboxEmails(db: Deps['db'], filter: OutboxFilter): Promise<OutboxEmail[]> {
  const rows = await outboxRows(db, filter);
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnership_id,
    partnershipSlug: r.partnership_slug,
    createdAt: r.created_at,
    status: r.status,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    template: r.template,
    attempts: r.attempts,
    deliveredAt: r.delivered_at,
    provider: r.provider,
    providerReference: r.provider_reference,
    lastError: r.last_error,
  }));
}
