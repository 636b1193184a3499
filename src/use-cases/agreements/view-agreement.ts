// One agreement as its parties see it: its pack version, dates and next review, its parties with
// each one's standing (the signature register), its documents, and what the actor may do (sign for
// their agency, manage the register). The view is audited: it names signatories.
import { agreementDocuments } from '../../db/queries/agreements.ts';
import { canManageAgreements, nextReviewOn, reviewState } from '../../domain/agreements.ts';
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
  canManage: boolean;
  /** The agencies the actor may sign for now (their own, if a party and they are its nominated officer). */
  signFor: string[];
}

export async function viewAgreement(deps: Deps, actor: Actor, agreementId: string): Promise<Outcome<AgreementView>> {
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.viewed');
    if (!agreement) return notFound;
    const pack = packOf(deps, agreement);
    const today = londonDateOf(deps.now());
    const register = await agreementRegister(trx, actor, agreement, pack, today);
    const documents = await agreementDocuments(trx, actor.partnershipId, agreement.id);
    const next = nextReviewOn(pack, { effectiveOn: agreement.effective_on, reviewOn: agreement.review_on, lastReviewedOn: null });
    await appendAudit(trx, auditActor(actor), { action: 'agreement.viewed', subjectType: 'agreement', subjectId: agreement.id });
    return ok({
      agreement,
      pack,
      today,
      nextReviewOn: next,
      review: reviewState(next, today),
      register,
      documents,
      canManage: canManageAgreements(actor),
      signFor: register.filter((r) => r.canSign).map((r) => r.agencyId),
    });
  });
}
