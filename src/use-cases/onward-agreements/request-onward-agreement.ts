// A recipient asks the originator for agreement to pass received information to another agency
// (Southampton 2010 s.11: "must ensure ... they are not breaching an existing agreement with the
// data/information source provider"; s.18 item 13 "Secondary disclosures are prohibited unless
// explicit consent is received from the originating source"; Derby 2015 s.5.7). One request goes to
// each originating agency of the received items (other than the asking agency itself).
import { randomUUID } from 'node:crypto';
import { canOpenDisclosure } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { isUuid } from '../kernel/gateway.ts';
import type { Deps } from '../kernel/deps.ts';
import { disclosureFor } from '../disclosures/_payload.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, invalid, notFound, ok, type Outcome } from '../kernel/outcome.ts';
import { activeAgency } from '../kernel/partnership.ts';
import { noteError } from '../requests/_steps.ts';
import { seal } from '../kernel/sealing.ts';

export const agreementContext = (id: string) => `onward-agreement:${id}`;

export async function requestOnwardAgreement(deps: Deps, actor: Actor, disclosureId: string, input: { toAgencyId?: string; purpose?: string | null }): Promise<Outcome<{ agreementIds: string[] }>> {
  const purpose = input.purpose?.trim() ?? '';
  const toAgencyId = input.toAgencyId?.trim() ?? '';
  return deps.db.transaction().execute(async (trx) => {
    const d = await disclosureFor(trx, actor, disclosureId, 'onward-agreement.requested', (p) => canOpenDisclosure(actor, p));
    if (!d) return notFound;
    if (d.status !== 'opened') return conflict('Open the information before asking to pass it on.');
    const errors = noteError(purpose, 'Say why you need to share this information and with whom', 'purpose');
    const to = isUuid(toAgencyId) ? await activeAgency(trx, actor.partnershipId, toAgencyId) : undefined;
    if (!to) errors.push({ path: 'toAgencyId', message: 'Select an agency that is a current party to the partnership’s information sharing agreement' });
    else if (to.id === actor.agencyId) errors.push({ path: 'toAgencyId', message: 'Select another agency' });
    if (errors.length || !to) return invalid(errors);
    const items = await trx
      .selectFrom('disclosure_item')
      .select(['originator_agency_id', 'originator_user_id'])
      .where('partnership_id', '=', actor.partnershipId)
      .where('disclosure_id', '=', d.id)
      .execute();
    const originators = [...new Set(items.map((i) => i.originator_agency_id))].filter((o) => o !== actor.agencyId && o !== to.id);
    if (!originators.length) return conflict('No agreement is needed: the information came from your own agency or from the agency you want to share it with.');
    const pending = await trx
      .selectFrom('onward_agreement')
      .select('originator_agency_id')
      .where('partnership_id', '=', actor.partnershipId)
      .where('disclosure_id', '=', d.id)
      .where('requesting_agency_id', '=', actor.agencyId)
      .where('to_agency_id', '=', to.id)
      .where('status', 'in', ['requested', 'agreed'])
      .execute();
    const asking = originators.filter((o) => !pending.some((p) => p.originator_agency_id === o));
    if (!asking.length) return conflict('Agreement to share this information with that agency has already been asked for.');
    const now = deps.now();
    const ids: string[] = [];
    for (const originator of asking) {
      const id = randomUUID();
      ids.push(id);
      await trx
        .insertInto('onward_agreement')
        .values({
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
          sealed: JSON.stringify(seal(deps.keyring, agreementContext(id), { purpose, reasons: null })),
        })
        .execute();
      await appendAudit(trx, auditActor(actor), { action: 'onward-agreement.requested', subjectType: 'onward-agreement', subjectId: id, childId: d.child_id, details: { disclosureId: d.id, originatorAgencyId: originator, toAgencyId: to.id } });
      const originatorUsers = [...new Set(items.filter((i) => i.originator_agency_id === originator).map((i) => i.originator_user_id))];
      await notify(trx, now, actor.partnershipId, 'agreement.requested', `/agreements/${id}`, { userIds: originatorUsers, agency: { agencyId: originator, roles: ['spoc', 'designated_safeguarding_lead'] } });
    }
    return ok({ agreementIds: ids });
  });
}
