// One agreement as its parties see it: its pack version, dates and next review, its parties with
// each one's standing (the signature register), its documents, and what the actor may do (sign for
// their agency, manage the register). The view is audited: it names signatories.
import { agreementChanges, agreementDocuments, agreementReviews, documentRequests } from '../../db/queries/agreements.ts';
import { type ChangeStatus, canOpenDocumentRequest, type DocumentRequestStatus, documentRequestState } from '../../domain/agreement-changes.ts';
import { findingsDueOn, reviewApprovers } from '../../domain/agreement-reviews.ts';
import { canManageAgreements, canSignFor, nextReviewOn, reviewState } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Pack } from '../../domain/protocol/pack.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { type AgreementRecord, agreementFor, agreementRegister, packOf, type RegisterEntry, versionOf } from './_agreements.ts';

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
  /** An agreed move to a new pack version waiting for its date (ADR 0088). */
  move: { pack: string; title: string; on: string } | null;
  /** The pack parties sign under now: the new version once a move is agreed. */
  signingPack: Pack;
  /** Proposed and agreed changes, newest first (Derby 2015 s.5 para. 1; Wirral 2022 App. 2 s.5.3). */
  changes: ChangeEntry[];
  /** Documents parties have asked each other for (Haringey 2006 s.7.4), newest first. */
  documentRequests: DocumentRequestEntry[];
  /** The parties the actor may propose a change or ask for a document for. */
  actFor: string[];
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

export interface ChangeEntry {
  id: string;
  summary: string;
  proposedBy: string;
  proposedAt: Date;
  fromPack: string;
  toPack: string | null;
  effectiveOn: string | null;
  movesOn: string | null;
  status: ChangeStatus;
  agreedOn: string | null;
  approvals: { agencyId: string; agencyName: string; agreed: boolean; canAgree: boolean }[];
}

export interface DocumentRequestEntry {
  id: string;
  requestingAgency: string;
  holderAgency: string;
  kind: string;
  dueOn: string;
  state: DocumentRequestStatus | 'overdue';
  canOpen: boolean;
}

export async function viewAgreement(deps: Deps, actor: Actor, agreementId: string): Promise<Outcome<AgreementView>> {
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.viewed');
    if (!agreement) return notFound;
    const pack = packOf(deps, agreement);
    const version = versionOf(deps, agreement);
    const today = londonDateOf(deps.now());
    const register = await agreementRegister(trx, actor, agreement, version, today);
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
    const changes: ChangeEntry[] = (await agreementChanges(trx, actor.partnershipId, agreement.id)).map((c) => {
      const agreedBy = c.agreed_by_agency_ids ?? [];
      return {
        id: c.id,
        summary: c.summary,
        proposedBy: c.proposing_agency_name,
        proposedAt: c.proposed_at,
        fromPack: c.from_pack,
        toPack: c.to_pack,
        effectiveOn: c.effective_on,
        movesOn: c.moves_on,
        status: c.status,
        agreedOn: c.agreed_on,
        approvals: approvers.map((a) => ({
          agencyId: a.agencyId,
          agencyName: a.agencyName,
          agreed: agreedBy.includes(a.agencyId),
          canAgree: c.status === 'proposed' && c.from_pack === agreement.pack && !agreedBy.includes(a.agencyId) && canSignFor(actor, pack, a.agencyId),
        })),
      };
    });
    const requests: DocumentRequestEntry[] = (await documentRequests(trx, actor.partnershipId, agreement.id)).map((r) => ({
      id: r.id,
      requestingAgency: r.requesting_agency_name,
      holderAgency: r.holder_agency_name,
      kind: r.kind,
      dueOn: r.due_on,
      state: documentRequestState({ status: r.status, dueOn: r.due_on }, today),
      canOpen: canOpenDocumentRequest(actor, pack, { requestingAgencyId: r.requesting_agency_id, holderAgencyId: r.holder_agency_id }),
    }));
    const actFor = register.filter((r) => canSignFor(actor, pack, r.agencyId) || (canManageAgreements(actor) && r.agencyId === actor.agencyId)).map((r) => r.agencyId);
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
      move: version.next ? { pack: version.next.packRef, title: version.next.pack.title, on: version.next.from } : null,
      signingPack: version.next?.pack ?? pack,
      changes,
      documentRequests: requests,
      actFor: agreement.status === 'in_force' ? actFor : [],
      canManage: canManageAgreements(actor),
      signFor: register.filter((r) => r.canSign).map((r) => r.agencyId),
    });
  });
}
