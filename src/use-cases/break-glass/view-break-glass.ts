// One request for break-glass access, with its reason and review: for the requester, the approvers
// of their agency, and the leads of the agencies holding the child's record. Reading it is audited.
import { type BreakGlassRule, canDecideBreakGlass, canReviewBreakGlass } from '../../domain/break-glass.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { BREAK_GLASS, reach } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs } from '../kernel/sealed.ts';
import { partnershipRule } from './_break-glass.ts';

export interface BreakGlassView {
  id: string;
  childId: string;
  agencyName: string;
  requestedByName: string;
  requestedAt: Date;
  reason: string;
  status: string;
  hours: number;
  expiresAt: Date | null;
  reviewOutcome: string | null;
  reviewNote: string | null;
  reviewedAt: Date | null;
  breachId: string | null;
  mayDecide: boolean;
  mayReview: boolean;
  rule: BreakGlassRule;
}

export async function viewBreakGlass(deps: Deps, actor: Actor, id: string): Promise<Outcome<BreakGlassView>> {
  return deps.db.transaction().execute(async (trx) => {
    const { rule } = await partnershipRule(deps, trx, actor.partnershipId);
    const decides = (r: { agency_id: string; requested_by: string }) => canDecideBreakGlass(actor, rule, { agencyId: r.agency_id, requestedBy: r.requested_by });
    const row = await reach(trx, actor, BREAK_GLASS, id, 'break-glass.viewed', (r) => r.requested_by === actor.userId || decides(r) || canReviewBreakGlass(actor, r.lead_agency_ids));
    if (!row) return notFound;
    await appendAudit(trx, auditActor(actor), { action: 'break-glass.viewed', subjectType: 'break-glass', subjectId: row.id, childId: row.child_id });
    const sealed = unsealAs(deps.keyring, 'break-glass', row.id, row.sealed);
    return ok({
      id: row.id,
      childId: row.child_id,
      agencyName: row.agency_name,
      requestedByName: row.requested_by_name,
      requestedAt: row.requested_at,
      reason: sealed.reason,
      status: row.status,
      hours: row.hours,
      expiresAt: row.expires_at,
      reviewOutcome: row.review_outcome,
      reviewNote: sealed.reviewNote,
      reviewedAt: row.reviewed_at,
      breachId: row.breach_id,
      mayDecide: row.status === 'requested' && decides(row),
      mayReview: row.status === 'granted' && !row.review_outcome && canReviewBreakGlass(actor, row.lead_agency_ids),
      rule,
    });
  });
}
