// The disposition review: an agency's IG lead approves the disposal of records whose retention has
// ended, defers it with a reason until a date, places a record on legal hold (an inquiry, a child
// safeguarding practice review, litigation — a hold blocks disposal until it is released), or
// releases a hold. Several records may be decided at once; each is reached through the gateway
// (another agency's record is not found, and the attempt audited) and the whole decision is one
// transaction. Approval does not itself dispose: see dispose-approved.ts.
import { updateReview } from '../../db/queries/retention.ts';
import { canReviewDisposal, HOLD_KINDS, REVIEW_ACTIONS, type ReviewAction, type ReviewStatus, reasonError, reviewTransition } from '../../domain/retention.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAuditEvents } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DISPOSAL_REVIEW, reach } from '../kernel/gateway.ts';
import { conflict, type FieldError, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';

const EVENT: Record<ReviewAction, string> = { approve: 'disposal.approved', defer: 'disposal.deferred', hold: 'disposal.held', release: 'disposal.released' };

export interface ReviewInput {
  reviewIds: string[];
  action: string;
  reason?: string;
  /** For a deferral: the date (YYYY-MM-DD) the record comes back to the review. */
  deferUntil?: string;
  /** For a hold: what kind of legal hold. */
  holdKind?: string;
}

export async function reviewDisposal(deps: Deps, actor: Actor, input: ReviewInput): Promise<Outcome<{ decided: number; status: ReviewStatus }>> {
  if (!actor.roles.includes('ig_lead')) return notFound;
  const now = deps.now();
  const errors: FieldError[] = [];
  const ids = [...new Set(input.reviewIds)];
  if (ids.length === 0) errors.push({ path: 'reviewIds', message: 'Select at least one record' });
  if (ids.length > 1000) errors.push({ path: 'reviewIds', message: 'Select 1,000 records or fewer at a time' });
  const action = input.action as ReviewAction;
  if (!REVIEW_ACTIONS.includes(action)) errors.push({ path: 'action', message: 'Choose approve, defer, place on legal hold or release the hold' });
  const reason = (input.reason ?? '').trim();
  const reasonProblem = REVIEW_ACTIONS.includes(action) ? reasonError(action, reason) : undefined;
  if (reasonProblem) errors.push({ path: 'reason', message: reasonProblem });
  let deferredUntil: Date | null = null;
  if (action === 'defer') {
    const d = input.deferUntil?.trim() ?? '';
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00Z`) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== d) errors.push({ path: 'deferUntil', message: 'Enter the date to review again, like 2027-06-30' });
    else if (parsed.getTime() <= now.getTime()) errors.push({ path: 'deferUntil', message: 'The date to review again must be in the future' });
    else deferredUntil = parsed;
  }
  const holdKind = action === 'hold' ? (input.holdKind ?? '') : null;
  if (action === 'hold' && !HOLD_KINDS.includes(holdKind as (typeof HOLD_KINDS)[number])) errors.push({ path: 'holdKind', message: 'Choose what the legal hold is for' });
  if (errors.length) return invalid(errors);

  return deps.db.transaction().execute(async (trx) => {
    let to: ReviewStatus = 'pending';
    for (const id of ids) {
      const row = await reach(trx, actor, DISPOSAL_REVIEW, id, EVENT[action], (r) => canReviewDisposal(actor, { agencyId: r.agency_id }));
      if (!row) return notFound;
      const t = reviewTransition(row.status as ReviewStatus, action);
      if (!t.ok) return conflict(t.reason);
      to = t.to;
      await updateReview(trx, actor.partnershipId, id, {
        status: t.to,
        reason: reason || null,
        deferred_until: deferredUntil,
        // A release keeps the hold's kind for the record of it; approval and deferral clear it.
        hold_kind: action === 'hold' ? holdKind : action === 'release' ? row.hold_kind : null,
        decided_by: actor.userId,
        decided_at: now,
      });
    }
    await appendAuditEvents(
      trx,
      auditActor(actor),
      ids.map((id) => ({
        action: EVENT[action],
        subjectType: 'disposal-review',
        subjectId: id,
        details: { ...(deferredUntil ? { deferUntil: deferredUntil.toISOString().slice(0, 10) } : {}), ...(holdKind ? { holdKind } : {}) },
      })),
    );
    return ok({ decided: ids.length, status: to });
  });
}
