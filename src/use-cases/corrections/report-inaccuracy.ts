// A recipient tells the originator that an item it received is inaccurate (Southampton 2010 s.9
// "When an agency finds information is inaccurate that agency shall advise the corrections to the
// originator of the information"). The originator — whoever first recorded the item, however many
// agencies it passed through — is notified and decides.
import { randomUUID } from 'node:crypto';
import { insertCorrection, openReport } from '../../db/queries/corrections.ts';
import { findDisclosureItem } from '../../db/queries/disclosures.ts';
import { canOpenDisclosure } from '../../domain/disclosures.ts';
import { noteError } from '../../domain/exchange.ts';
import { type Actor, AGENCY_LEAD_ROLES } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DISCLOSURE, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';

export async function reportInaccuracy(deps: Deps, actor: Actor, disclosureId: string, input: { itemId?: string; description?: string | null }): Promise<Outcome<{ correctionId: string }>> {
  const description = input.description?.trim() ?? '';
  return deps.db.transaction().execute(async (trx) => {
    const d = await reach(trx, actor, DISCLOSURE, disclosureId, 'correction.reported', (r) => canOpenDisclosure(actor, r.parties));
    if (!d) return notFound;
    if (d.status !== 'opened') return conflict('Open the information before reporting an inaccuracy in it.');
    const item = input.itemId ? await findDisclosureItem(trx, actor.partnershipId, d.id, input.itemId) : undefined;
    const errors = [
      ...(item ? [] : [{ path: 'itemId', message: 'Select the item that is inaccurate' }]),
      ...noteError(description, 'Say what is inaccurate and, if you know, what is correct', 'description'),
    ];
    if (item && item.originator_agency_id === actor.agencyId) errors.push({ path: 'itemId', message: 'Your own agency is the originator of this item: correct it in your own records' });
    if (errors.length || !item) return invalid(errors);
    const open = await openReport(trx, scopeOf(actor), item.origin_item_id);
    if (open) return conflict('Your agency has already reported this item; the originator has not decided yet.');
    const id = randomUUID();
    const now = deps.now();
    await insertCorrection(trx, {
      partnership_id: actor.partnershipId,
      id,
      child_id: d.child_id,
      origin_item_id: item.origin_item_id,
      reported_in_disclosure_id: d.id,
      reported_by: actor.userId,
      reporting_agency_id: actor.agencyId,
      originator_agency_id: item.originator_agency_id,
      status: 'reported',
      reported_at: now,
      sealed: JSON.stringify(sealAs(deps.keyring, 'correction', id, { description, correctedValue: null, decisionNote: null })),
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'correction.reported',
      subjectType: 'correction',
      subjectId: id,
      childId: d.child_id,
      details: { disclosureId: d.id, originItemId: item.origin_item_id, originatorAgencyId: item.originator_agency_id },
    });
    await notify(trx, now, actor.partnershipId, 'correction.reported', `/corrections/${id}`, {
      userIds: [item.originator_user_id],
      agency: { agencyId: item.originator_agency_id, roles: AGENCY_LEAD_ROLES },
    });
    return ok({ correctionId: id });
  });
}
