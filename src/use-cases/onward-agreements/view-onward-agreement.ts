// A request for agreement to onward sharing, for the originating agency deciding it: who asks, to
// share with whom, why, and which of the originator's own items are concerned. Audited.
import { hasRole, type Actor } from '../../domain/staff.ts';
import { disclosureItems, findDisclosure } from '../../db/queries/disclosures.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { isUuid } from '../kernel/gateway.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { readPayload } from '../disclosures/_payload.ts';
import { notFound, ok, type Outcome } from '../kernel/outcome.ts';
import { unseal } from '../kernel/sealing.ts';
import { agreementContext } from './request-onward-agreement.ts';

export interface AgreementView {
  id: string;
  childId: string;
  childName: string;
  status: string;
  requestedBy: { name: string; agencyName: string; at: Date };
  toAgencyName: string;
  originatorAgencyName: string;
  purpose: string;
  reasons: string | null;
  answeredAt: Date | null;
  items: { label: string; kind: string; value: string | null; originatedAt: Date }[];
  canAnswer: boolean;
}

/** The agreement, if the actor is the originating agency's lead or an originator of its items. */
export async function agreementFor(trx: Tx, actor: Actor, agreementId: string, attempted: string) {
  const row = isUuid(agreementId)
    ? await trx
        .selectFrom('onward_agreement as g')
        .innerJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'g.partnership_id').onRef('ra.id', '=', 'g.requesting_agency_id'))
        .innerJoin('agency as ta', (j) => j.onRef('ta.partnership_id', '=', 'g.partnership_id').onRef('ta.id', '=', 'g.to_agency_id'))
        .innerJoin('agency as oa', (j) => j.onRef('oa.partnership_id', '=', 'g.partnership_id').onRef('oa.id', '=', 'g.originator_agency_id'))
        .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'g.partnership_id').onRef('u.id', '=', 'g.requested_by'))
        .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'g.partnership_id').onRef('c.id', '=', 'g.child_id'))
        .selectAll('g')
        .select(['ra.name as requesting_agency_name', 'ta.name as to_agency_name', 'oa.name as originator_agency_name', 'u.display_name as requested_by_name', 'c.given_name', 'c.family_name'])
        .where('g.partnership_id', '=', actor.partnershipId)
        .where('g.id', '=', agreementId)
        .executeTakeFirst()
    : undefined;
  let allowed = row !== undefined && row.originator_agency_id === actor.agencyId && hasRole(actor, 'spoc', 'designated_safeguarding_lead');
  if (row && !allowed && row.originator_agency_id === actor.agencyId) {
    const mine = await trx
      .selectFrom('disclosure_item')
      .select('id')
      .where('partnership_id', '=', actor.partnershipId)
      .where('disclosure_id', '=', row.disclosure_id)
      .where('originator_user_id', '=', actor.userId)
      .executeTakeFirst();
    allowed = mine !== undefined;
  }
  if (row && allowed) return row;
  await appendAudit(trx, auditActor(actor), { action: attempted, outcome: row ? 'denied' : 'not_found', subjectType: 'onward-agreement', subjectId: isUuid(agreementId) ? agreementId : undefined, childId: row?.child_id });
  return undefined;
}

export async function viewOnwardAgreement(deps: Deps, actor: Actor, agreementId: string): Promise<Outcome<AgreementView>> {
  return deps.db.transaction().execute(async (trx) => {
    const g = await agreementFor(trx, actor, agreementId, 'onward-agreement.viewed');
    if (!g) return notFound;
    const sealed = unseal<{ purpose: string; reasons: string | null }>(deps.keyring, agreementContext(g.id), g.sealed);
    const items = (await disclosureItems(trx, actor.partnershipId, g.disclosure_id)).filter((i) => i.originator_agency_id === actor.agencyId);
    // The originator's own values, from the disclosures it first sent them in.
    const values = new Map<string, string>();
    for (const originId of new Set(items.map((i) => i.origin_disclosure_id))) {
      const origin = await findDisclosure(trx, actor.partnershipId, originId);
      for (const p of (origin && readPayload(deps.keyring, origin)?.items) || []) values.set(p.id, p.value);
    }
    await appendAudit(trx, auditActor(actor), { action: 'onward-agreement.viewed', subjectType: 'onward-agreement', subjectId: g.id, childId: g.child_id });
    return ok({
      id: g.id,
      childId: g.child_id,
      childName: `${g.given_name} ${g.family_name}`,
      status: g.status,
      requestedBy: { name: g.requested_by_name, agencyName: g.requesting_agency_name, at: g.requested_at },
      toAgencyName: g.to_agency_name,
      originatorAgencyName: g.originator_agency_name,
      purpose: sealed.purpose,
      reasons: sealed.reasons,
      answeredAt: g.answered_at,
      items: items.map((i) => ({ label: i.label, kind: i.kind, value: values.get(i.origin_item_id) ?? null, originatedAt: i.originated_at })),
      canAnswer: g.status === 'requested',
    });
  });
}
