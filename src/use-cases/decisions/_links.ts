// A decision can answer a request, or be about passing received information on. Both links are
// checked here so that the decision stays true to them: an answer to a request is about sharing
// with the agency that asked, and onward sharing needs every originator's agreement (Southampton
// 2010 s.11; Derby 2015 s.5.7), which the decision then cites.
import { canOpenDisclosure, missingAgreements } from '../../domain/disclosures.ts';
import { canRespond } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import { isUuid } from '../kernel/gateway.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../kernel/deps.ts';
import type { FieldError } from '../kernel/outcome.ts';

export interface DecisionContextInput {
  requestId?: string | null;
  sourceDisclosureId?: string | null;
}

export interface DecisionLinks {
  request_id: string | null;
  source_disclosure_id: string | null;
  onward_agreement_ids: string[];
}

export const NO_LINKS: DecisionLinks = { request_id: null, source_disclosure_id: null, onward_agreement_ids: [] };

export async function decisionLinks(
  deps: Deps,
  actor: Actor,
  childId: string,
  record: { action?: string | undefined; recipientAgencyId: string | null },
  ctx: DecisionContextInput | undefined,
): Promise<{ links: DecisionLinks; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const links: DecisionLinks = { ...NO_LINKS };
  if (ctx?.requestId) {
    const r = isUuid(ctx.requestId)
      ? await deps.db
          .selectFrom('info_request as r')
          .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'r.partnership_id').onRef('a.id', '=', 'r.from_agency_id'))
          .select(['r.id', 'r.child_id', 'r.status', 'r.from_agency_id', 'r.from_user_id', 'r.to_agency_id', 'r.allocated_to', 'a.name as from_agency_name'])
          .where('r.partnership_id', '=', actor.partnershipId)
          .where('r.id', '=', ctx.requestId)
          .executeTakeFirst()
      : undefined;
    const parties = r && { fromAgencyId: r.from_agency_id, fromUserId: r.from_user_id, toAgencyId: r.to_agency_id, allocatedTo: r.allocated_to };
    if (!r || !parties || r.child_id !== childId || !canRespond(actor, parties)) errors.push({ path: 'context.requestId', message: 'This decision is not about a request you can answer' });
    else if (r.status !== 'allocated') errors.push({ path: 'context.requestId', message: 'The request is no longer waiting for an answer' });
    else if (record.recipientAgencyId !== r.from_agency_id) errors.push({ path: 'record.recipientAgencyId', message: `A decision about a request is about sharing with the agency that asked: ${r.from_agency_name}` });
    else links.request_id = r.id;
  }
  if (ctx?.sourceDisclosureId) {
    const d = isUuid(ctx.sourceDisclosureId)
      ? await deps.db
          .selectFrom('disclosure')
          .select(['id', 'child_id', 'status', 'from_agency_id', 'from_user_id', 'to_agency_id', 'to_user_id'])
          .where('partnership_id', '=', actor.partnershipId)
          .where('id', '=', ctx.sourceDisclosureId)
          .executeTakeFirst()
      : undefined;
    if (!d || d.child_id !== childId || !canOpenDisclosure(actor, { fromAgencyId: d.from_agency_id, fromUserId: d.from_user_id, toAgencyId: d.to_agency_id, toUserId: d.to_user_id })) {
      errors.push({ path: 'context.sourceDisclosureId', message: 'This decision is not about information your agency received' });
    } else if (d.status !== 'opened') {
      errors.push({ path: 'context.sourceDisclosureId', message: 'Open the information before deciding whether to pass it on' });
    } else {
      links.source_disclosure_id = d.id;
      if (record.action === 'shared') {
        if (!record.recipientAgencyId) errors.push({ path: 'record.recipientAgencyId', message: 'Received information can be passed on only to an agency in the partnership' });
        else {
          const blockers = await onwardBlockers(deps.db, actor, d.id, record.recipientAgencyId);
          if (blockers.missing.length) {
            errors.push({ path: 'record.action', message: `${blockers.missing.join(' and ')} ${blockers.missing.length > 1 ? 'have' : 'has'} not agreed to this information being shared with that agency. Ask the originator for agreement first.` });
          }
          links.onward_agreement_ids = blockers.agreementIds;
        }
      }
    }
  }
  return { links, errors };
}

/** For passing items of a received disclosure to `toAgencyId`: the originators (by name) who have
 *  not agreed, and the agreements that allow it. `itemIds` narrows to some items. */
export async function onwardBlockers(db: Kysely<DB>, actor: Actor, disclosureId: string, toAgencyId: string, itemIds?: readonly string[]) {
  let q = db.selectFrom('disclosure_item').select(['id', 'originator_agency_id']).where('partnership_id', '=', actor.partnershipId).where('disclosure_id', '=', disclosureId);
  if (itemIds) q = q.where('id', 'in', itemIds.length ? [...itemIds] : ['00000000-0000-0000-0000-000000000000']);
  const items = await q.execute();
  const agreements = await db
    .selectFrom('onward_agreement')
    .select(['id', 'originator_agency_id'])
    .where('partnership_id', '=', actor.partnershipId)
    .where('disclosure_id', '=', disclosureId)
    .where('requesting_agency_id', '=', actor.agencyId)
    .where('to_agency_id', '=', toAgencyId)
    .where('status', '=', 'agreed')
    .execute();
  // Information can always go back to the agency it came from.
  const agreed = new Set([...agreements.map((a) => a.originator_agency_id), toAgencyId]);
  const missingIds = missingAgreements(items.map((i) => ({ originatorAgencyId: i.originator_agency_id })), actor.agencyId, agreed);
  const names = missingIds.length
    ? (await db.selectFrom('agency').select('name').where('partnership_id', '=', actor.partnershipId).where('id', 'in', missingIds).orderBy('name').execute()).map((a) => a.name)
    : [];
  const used = new Set(items.map((i) => i.originator_agency_id));
  return { missing: names, agreementIds: agreements.filter((a) => used.has(a.originator_agency_id)).map((a) => a.id) };
}
