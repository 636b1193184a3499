// Record a review of the agreement (Haringey 2006 s.5.1–5.5): when it was held, its findings and
// the date they were reported in writing (late if after the pack's `dates.findingsReportedWithin`,
// s.5.3), and the implementation plan — each action with its owner and due date. The parties the
// pack names (`dates.reviewApprovedBy`) are asked to approve it; the next review counts from it
// (`nextReviewOn`: the pack's `dates.reviewCycle.then`). The partnership manager records it.
import { randomUUID } from 'node:crypto';
import { insertReview, signatureRegister } from '../../db/queries/agreements.ts';
import { checkReview, recordReviewSchema, reviewApprovers } from '../../domain/agreement-reviews.ts';
import { canManageAgreements, nextReviewOn, signingRoles } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { agreementFor, packOf } from './_agreements.ts';

export async function recordReview(deps: Deps, actor: Actor, agreementId: string, input: unknown): Promise<Outcome<{ reviewId: string; reportedLate: boolean; nextReviewOn: string }>> {
  const parsed = recordReviewSchema.safeParse(input ?? {});
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.review-recorded', () => canManageAgreements(actor));
    if (!agreement) return notFound;
    if (agreement.status !== 'in_force') return conflict('This agreement has been superseded: review the agreement in force.');
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const r = parsed.data;
    const pack = packOf(deps, agreement);
    const today = londonDateOf(deps.now());
    const check = checkReview(pack, r, today);
    if (check.errors.length) return invalid(check.errors);
    const dueOn = nextReviewOn(pack, { effectiveOn: agreement.effective_on, reviewOn: agreement.review_on, lastReviewedOn: agreement.last_reviewed_on });
    const id = randomUUID();
    await insertReview(trx, {
      partnership_id: actor.partnershipId,
      id,
      agreement_id: agreement.id,
      pack: agreement.pack,
      due_on: dueOn,
      held_on: r.heldOn,
      findings: r.findings,
      reported_on: r.reportedOn,
      action_plan: JSON.stringify(r.actions),
      recorded_by: actor.userId,
    });
    const approvers = reviewApprovers(pack, await signatureRegister(trx, actor.partnershipId, agreement.id));
    await appendAudit(trx, auditActor(actor), {
      action: 'agreement.review-recorded',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { reviewId: id, dueOn, heldOn: r.heldOn, reportedOn: r.reportedOn, reportedLate: check.reportedLate, actions: r.actions.length, approvers: approvers.map((a) => a.agency_id) },
    });
    const link = `/partnership/agreements/${agreement.id}`;
    for (const a of approvers) await notify(trx, deps.now(), actor.partnershipId, 'agreement.review-to-approve', link, { agency: { agencyId: a.agency_id, roles: signingRoles(pack) } }, actor.userId);
    const next = nextReviewOn(pack, {
      effectiveOn: agreement.effective_on,
      reviewOn: agreement.review_on,
      lastReviewedOn: agreement.last_reviewed_on && agreement.last_reviewed_on > r.heldOn ? agreement.last_reviewed_on : r.heldOn,
    });
    return ok({ reviewId: id, reportedLate: check.reportedLate, nextReviewOn: next });
  });
}
