// A reported inaccuracy, for the originator deciding it (and the reporting agency following it):
// the item as originally recorded, what the recipient reported, the decision, and which agencies
// the correction reached and whether each has acknowledged it. Audited.
import { correctionDeliveries } from '../../db/queries/corrections.ts';
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { type CorrectionClock, canDecideCorrection, canFollowCorrection, correctionClock } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { CORRECTION, DISCLOSURE, reach } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs, unsealDisclosurePayload } from '../kernel/sealed.ts';

export interface CorrectionView {
  id: string;
  childId: string;
  childName: string;
  status: string;
  label: string;
  kind: string;
  originalValue: string | null;
  originatorAgencyName: string;
  reportedBy: { name: string; agencyName: string; at: Date };
  description: string;
  correctedValue: string | null;
  decisionNote: string | null;
  decidedAt: Date | null;
  deliveries: { agencyName: string; deliveredAt: Date; acknowledgedAt: Date | null; acknowledgedByName: string | null }[];
  canDecide: boolean;
  /** While undecided, when the protocol expects a decision (null where it sets no clock), and the clause. */
  clock: (CorrectionClock & { clause: string; reminded: boolean }) | null;
}

export async function viewCorrection(deps: Deps, actor: Actor, correctionId: string): Promise<Outcome<CorrectionView>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, CORRECTION, correctionId, 'correction.viewed', (c) => canFollowCorrection(actor, c.parties));
    if (!row) return notFound;
    const deciding = canDecideCorrection(actor, row.parties);
    const sealed = unsealAs(deps.keyring, 'correction', row.id, row.sealed);
    // The originating agency reads its own item's value from the disclosure it first sent it in.
    const origin = deciding ? await DISCLOSURE.load(trx, actor, row.origin_disclosure_id) : undefined;
    const originalValue = origin ? (unsealDisclosurePayload(deps.keyring, origin)?.items.find((i) => i.id === row.origin_item_id)?.value ?? null) : null;
    const deliveries = await correctionDeliveries(trx, actor.partnershipId, row.id);
    const pack = deps.packs.get(await partnershipPack(trx, actor.partnershipId))!;
    const clock = row.status === 'reported' ? correctionClock(pack, row.reported_at) : null;
    await appendAudit(trx, auditActor(actor), { action: 'correction.viewed', subjectType: 'correction', subjectId: row.id, childId: row.child_id });
    return ok({
      id: row.id,
      childId: row.child_id,
      childName: `${row.given_name} ${row.family_name}`,
      status: row.status,
      label: row.label,
      kind: row.kind,
      originalValue,
      originatorAgencyName: row.originator_agency_name,
      reportedBy: { name: row.reported_by_name, agencyName: row.reporting_agency_name, at: row.reported_at },
      description: sealed.description,
      correctedValue: sealed.correctedValue,
      decisionNote: sealed.decisionNote,
      decidedAt: row.decided_at,
      deliveries: deliveries.map((x) => ({ agencyName: x.agency_name, deliveredAt: x.delivered_at, acknowledgedAt: x.acknowledged_at, acknowledgedByName: x.acknowledged_by_name })),
      canDecide: deciding && row.status === 'reported',
      clock: clock && { ...clock, clause: pack.accuracy.clause, reminded: row.reminded_at !== null },
    });
  });
}
