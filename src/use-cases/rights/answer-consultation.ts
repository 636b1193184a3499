// The source agency's IG lead answers a consultation: no exemption, or the exemption it asks for
// with its reasons (Sandwell 2022 s.11.1). The handling agency's IG lead is told, without personal data.
import { answerConsultationRow } from '../../db/queries/rights.ts';
import { answerConsultationSchema, canAnswerConsultation } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { RIGHTS_CONSULTATION, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';

export async function answerConsultation(deps: Deps, actor: Actor, consultationId: string, input: unknown): Promise<Outcome<{ answer: string }>> {
  return deps.db.transaction().execute(async (trx) => {
    const c = await reach(trx, actor, RIGHTS_CONSULTATION, consultationId, 'rights-consultation.answered', (c) => canAnswerConsultation(actor, { sourceAgencyId: c.source_agency_id }));
    if (!c) return notFound;
    if (c.answered_at) return conflict('This consultation has already been answered.');
    if (c.request_status !== 'open' && c.request_status !== 'awaiting_clarification') return conflict('The request has been closed.');
    const parsed = answerConsultationSchema.safeParse(input ?? {});
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const now = deps.now();
    await answerConsultationRow(trx, actor.partnershipId, c.id, {
      answered_at: now,
      answered_by: actor.userId,
      exemption: parsed.data.answer,
      sealed: JSON.stringify(sealAs(deps.keyring, 'rights-consultation', c.id, { reasons: parsed.data.reasons })),
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'rights-consultation.answered',
      subjectType: 'rights-consultation',
      subjectId: c.id,
      childId: c.child_id ?? undefined,
      details: { requestId: c.request_id, answer: parsed.data.answer },
    });
    await notify(trx, now, actor.partnershipId, 'rights.consultation-answered', `/rights-requests/${c.request_id}`, { agency: { agencyId: c.handling_agency_id, roles: ['ig_lead'] } }, actor.userId);
    return ok({ answer: parsed.data.answer });
  });
}
