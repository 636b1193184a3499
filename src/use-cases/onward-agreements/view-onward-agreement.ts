// A request for agreement to onward sharing, for the originating agency deciding it: who asks, to
// share with whom, why, and which of the originator's own items are concerned, each with its answer
// once given (and the reason for each refusal). Audited.

import { canAnswerAgreement } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DISCLOSURE, ONWARD_AGREEMENT, reach } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs, unsealDisclosurePayload } from '../kernel/sealed.ts';
import { agreementItems } from './_items.ts';

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
  /** The originator's items concerned; `agreed` is null until answered, `reason` says why one was refused. */
  items: { id: string; label: string; kind: string; value: string | null; originatedAt: Date; agreed: boolean | null; reason: string | null }[];
  canAnswer: boolean;
}

export async function viewOnwardAgreement(deps: Deps, actor: Actor, agreementId: string): Promise<Outcome<AgreementView>> {
  return deps.db.transaction().execute(async (trx) => {
    const g = await reach(trx, actor, ONWARD_AGREEMENT, agreementId, 'onward-agreement.viewed', (r) => canAnswerAgreement(actor, r.parties));
    if (!g) return notFound;
    const sealed = unsealAs(deps.keyring, 'onward-agreement', g.id, g.sealed);
    const items = await agreementItems(trx, actor.partnershipId, g);
    // The originator's own values, from the disclosures it first sent them in.
    const values = new Map<string, string>();
    for (const originId of new Set(items.map((i) => i.origin_disclosure_id))) {
      const origin = await DISCLOSURE.load(trx, actor, originId);
      for (const p of (origin && unsealDisclosurePayload(deps.keyring, origin)?.items) || []) values.set(p.id, p.value);
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
      items: items.map((i) => ({
        id: i.id,
        label: i.label,
        kind: i.kind,
        value: values.get(i.origin_item_id) ?? null,
        originatedAt: i.originated_at,
        agreed: i.agreed,
        reason: i.agreed === false ? (sealed.itemReasons?.[i.id] ?? sealed.reasons) : null,
      })),
      canAnswer: g.status === 'requested',
    });
  });
}
