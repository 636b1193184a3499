// A decision can answer a request, or be about passing received information on. Both links are
// checked here so that the decision stays true to them: an answer to a request is about sharing
// with the agency that asked, and onward sharing needs its originators' agreement to at least one
// item, item by item (Southampton 2010 s.10–11; Derby 2015 s.5 para. 7), which the decision then
// cites; it never goes to an agency the information came from.
import { disclosureForDecision } from '../../db/queries/disclosures.ts';
import { requestForDecision } from '../../db/queries/requests.ts';
import { canOpenDisclosure, SOURCE_RECIPIENT_MESSAGE } from '../../domain/disclosures.ts';
import { canRespond } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { isOnwardSource, onwardBlockers } from '../kernel/onward-sharing.ts';
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
    const r = isUuid(ctx.requestId) ? await requestForDecision(deps.db, actor.partnershipId, ctx.requestId) : undefined;
    const parties = r && { fromAgencyId: r.from_agency_id, fromUserId: r.from_user_id, toAgencyId: r.to_agency_id, allocatedTo: r.allocated_to };
    if (!r || !parties || r.child_id !== childId || !canRespond(actor, parties)) errors.push({ path: 'context.requestId', message: 'This decision is not about a request you can answer' });
    else if (r.status !== 'allocated') errors.push({ path: 'context.requestId', message: 'The request is no longer waiting for an answer' });
    else if (record.recipientAgencyId !== r.from_agency_id)
      errors.push({ path: 'record.recipientAgencyId', message: `A decision about a request is about sharing with the agency that asked: ${r.from_agency_name}` });
    else links.request_id = r.id;
  }
  if (ctx?.sourceDisclosureId) {
    const d = isUuid(ctx.sourceDisclosureId) ? await disclosureForDecision(deps.db, actor.partnershipId, ctx.sourceDisclosureId) : undefined;
    if (!d || d.child_id !== childId || !canOpenDisclosure(actor, { fromAgencyId: d.from_agency_id, fromUserId: d.from_user_id, toAgencyId: d.to_agency_id, toUserId: d.to_user_id })) {
      errors.push({ path: 'context.sourceDisclosureId', message: 'This decision is not about information your agency received' });
    } else if (d.status !== 'opened') {
      errors.push({ path: 'context.sourceDisclosureId', message: 'Open the information before deciding whether to pass it on' });
    } else {
      links.source_disclosure_id = d.id;
      if (record.action === 'shared') {
        if (!record.recipientAgencyId) errors.push({ path: 'record.recipientAgencyId', message: 'Received information can be passed on only to an agency in the partnership' });
        else if (await isOnwardSource(deps.db, actor.partnershipId, d.id, record.recipientAgencyId)) errors.push({ path: 'record.recipientAgencyId', message: SOURCE_RECIPIENT_MESSAGE });
        else {
          const blockers = await onwardBlockers(deps.db, actor, d.id, record.recipientAgencyId);
          if (!blockers.passable.length) {
            errors.push({
              path: 'record.action',
              message: `${blockers.missing.join(' and ')} ${blockers.missing.length > 1 ? 'have' : 'has'} not agreed to this information being shared with that agency. Ask the originator for agreement first.`,
            });
          }
          links.onward_agreement_ids = blockers.agreementIds;
        }
      }
    }
  }
  return { links, errors };
}
