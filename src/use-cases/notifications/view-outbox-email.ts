// `concord outbox show <id>`: one e-mail from the outbox, headers and body, for the operator.
// Audited as outbox.viewed, with the e-mail as its subject.
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { type OutboxEmail, outboxEmails } from './_outbox.ts';

export async function viewOutboxEmailAsOperator(deps: Deps, input: { id: string; correlationId: string }): Promise<Outcome<OutboxEmail>> {
  if (!isUuid(input.id)) return notFound;
  return deps.db.transaction().execute(async (trx) => {
    const [email] = await outboxEmails(trx, { id: input.id.toLowerCase(), limit: 1 });
    if (!email) return notFound;
    await appendAudit(
      trx,
      { partnershipId: email.partnershipId, userId: null, agencyId: null, via: 'cli', correlationId: input.correlationId },
      { action: 'outbox.viewed', subjectType: 'email', subjectId: email.id },
    );
    return ok(email);
  });
}
