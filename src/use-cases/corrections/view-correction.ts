// A reported inaccuracy, for the originator deciding it (and the reporting agency following it):
// the item as originally recorded, what the recipient reported, the decision, and which agencies
// the correction reached and whether each has acknowledged it. Audited.
import { canDecideCorrection } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { isUuid } from '../kernel/gateway.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { readPayload } from '../disclosures/_payload.ts';
import { notFound, ok, type Outcome } from '../kernel/outcome.ts';
import { unseal } from '../kernel/sealing.ts';
import { correctionContext, type CorrectionSealed } from './report-inaccuracy.ts';
import { findDisclosure } from '../../db/queries/disclosures.ts';

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
}

/** The correction with its origin item, if the actor is on the originating or reporting side. */
export async function correctionFor(trx: Tx, actor: Actor, correctionId: string, attempted: string, allowReporter: boolean) {
  const row = isUuid(correctionId)
    ? await trx
        .selectFrom('correction as c')
        .innerJoin('disclosure_item as i', (j) => j.onRef('i.partnership_id', '=', 'c.partnership_id').onRef('i.id', '=', 'c.origin_item_id'))
        .innerJoin('agency as oa', (j) => j.onRef('oa.partnership_id', '=', 'c.partnership_id').onRef('oa.id', '=', 'c.originator_agency_id'))
        .innerJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'c.partnership_id').onRef('ra.id', '=', 'c.reporting_agency_id'))
        .innerJoin('staff_user as ru', (j) => j.onRef('ru.partnership_id', '=', 'c.partnership_id').onRef('ru.id', '=', 'c.reported_by'))
        .innerJoin('child as ch', (j) => j.onRef('ch.partnership_id', '=', 'c.partnership_id').onRef('ch.id', '=', 'c.child_id'))
        .selectAll('c')
        .select(['i.label', 'i.kind', 'i.disclosure_id as origin_disclosure_id', 'i.originator_user_id', 'oa.name as originator_agency_name', 'ra.name as reporting_agency_name', 'ru.display_name as reported_by_name', 'ch.given_name', 'ch.family_name'])
        .where('c.partnership_id', '=', actor.partnershipId)
        .where('c.id', '=', correctionId)
        .executeTakeFirst()
    : undefined;
  const deciding = row && canDecideCorrection(actor, { originatorAgencyId: row.originator_agency_id, originatorUserId: row.originator_user_id });
  const reporting = row && allowReporter && row.reporting_agency_id === actor.agencyId;
  if (row && (deciding || reporting)) return { row, deciding: !!deciding };
  await appendAudit(trx, auditActor(actor), { action: attempted, outcome: row ? 'denied' : 'not_found', subjectType: 'correction', subjectId: isUuid(correctionId) ? correctionId : undefined, childId: row?.child_id });
  return undefined;
}

export async function viewCorrection(deps: Deps, actor: Actor, correctionId: string): Promise<Outcome<CorrectionView>> {
  return deps.db.transaction().execute(async (trx) => {
    const found = await correctionFor(trx, actor, correctionId, 'correction.viewed', true);
    if (!found) return notFound;
    const { row, deciding } = found;
    const sealed = unseal<CorrectionSealed>(deps.keyring, correctionContext(row.id), row.sealed);
    // The originating agency reads its own item's value from the disclosure it first sent it in.
    const origin = deciding ? await findDisclosure(trx, actor.partnershipId, row.origin_disclosure_id) : undefined;
    const originalValue = origin ? (readPayload(deps.keyring, origin)?.items.find((i) => i.id === row.origin_item_id)?.value ?? null) : null;
    const deliveries = await trx
      .selectFrom('correction_delivery as cd')
      .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'cd.partnership_id').onRef('a.id', '=', 'cd.agency_id'))
      .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'cd.partnership_id').onRef('u.id', '=', 'cd.acknowledged_by'))
      .select(['a.name as agency_name', 'cd.delivered_at', 'cd.acknowledged_at', 'u.display_name as acknowledged_by_name'])
      .where('cd.partnership_id', '=', actor.partnershipId)
      .where('cd.correction_id', '=', row.id)
      .orderBy('a.name')
      .execute();
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
    });
  });
}
