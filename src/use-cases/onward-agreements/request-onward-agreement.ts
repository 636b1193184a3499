// A recipient asks the originator for agreement to pass received information to another agency
// (Southampton 2010 s.11: "must ensure ... they are not breaching an existing agreement with the
// data/information source provider"; s.18 item 13 "Secondary disclosures are prohibited unless
// explicit consent is received from the originating source"; Derby 2015 s.5 para. 7). One request
// goes to each originating agency (other than the asking agency itself) with items not yet agreed
// for that agency; the originator answers item by item. Information never goes onward to an agency
// it came from (its sender or an originator): such an agency is refused.
import { randomUUID } from 'node:crypto';
import { itemOriginators } from '../../db/queries/disclosures.ts';
import { insertAgreement, pendingOrAgreed } from '../../db/queries/onward-agreements.ts';
import { activeAgency } from '../../db/queries/partnerships.ts';
import { canOpenDisclosure, isSourceOf, SOURCE_RECIPIENT_MESSAGE } from '../../domain/disclosures.ts';
import { noteError } from '../../domain/exchange.ts';
import { type Actor, AGENCY_LEAD_ROLES } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DISCLOSURE, isUuid, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { onwardBlockers } from '../kernel/onward-sharing.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';
import { recipientRefusal } from '../kernel/standing.ts';

export async function requestOnwardAgreement(deps: Deps, actor: Actor, disclosureId: string, input: { toAgencyId?: string; purpose?: string | null }): Promise<Outcome<{ agreementIds: string[] }>> {
  const purpose = input.purpose?.trim() ?? '';
  const toAgencyId = input.toAgencyId?.trim() ?? '';
  return deps.db.transaction().execute(async (trx) => {
    const d = await reach(trx, actor, DISCLOSURE, disclosureId, 'onward-agreement.requested', (r) => canOpenDisclosure(actor, r.parties));
    if (!d) return notFound;
    if (d.status !== 'opened') return conflict('Open the information before asking to pass it on.');
    const errors = noteError(purpose, 'Say why you need to share this information and with whom', 'purpose');
    const to = isUuid(toAgencyId) ? await activeAgency(trx, actor.partnershipId, toAgencyId) : undefined;
    if (!to) errors.push({ path: 'toAgencyId', message: 'Select an agency that is a current party to the partnership’s information sharing agreement' });
    else if (to.id === actor.agencyId) errors.push({ path: 'toAgencyId', message: 'Select another agency' });
    const items = await itemOriginators(trx, actor.partnershipId, d.id);
    if (to && isSourceOf(to.id, { fromAgencyId: d.from_agency_id, originatorAgencyIds: items.map((i) => i.originator_agency_id) }))
      errors.push({ path: 'toAgencyId', message: SOURCE_RECIPIENT_MESSAGE });
    if (errors.length || !to) return invalid(errors);
    // Information may pass on only to an agency in force under the agreement (ADR 0021).
    const refusal = await recipientRefusal(trx, deps.packs, actor.partnershipId, to.id, deps.now());
    if (refusal) return invalid([{ path: 'toAgencyId', message: refusal }]);
    // The originators of items not yet agreed for this agency (an item refused may be asked again).
    const { waiting } = await onwardBlockers(trx, actor, d.id, to.id);
    const originators = [...new Set(items.filter((i) => waiting.includes(i.id)).map((i) => i.originator_agency_id))];
    if (!originators.length) return conflict('No agreement is needed: every item came from your own agency or is already agreed for that agency.');
    const pending = await pendingOrAgreed(trx, scopeOf(actor), d.id, to.id);
    const asking = originators.filter((o) => !pending.some((p) => p.originator_agency_id === o));
    if (!asking.length) return conflict('Agreement to share this information with that agency has already been asked for.');
    const now = deps.now();
    const ids: string[] = [];
    for (const originator of asking) {
      const id = randomUUID();
      ids.push(id);
      await insertAgreement(trx, {
        partnership_id: actor.partnershipId,
        id,
        disclosure_id: d.id,
        child_id: d.child_id,
        requested_by: actor.userId,
        requesting_agency_id: actor.agencyId,
        originator_agency_id: originator,
        to_agency_id: to.id,
        status: 'requested',
        requested_at: now,
        sealed: JSON.stringify(sealAs(deps.keyring, 'onward-agreement', id, { purpose, reasons: null })),
      });
      await appendAudit(trx, auditActor(actor), {
        action: 'onward-agreement.requested',
        subjectType: 'onward-agreement',
        subjectId: id,
        childId: d.child_id,
        details: { disclosureId: d.id, originatorAgencyId: originator, toAgencyId: to.id },
      });
      const originatorUsers = [...new Set(items.filter((i) => i.originator_agency_id === originator).map((i) => i.originator_user_id))];
      await notify(trx, now, actor.partnershipId, 'agreement.requested', `/agreements/${id}`, { userIds: originatorUsers, agency: { agencyId: originator, roles: AGENCY_LEAD_ROLES } });
    }
    return ok({ agreementIds: ids });
  });
}
