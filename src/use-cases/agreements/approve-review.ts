// A party approves a review's implementation plan through its nominated officer (Haringey 2006
// s.5.4 "The partner organisation must discuss the review, approve any resulting actions and approve
// an implementation plan"; Wirral 2022 App. 2 s.5.3 and Derby 2015 s.5 para. 1: the statutory
// partners). Which parties approve is the pack's `dates.reviewApprovedBy`; once all of them have,
// the review is approved.
import { agreementReviews, insertReviewApproval, markReviewApproved, signatureRegister } from '../../db/queries/agreements.ts';
import { reviewApprovers } from '../../domain/agreement-reviews.ts';
import { canSignFor } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { agreementFor, packOf } from './_agreements.ts';

export async function approveReview(deps: Deps, actor: Actor, agreementId: string, reviewId: string, input: { agencyId?: string }): Promise<Outcome<{ approved: boolean }>> {
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.review-approved');
    if (!agreement) return notFound;
    const review = (await agreementReviews(trx, actor.partnershipId, agreement.id)).find((r) => r.id === reviewId);
    if (!review) return notFound;
    const pack = packOf(deps, agreement);
    const approvers = reviewApprovers(pack, await signatureRegister(trx, actor.partnershipId, agreement.id));
    const agencyId = input.agencyId ?? actor.agencyId;
    if (!approvers.some((a) => a.agency_id === agencyId)) return invalid([{ path: 'agencyId', message: 'Your agency is not one of the parties the protocol names to approve reviews' }]);
    if (!canSignFor(actor, pack, agencyId)) return invalid([{ path: 'agencyId', message: 'Only your agency’s nominated officer approves a review for it' }]);
    if (!(await insertReviewApproval(trx, { partnership_id: actor.partnershipId, review_id: review.id, agency_id: agencyId, approved_by: actor.userId })))
      return conflict('Your agency has already approved this review.');
    const done = new Set([...(review.approved_by_agency_ids ?? []), agencyId]);
    const approved = approvers.every((a) => done.has(a.agency_id));
    if (approved) await markReviewApproved(trx, actor.partnershipId, review.id, londonDateOf(deps.now()));
    await appendAudit(trx, auditActor(actor), {
      action: 'agreement.review-approved',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { reviewId: review.id, agencyId, approved },
    });
    return ok({ approved });
  });
}
