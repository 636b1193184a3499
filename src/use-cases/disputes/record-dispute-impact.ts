// Both agencies record the outcome and its impact (Southampton 2010 s.13: "both agencies must
// record the process followed, the reason why information was not shared and the impact this had").
// The dispute closes when the second agency has recorded its own.
import { impactAgencies, updateDispute } from '../../db/queries/disputes.ts';
import { canRecordImpact, type DisputeStatus, disputeTransition, type ImpactInput, impactSchema } from '../../domain/disputes.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { addDisputeEvent, disputeFor, partiesOf } from './_dispute.ts';

export async function recordDisputeImpact(deps: Deps, actor: Actor, disputeId: string, input: ImpactInput): Promise<Outcome<{ status: DisputeStatus }>> {
  const parsed = impactSchema.safeParse(input ?? {});
  return deps.db.transaction().execute(async (trx) => {
    const row = await disputeFor(deps, trx, actor, disputeId, 'dispute.impact-recorded', (r) => canRecordImpact(actor, partiesOf(r)));
    if (!row) return notFound;
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    if (!disputeTransition(row.status as DisputeStatus, 'record_impact')) {
      return conflict(row.status === 'open' ? 'The dispute is still open: record its stages first.' : 'The dispute is closed.');
    }
    const recorded = await impactAgencies(trx, actor.partnershipId, row.id);
    if (recorded.includes(actor.agencyId)) return conflict('Your agency has already recorded the outcome and its impact.');
    await addDisputeEvent(deps, trx, actor, row.id, 'impact_recorded', row.stage, {}, { outcome: parsed.data.outcome, impact: parsed.data.impact });
    const both = new Set([...recorded, actor.agencyId]);
    const closes = both.has(row.raising_agency_id) && both.has(row.other_agency_id);
    if (closes) {
      await updateDispute(trx, actor.partnershipId, row.id, { status: 'closed', closed_at: deps.now() });
      await addDisputeEvent(deps, trx, actor, row.id, 'closed', row.stage);
    }
    await appendAudit(trx, auditActor(actor), { action: 'dispute.impact-recorded', subjectType: 'dispute', subjectId: row.id, childId: row.child_id ?? undefined, details: { closed: closes } });
    return ok({ status: closes ? 'closed' : 'concluded' });
  });
}
