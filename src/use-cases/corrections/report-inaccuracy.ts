// A recipient tells the originator that an item it received is inaccurate (Southampton 2010 s.9
// "When an agency finds information is inaccurate that agency shall advise the corrections to the
// originator of the information"). The originator — whoever first recorded the item, however many
// agencies it passed through — is notified and decides.
import { randomUUID } from 'node:crypto';
import { canOpenDisclosure } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { disclosureFor } from '../disclosures/_payload.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, invalid, notFound, ok, type Outcome } from '../kernel/outcome.ts';
import { noteError } from '../requests/_steps.ts';
import { seal } from '../kernel/sealing.ts';

/** The sealed part of a correction. */
export interface CorrectionSealed {
  /** What the recipient says is wrong (seen by the originator and the reporting agency). */
  description: string;
  /** The originator's corrected value (sent to every recipient) or reasons for keeping it. */
  correctedValue: string | null;
  decisionNote: string | null;
}
export const correctionContext = (id: string) => `correction:${id}`;

export async function reportInaccuracy(deps: Deps, actor: Actor, disclosureId: string, input: { itemId?: string; description?: string | null }): Promise<Outcome<{ correctionId: string }>> {
  const description = input.description?.trim() ?? '';
  return deps.db.transaction().execute(async (trx) => {
    const d = await disclosureFor(trx, actor, disclosureId, 'correction.reported', (p) => canOpenDisclosure(actor, p));
    if (!d) return notFound;
    if (d.status !== 'opened') return conflict('Open the information before reporting an inaccuracy in it.');
    const item = input.itemId
      ? await trx.selectFrom('disclosure_item').selectAll().where('partnership_id', '=', actor.partnershipId).where('disclosure_id', '=', d.id).where('id', '=', input.itemId).executeTakeFirst()
      : undefined;
    const errors = [...(item ? [] : [{ path: 'itemId', message: 'Select the item that is inaccurate' }]), ...noteError(description, 'Say what is inaccurate and, if you know, what is correct', 'description')];
    if (item && item.originator_agency_id === actor.agencyId) errors.push({ path: 'itemId', message: 'Your own agency is the originator of this item: correct it in your own records' });
    if (errors.length || !item) return invalid(errors);
    const open = await trx.selectFrom('correction').select('id').where('partnership_id', '=', actor.partnershipId).where('origin_item_id', '=', item.origin_item_id).where('reporting_agency_id', '=', actor.agencyId).where('status', '=', 'reported').executeTakeFirst();
    if (open) return conflict('Your agency has already reported this item; the originator has not decided yet.');
    const id = randomUUID();
    const now = deps.now();
    const sealed: CorrectionSealed = { description, correctedValue: null, decisionNote: null };
    await trx
      .insertInto('correction')
      .values({
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
        sealed: JSON.stringify(seal(deps.keyring, correctionContext(id), sealed)),
      })
      .execute();
    await appendAudit(trx, auditActor(actor), { action: 'correction.reported', subjectType: 'correction', subjectId: id, childId: d.child_id, details: { disclosureId: d.id, originItemId: item.origin_item_id, originatorAgencyId: item.originator_agency_id } });
    await notify(trx, now, actor.partnershipId, 'correction.reported', `/corrections/${id}`, {
      userIds: [item.originator_user_id],
      agency: { agencyId: item.originator_agency_id, roles: ['spoc', 'designated_safeguarding_lead'] },
    });
    return ok({ correctionId: id });
  });
}
