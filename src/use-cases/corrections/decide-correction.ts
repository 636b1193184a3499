// The originator decides a reported inaccuracy (Southampton 2010 s.9 "The originator must decide
// what corrective action is needed including advising appropriate agencies"). A correction reaches
// every agency that received the item — directly or onward, found through the items' provenance —
// and each must acknowledge it (UK GDPR Art. 19: rectification is communicated to each recipient).
// Rejecting it explains to the reporting agency why the information stands.
import { correctionLifecycle } from '../../domain/disclosures.ts';
import { next } from '../../domain/lifecycle.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, invalid, notFound, ok, type Outcome } from '../kernel/outcome.ts';
import { noteError } from '../requests/_steps.ts';
import { seal, unseal } from '../kernel/sealing.ts';
import { correctionContext, type CorrectionSealed } from './report-inaccuracy.ts';
import { correctionFor } from './view-correction.ts';

export interface DecideCorrectionInput {
  decision?: string;
  correctedValue?: string | null;
  note?: string | null;
}

export async function decideCorrection(deps: Deps, actor: Actor, correctionId: string, input: DecideCorrectionInput): Promise<Outcome<{ status: string; deliveredTo: number }>> {
  const correctedValue = input.correctedValue?.trim() || null;
  const note = input.note?.trim() || null;
  return deps.db.transaction().execute(async (trx) => {
    const found = await correctionFor(trx, actor, correctionId, 'correction.decided', false);
    if (!found) return notFound;
    const { row } = found;
    if (input.decision !== 'correct' && input.decision !== 'reject') return invalid([{ path: 'decision', message: 'Select whether you are correcting the information' }]);
    const to = next(correctionLifecycle, row.status as 'reported', input.decision);
    if (!to) return conflict('This inaccuracy has already been decided.');
    const errors =
      input.decision === 'correct'
        ? [...noteError(correctedValue, 'Enter the corrected information', 'correctedValue'), ...noteError(note, false)]
        : noteError(note, 'Explain to the agency that reported it why the information is accurate');
    if (errors.length) return invalid(errors);
    const now = deps.now();
    const sealed = unseal<CorrectionSealed>(deps.keyring, correctionContext(row.id), row.sealed);
    await trx
      .updateTable('correction')
      .set({ status: to, decided_by: actor.userId, decided_at: now, sealed: JSON.stringify(seal(deps.keyring, correctionContext(row.id), { ...sealed, correctedValue, decisionNote: note })) })
      .where('partnership_id', '=', actor.partnershipId)
      .where('id', '=', row.id)
      .execute();
    let deliveredTo = 0;
    if (to === 'corrected') {
      // Every live copy of the item, in every disclosure, to every agency.
      const copies = await trx
        .selectFrom('disclosure_item as i')
        .innerJoin('disclosure as d', (j) => j.onRef('d.partnership_id', '=', 'i.partnership_id').onRef('d.id', '=', 'i.disclosure_id'))
        .select(['d.id as disclosure_id', 'd.to_agency_id', 'd.to_user_id'])
        .where('i.partnership_id', '=', actor.partnershipId)
        .where('i.origin_item_id', '=', row.origin_item_id)
        .where('d.status', 'in', ['sent', 'opened'])
        .execute();
      if (copies.length) {
        await trx
          .insertInto('correction_delivery')
          .values(copies.map((c) => ({ partnership_id: actor.partnershipId, correction_id: row.id, agency_id: c.to_agency_id, disclosure_id: c.disclosure_id, delivered_at: now })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      const agencies = [...new Set(copies.map((c) => c.to_agency_id))];
      deliveredTo = agencies.length;
      for (const agencyId of agencies) {
        const named = copies.filter((c) => c.to_agency_id === agencyId && c.to_user_id).map((c) => c.to_user_id!);
        await notify(trx, now, actor.partnershipId, 'correction.issued', `/disclosures/${copies.find((c) => c.to_agency_id === agencyId)!.disclosure_id}`, {
          userIds: named,
          agency: { agencyId, roles: ['spoc', 'designated_safeguarding_lead'] },
        });
      }
    } else {
      await notify(trx, now, actor.partnershipId, 'correction.rejected', `/corrections/${row.id}`, { userIds: [row.reported_by] });
    }
    await appendAudit(trx, auditActor(actor), { action: 'correction.decided', subjectType: 'correction', subjectId: row.id, childId: row.child_id, details: { decision: to, deliveredToAgencies: deliveredTo } });
    return ok({ status: to, deliveredTo });
  });
}
