// The originating agency agrees or refuses to its information being passed on, item by item
// (Southampton 2010 s.10–11 and s.18 item 13; Derby 2015 s.5 para. 7): each of its items in the
// information agreed or refused, a refusal with its reason. One answer may cover every item. The
// answers, the agreement's status (agreed, agreed in part, refused), the audit event and the
// notification commit together; an agreed item is then cited by the onward decision and disclosure.
import { insertAgreementItems, updateAgreement } from '../../db/queries/onward-agreements.ts';
import { agreementEvent, agreementLifecycle, canAnswerAgreement, checkAgreementAnswers, type ItemAnswerInput } from '../../domain/disclosures.ts';
import { next } from '../../domain/lifecycle.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { ONWARD_AGREEMENT, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs, unsealAs } from '../kernel/sealed.ts';
import { agreementItems } from './_items.ts';

export interface AnswerOnwardAgreementInput {
  /** One answer for every item ('agree' or 'refuse', with `reasons` for a refusal) … */
  answer?: string | undefined;
  reasons?: string | null | undefined;
  /** … or an answer for each item. */
  items?: readonly ItemAnswerInput[] | undefined;
}

export async function answerOnwardAgreement(deps: Deps, actor: Actor, agreementId: string, input: AnswerOnwardAgreementInput): Promise<Outcome<{ status: string; agreed: number; refused: number }>> {
  return deps.db.transaction().execute(async (trx) => {
    const g = await reach(trx, actor, ONWARD_AGREEMENT, agreementId, 'onward-agreement.answered', (r) => canAnswerAgreement(actor, r.parties));
    if (!g) return notFound;
    if (g.status !== 'requested') return conflict('This request for agreement has already been answered.');
    const items = await agreementItems(trx, actor.partnershipId, g);
    const checked = checkAgreementAnswers(items, input);
    if (!checked.ok) return invalid(checked.errors);
    const to = next(agreementLifecycle, 'requested', agreementEvent(checked.status));
    if (!to) return conflict('This request for agreement has already been answered.');
    const now = deps.now();
    const sealed = unsealAs(deps.keyring, 'onward-agreement', g.id, g.sealed);
    const refused = checked.answers.filter((a) => !a.agreed);
    const whole = !input.items?.length;
    await updateAgreement(trx, actor.partnershipId, g.id, {
      status: to,
      answered_by: actor.userId,
      answered_at: now,
      sealed: JSON.stringify(
        sealAs(deps.keyring, 'onward-agreement', g.id, {
          ...sealed,
          reasons: whole ? (refused[0]?.reason ?? null) : null,
          itemReasons: Object.fromEntries(refused.map((a) => [a.itemId, a.reason ?? ''])),
        }),
      ),
    });
    await insertAgreementItems(
      trx,
      checked.answers.map((a) => ({ partnership_id: actor.partnershipId, agreement_id: g.id, item_id: a.itemId, agreed: a.agreed })),
    );
    await appendAudit(trx, auditActor(actor), {
      action: 'onward-agreement.answered',
      subjectType: 'onward-agreement',
      subjectId: g.id,
      childId: g.child_id,
      details: {
        answer: to,
        disclosureId: g.disclosure_id,
        toAgencyId: g.to_agency_id,
        agreedItemIds: checked.answers.filter((a) => a.agreed).map((a) => a.itemId),
        refusedItemIds: refused.map((a) => a.itemId),
      },
    });
    await notify(trx, now, actor.partnershipId, 'agreement.answered', `/disclosures/${g.disclosure_id}`, { userIds: [g.requested_by] });
    return ok({ status: to, agreed: checked.answers.length - refused.length, refused: refused.length });
  });
}
