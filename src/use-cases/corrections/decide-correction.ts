// The originator decides a reported inaccuracy (Southampton 2010 s.9 "The originator must decide
// what corrective action is needed including advising appropriate agencies"). A correction reaches
// every agency that received the item — directly or onward, found through the items' provenance —
// and each must acknowledge it (UK GDPR Art. 19: rectification is communicated to each recipient).
// Rejecting it explains to the reporting agency why the information stands.
import { insertDeliveries, updateCorrection } from '../../db/queries/corrections.ts';
import { liveCopies } from '../../db/queries/disclosures.ts';
import { canDecideCorrection, correctionLifecycle } from '../../domain/disclosures.ts';
import { noteError } from '../../domain/exchange.ts';
import { next } from '../../domain/lifecycle.ts';
import { type Actor, AGENCY_LEAD_ROLES } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { CORRECTION, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs, unsealAs } from '../kernel/sealed.ts';

export interface DecideCorrectionInput {
  decision?: string;
  correctedValue?: string | null;
  note?: string | null;
}

export async function decideCorrection(deps: Deps, actor: Actor, correctionId: string, input: DecideCorrectionInput): Promise<Outcome<{ status: string; deliveredTo: number }>> {
  const correctedValue = input.correctedValue?.trim() || null;
  const note = input.note?.trim() || null;
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, CORRECTION, correctionId, 'correction.decided', (c) => canDecideCorrection(actor, c.parties));
    if (!row) return notFound;
    if (input.decision !== 'correct' && input.decision !== 'reject') return invalid([{ path: 'decision', message: 'Select whether you are correcting the information' }]);
    const to = next(correctionLifecycle, row.status as 'reported', input.decision);
    if (!to) return conflict('This inaccuracy has already been decided.');
    const errors =
      input.decision === 'correct'
        ? [...noteError(correctedValue, 'Enter the corrected information', 'correctedValue'), ...noteError(note, false)]
        : noteError(note, 'Explain to the agency that reported it why the information is accurate');
    if (errors.length) return invalid(errors);
    const now = deps.now();
    const sealed = unsealAs(deps.keyring, 'correction', row.id, row.sealed);
    await updateCorrection(trx, actor.partnershipId, row.id, {
      status: to,
      decided_by: actor.userId,
      decided_at: now,
      sealed: JSON.stringify(sealAs(deps.keyring, 'correction', row.id, { ...sealed, correctedValue, decisionNote: note })),
    });
    let deliveredTo = 0;
    if (to === 'corrected') {
      // Every live copy of the item, in every disclosure, to every agency.
      const copies = await liveCopies(trx, actor.partnershipId, row.origin_item_id);
      await insertDeliveries(
        trx,
        copies.map((c) => ({ partnership_id: actor.partnershipId, correction_id: row.id, agency_id: c.to_agency_id, disclosure_id: c.disclosure_id, delivered_at: now })),
      );
      const agencies = [...new Set(copies.map((c) => c.to_agency_id))];
      deliveredTo = agencies.length;
      for (const agencyId of agencies) {
        const named = copies.filter((c) => c.to_agency_id === agencyId && c.to_user_id).map((c) => c.to_user_id!);
        await notify(trx, now, actor.partnershipId, 'correction.issued', `/disclosures/${copies.find((c) => c.to_agency_id === agencyId)!.disclosure_id}`, {
          userIds: named,
          agency: { agencyId, roles: AGENCY_LEAD_ROLES },
        });
      }
    } else {
      await notify(trx, now, actor.partnershipId, 'correction.rejected', `/corrections/${row.id}`, { userIds: [row.reported_by] });
    }
    await appendAudit(trx, auditActor(actor), {
      action: 'correction.decided',
      subjectType: 'correction',
      subjectId: row.id,
      childId: row.child_id,
      details: { decision: to, deliveredToAgencies: deliveredTo },
    });
    return ok({ status: to, deliveredTo });
  });
}
