// The originating agency agrees or refuses to its information being passed on; a refusal gives
// reasons. The answer is recorded and, when agreed, cited by the onward decision and disclosure.
import { updateAgreement } from '../../db/queries/onward-agreements.ts';
import { agreementLifecycle, canAnswerAgreement } from '../../domain/disclosures.ts';
import { noteError } from '../../domain/exchange.ts';
import { next } from '../../domain/lifecycle.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { ONWARD_AGREEMENT, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs, unsealAs } from '../kernel/sealed.ts';

export async function answerOnwardAgreement(deps: Deps, actor: Actor, agreementId: string, input: { answer?: string; reasons?: string | null }): Promise<Outcome<{ status: string }>> {
  const reasons = input.reasons?.trim() || null;
  return deps.db.transaction().execute(async (trx) => {
    const g = await reach(trx, actor, ONWARD_AGREEMENT, agreementId, 'onward-agreement.answered', (r) => canAnswerAgreement(actor, r.parties));
    if (!g) return notFound;
    if (input.answer !== 'agree' && input.answer !== 'refuse') return invalid([{ path: 'answer', message: 'Select whether you agree to the information being shared' }]);
    const to = next(agreementLifecycle, g.status as 'requested', input.answer);
    if (!to) return conflict('This request for agreement has already been answered.');
    const errors = noteError(reasons, input.answer === 'refuse' ? 'Give your reasons for refusing' : false, 'reasons');
    if (errors.length) return invalid(errors);
    const now = deps.now();
    const sealed = unsealAs(deps.keyring, 'onward-agreement', g.id, g.sealed);
    await updateAgreement(trx, actor.partnershipId, g.id, {
      status: to,
      answered_by: actor.userId,
      answered_at: now,
      sealed: JSON.stringify(sealAs(deps.keyring, 'onward-agreement', g.id, { ...sealed, reasons })),
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'onward-agreement.answered',
      subjectType: 'onward-agreement',
      subjectId: g.id,
      childId: g.child_id,
      details: { answer: to, disclosureId: g.disclosure_id, toAgencyId: g.to_agency_id },
    });
    await notify(trx, now, actor.partnershipId, 'agreement.answered', `/disclosures/${g.disclosure_id}`, { userIds: [g.requested_by] });
    return ok({ status: to });
  });
}
