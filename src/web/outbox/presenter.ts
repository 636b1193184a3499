// Pure presenter for the e-mail outbox page.
import { type EmailStatus, emailStatusLabels, isEmailStatus } from '../../domain/email-outbox.ts';
import type { OutboxEmail } from '../../use-cases/notifications/list-outbox.ts';

const statusColours: Record<EmailStatus, string> = { pending: 'yellow', sent: 'green', kept_locally: 'grey', failed: 'red' };

export function presentOutboxEmail(e: OutboxEmail) {
  const status = isEmailStatus(e.status) ? { text: emailStatusLabels[e.status], colour: statusColours[e.status] } : { text: e.status, colour: 'grey' };
  const tries = e.attempts === 1 ? '1 attempt' : `${e.attempts} attempts`;
  return {
    id: e.id,
    at: e.createdAt.toISOString(),
    status,
    /** Why it has not been sent (yet), for pending e-mails that have failed and for failed ones. */
    problem: e.lastError && (e.status === 'pending' || e.status === 'failed') ? `${tries}; last error: ${e.lastError}` : null,
    to: e.to,
    subject: e.subject,
    body: e.body,
  };
}

export function presentOutbox(list: { emails: OutboxEmail[]; truncated: boolean }) {
  return { rows: list.emails.map(presentOutboxEmail), truncated: list.truncated };
}
