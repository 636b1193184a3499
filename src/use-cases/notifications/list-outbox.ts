// The partnership's e-mail outbox: what Concord has sent, kept or failed to send, and to whom. For
// the partnership's administrators and business manager (anyone else: not found); from the command
// line, for the operator. E-mails hold no child's personal data, but the addresses are staff's, so
// each reading is audited like other administrative reads (outbox.viewed).
import { findPartnershipBySlug } from '../../db/queries/partnerships.ts';
import { canReadOutbox, EMAIL_STATUSES, type EmailStatus, isEmailStatus } from '../../domain/email-outbox.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { type FieldError, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { type OutboxEmail, outboxEmails } from './_outbox.ts';

export type { OutboxEmail } from './_outbox.ts';

export const OUTBOX_SHOWN = 100;
export const OUTBOX_MAX_LIMIT = 1000;

/** The signed-in administrator's or partnership manager's own partnership's outbox (the newest OUTBOX_SHOWN). */
export async function listOutbox(deps: Deps, actor: Actor): Promise<Outcome<{ emails: OutboxEmail[]; truncated: boolean }>> {
  return deps.db.transaction().execute(async (trx) => {
    if (!canReadOutbox(actor)) {
      await appendAudit(trx, auditActor(actor), { action: 'outbox.viewed', outcome: 'denied', subjectType: 'email_outbox' });
      return notFound;
    }
    const rows = await outboxEmails(trx, { partnershipId: actor.partnershipId, limit: OUTBOX_SHOWN + 1 });
    const emails = rows.slice(0, OUTBOX_SHOWN);
    await appendAudit(trx, auditActor(actor), { action: 'outbox.viewed', subjectType: 'email_outbox', details: { shown: emails.length } });
    return ok({ emails, truncated: rows.length > OUTBOX_SHOWN });
  });
}

/** `concord outbox list`: every partnership's outbox, or one partnership's by slug. Audited per partnership shown. */
export async function listOutboxAsOperator(deps: Deps, input: { partnershipSlug?: string; status?: string; limit?: number; correlationId: string }): Promise<Outcome<{ emails: OutboxEmail[] }>> {
  const errors: FieldError[] = [];
  if (input.status !== undefined && !isEmailStatus(input.status)) errors.push({ path: 'status', message: `Status must be one of: ${EMAIL_STATUSES.join(', ')}` });
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > OUTBOX_MAX_LIMIT) errors.push({ path: 'limit', message: `Limit must be a whole number from 1 to ${OUTBOX_MAX_LIMIT}` });
  if (errors.length) return invalid(errors);
  return deps.db.transaction().execute(async (trx) => {
    let partnershipId: string | undefined;
    if (input.partnershipSlug !== undefined) {
      const p = await findPartnershipBySlug(trx, input.partnershipSlug);
      if (!p) return notFound;
      partnershipId = p.id;
    }
    const emails = await outboxEmails(trx, { partnershipId, status: input.status as EmailStatus | undefined, limit });
    const shown = new Map<string, number>();
    if (partnershipId) shown.set(partnershipId, 0);
    for (const e of emails) shown.set(e.partnershipId, (shown.get(e.partnershipId) ?? 0) + 1);
    for (const [id, count] of shown) {
      await appendAudit(
        trx,
        { partnershipId: id, userId: null, agencyId: null, via: 'cli', correlationId: input.correlationId },
        { action: 'outbox.viewed', subjectType: 'email_outbox', details: { shown: count, ...(input.status ? { status: input.status } : {}) } },
      );
    }
    return ok({ emails });
  });
}
