// A designated manager approves, or refuses, a practitioner's decision to share against or without
// the advice ("seek advice", "do not share") where the partnership's protocol requires it (Haringey
// 2006 s.4.6 "All situations where it may be necessary to breach client confidentiality must be
// referred to a designated manager"; s.4.7 the reasons fully recorded). Only someone else in the
// deciding agency holding the pack's approver role answers; a refusal gives reasons. The answer is
// recorded on the decision (its note sealed), audited and told to the practitioner in one transaction.
import { lockDecision, updateDecisionState } from '../../db/queries/decisions.ts';
import { type ApprovalStatus, approvalLifecycle, canApproveDecision } from '../../domain/decision-record.ts';
import { noteError } from '../../domain/exchange.ts';
import { next } from '../../domain/lifecycle.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DECISION, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';
import { staleConflict } from '../kernel/stale.ts';

export interface ApproveDepartureInput {
  answer?: string;
  note?: string | null;
  /** The decision's version the page showed (optimistic concurrency, ADR 0073). */
  seen?: string | null;
}

export async function approveDeparture(deps: Deps, actor: Actor, decisionId: string, input: ApproveDepartureInput): Promise<Outcome<{ approvalStatus: ApprovalStatus }>> {
  const note = input.note?.trim() || null;
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, DECISION, decisionId, 'decision.approval-answered', (d) =>
      Boolean(d.child_visible && canApproveDecision(actor, { agencyId: d.agency_id, decidedBy: d.decided_by, approverRole: d.approver_role })),
    );
    if (!row) return notFound;
    if (input.answer !== 'approve' && input.answer !== 'refuse') return invalid([{ path: 'answer', message: 'Select whether you approve sharing against the advice' }]);
    const errors = input.answer === 'refuse' ? noteError(note, 'Explain why you do not approve sharing', 'note') : noteError(note, false, 'note');
    if (errors.length) return invalid(errors);
    const locked = await lockDecision(trx, actor.partnershipId, row.id);
    if (!locked) return notFound;
    const stale = await staleConflict(trx, actor.partnershipId, 'decision', locked, input.seen ?? null);
    if (stale) return stale;
    if (locked.withdrawn_at) return conflict('This decision has been withdrawn: there is nothing to approve.');
    const to = next(approvalLifecycle, locked.approval_status as ApprovalStatus, input.answer);
    if (!to) return conflict('This decision has already been approved or refused.');
    const now = deps.now();
    await updateDecisionState(trx, actor.partnershipId, row.id, {
      approval_status: to,
      approved_by: actor.userId,
      approved_at: now,
      approval_sealed: JSON.stringify(sealAs(deps.keyring, 'decision-approval', row.id, { note })),
    });
    await appendAudit(trx, auditActor(actor), {
      action: to === 'approved' ? 'decision.approved' : 'decision.approval-refused',
      subjectType: 'decision',
      subjectId: row.id,
      childId: row.child_id,
      details: { approverRole: locked.approver_role, outcome: row.outcome },
    });
    await notify(trx, now, actor.partnershipId, 'decision.approval-answered', `/decisions/${row.id}`, { userIds: [row.decided_by] });
    return ok({ approvalStatus: to });
  });
}
