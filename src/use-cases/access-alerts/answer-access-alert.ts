// A reviewer acknowledges an unusual-access alert (they are looking into it; a note is optional)
// or closes it with a note of what they found and what was done (ADR 0085). Audited in the same
// transaction; a closed alert cannot be answered again.
import { acknowledgeAccessAlert, closeAccessAlert } from '../../db/queries/access-alerts.ts';
import { type AccessAlertAction, accessAlertNoteSchema, accessAlertTransition, canSeeAccessAlert } from '../../domain/access-alerts.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { ACCESS_ALERT, reach } from '../kernel/gateway.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';

export async function answerAccessAlert(deps: Deps, actor: Actor, id: string, action: AccessAlertAction, input: { note?: unknown }): Promise<Outcome<{ alertId: string }>> {
  const event = action === 'close' ? 'access-alert.closed' : 'access-alert.acknowledged';
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, ACCESS_ALERT, id, event, (r) => canSeeAccessAlert(actor, { agencyId: r.agency_id, userId: r.user_id }));
    if (!row) return notFound;
    const next = accessAlertTransition(row.status, action);
    if ('error' in next) return conflict(next.error);
    const parsed = accessAlertNoteSchema(action).safeParse(typeof input.note === 'string' ? input.note : '');
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues).map((e) => ({ ...e, path: 'note' })));
    if (action === 'close') await closeAccessAlert(trx, actor.partnershipId, row.id, actor.userId, now, parsed.data!);
    else await acknowledgeAccessAlert(trx, actor.partnershipId, row.id, actor.userId, now, parsed.data);
    await appendAudit(trx, auditActor(actor), { action: event, subjectType: 'access-alert', subjectId: row.id, details: { from: row.status, to: next.to } });
    return ok({ alertId: row.id });
  });
}
