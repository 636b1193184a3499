// One agreement as its parties see it: its pack version, dates and next review, its parties with
// each one's standing (the signature register), its documents, and what the actor may do (sign for
// their agency, manage the register). The view is audited: it names signatories.
import { agreementDocuments, agreementReviews } from '../../db/queries/agreements.ts';
import { findingsDueOn, reviewApprovers } from '../../domain/agreement-reviews.ts';
import { canManageAgreements, canSignFor, nextReviewOn, reviewState } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Pack } from '../../domain/protocol/pack.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { type AgreementRecord, agreementFor, agreementRegister, packOf, type RegisterEntry } from './_agreements.ts';

export type { RegisterEntry };

export interface AgreementView {
  agreement: AgreementRecord;
  pack: Pack;
  today: string;
  nextReviewOn: string;
  review: 'overdue' | 'due' | 'scheduled';
  register: RegisterEntry[];
  documents: Awaited<ReturnType<typeof agreementDocuments>>;
  /** Its reviews, newest first (Haringey 2006 s.5.1–5.5). */
  reviews: ReviewEntry[];
  canManage: boolean;
  /** The agencies the actor may sign for now (their own, if a party and they are its nominated officer). */
  signFor: string[];
}

export interface ReviewEntry {
  id: string;
  dueOn: string;
  heldOn: string;
  findings: string;
  reportedOn: string;
  /** Reported after the pack's `dates.findingsReportedWithin` (Haringey 2006 s.5.3). */
  reportedLate: boolean;
  actions: { action: string; owner: string; dueOn: string }[];
  approvedOn: string | null;
  /** The parties that approve it, whether each has, and whether the actor may approve for it now. */
  approvals: { agencyId: string; agencyName: string; approved: boolean; canApprove: boolean }[];
}

export async function viewAgreement(deps: Deps, actor: Actor, agreementId: string): Promise<Outcome<AgreementView>> {
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.viewed');
    if (!agreement) return notFound;
    const pack = packOf(deps, agreement);
    const today = londonDateOf(deps.now());
    const register = await agreementRegister(trx, actor, agreement, pack, today);
    const documents = await agreementDocuments(trx, actor.partnershipId, agreement.id);
    const approvers = reviewApprovers(pack, register);
    const reviews: ReviewEntry[] = (await agreementReviews(trx, actor.partnershipId, agreement.id)).map((r) => {
      const approvedBy = r.approved_by_agency_ids ?? [];
      const late = findingsDueOn(pack, r.held_on);
      return {
        id: r.id,
        dueOn: r.due_on,
        heldOn: r.held_on,
        findings: r.findings,
        reportedOn: r.reported_on,
        reportedLate: late !== null && r.reported_on > late,
        actions: r.action_plan as ReviewEntry['actions'],
        approvedOn: r.approved_on,
        approvals: approvers.map((a) => ({
          agencyId: a.agencyId,
          agencyName: a.agencyName,
          approved: approvedBy.includes(a.agencyId),
          canApprove: !approvedBy.includes(a.agencyId) && canSignFor(actor, pack, a.agencyId),
        })),
      };
    });
    const next = nextReviewOn(pack, { effectiveOn: agreement.effective_on, reviewOn: agreement.review_on, lastReviewedOn: agreement.last_reviewed_on });
    await appendAudit(trx, auditActor(actor), { action: 'agreement.viewed', subjectType: 'agreement', subjectId: agreement.id });
    return ok({
      agreement,
      pack,
      today,
      nextReviewOn: next,
      review: reviewState(next, today),
      register,
      documents,
      reviews,
      canManage: canManageAgreements(actor),
      signFor: register.filter((r) => r.canSign).map((r) => r.agencyId),
    });
  });
}
