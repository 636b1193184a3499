// Withdraw a decision to share before anything is sent under it: the practitioner who recorded it,
// or their agency's leads, say why; the decision then reads "withdrawn" on its page and in the
// child's chronology, and nothing can be sent under it (domain/disclosures.ts sendBlockers). Once
// information has been sent the decision stands: recall the disclosure instead, if unopened.
import { lockDecision, updateDecisionState } from '../../db/queries/decisions.ts';
import { canWithdrawDecision } from '../../domain/decision-record.ts';
import { noteError } from '../../domain/exchange.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DECISION, reach } from '../kernel/gateway.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';
import { staleConflict } from '../kernel/stale.ts';

export async function withdrawDecision(deps: Deps, actor: Actor, decisionId: string, input: { reason?: string | null; seen?: string | null }): Promise<Outcome<{ withdrawnAt: Date }>> {
  const reason = input.reason?.trim() || null;
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, DECISION, decisionId, 'decision.withdrawn', (d) => Boolean(d.child_visible && canWithdrawDecision(actor, { agencyId: d.agency_id, decidedBy: d.decided_by })));
    if (!row) return notFound;
    const locked = await lockDecision(trx, actor.partnershipId, row.id);
    if (!locked) return notFound;
    const stale = await staleConflict(trx, actor.partnershipId, 'decision', locked, input.seen ?? null);
    if (stale) return stale;
    if (locked.action !== 'shared') return conflict('A decision not to share has nothing to withdraw: record a new decision if you now need to share.');
    if (locked.sent) return conflict('Information has already been sent under this decision. Recall it from the information you sent if it has not been opened.');
    if (locked.withdrawn_at) return conflict('This decision has already been withdrawn.');
    const errors = noteError(reason, 'Explain why you are withdrawing the decision', 'reason');
    if (errors.length || !reason) return invalid(errors);
    const now = deps.now();
    await updateDecisionState(trx, actor.partnershipId, row.id, {
      withdrawn_by: actor.userId,
      withdrawn_at: now,
      withdrawal_sealed: JSON.stringify(sealAs(deps.keyring, 'decision-withdrawal', row.id, { reason })),
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'decision.withdrawn',
      subjectType: 'decision',
      subjectId: row.id,
      childId: row.child_id,
      details: { approvalStatus: locked.approval_status },
    });
    return ok({ withdrawnAt: now });
  });
}
