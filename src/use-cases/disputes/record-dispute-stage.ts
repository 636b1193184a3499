// The people who act at the current stage record what was discussed, the outcome and why
// (Southampton 2010 s.13: "the process followed, the reason why information was not shared, the
// impact this had"; Haringey 2006 s.12.1 "all reasonable endeavours to resolve the dispute"). An
// agreement, or the last stage's final decision, concludes the dispute; both agencies are then
// asked to record the outcome and its impact.
import { updateDispute } from '../../db/queries/disputes.ts';
import { afterStageRecord, canActAtStage, type DisputeStatus, disputeTransition, type StageRecordInput, stageOf, stageRecordSchema } from '../../domain/disputes.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { staleConflict } from '../kernel/stale.ts';
import { addDisputeEvent, disputeFor, notifyStage, partiesOf, rulesOf } from './_dispute.ts';

export async function recordDisputeStage(deps: Deps, actor: Actor, disputeId: string, input: StageRecordInput & { seen?: string | null }): Promise<Outcome<{ status: DisputeStatus; stage: number }>> {
  const { seen = null, ...fields } = input ?? {};
  const parsed = stageRecordSchema.safeParse(fields);
  return deps.db.transaction().execute(async (trx) => {
    const row = await disputeFor(deps, trx, actor, disputeId, 'dispute.stage-recorded', (r, rules) => canActAtStage(actor, partiesOf(r), stageOf(rules, r.stage)));
    if (!row) return notFound;
    const stale = await staleConflict(trx, actor.partnershipId, 'dispute', row, seen);
    if (stale) return stale;
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const status = row.status as DisputeStatus;
    if (!disputeTransition(status, 'record_stage')) return conflict('This dispute has concluded: its stages can no longer be recorded.');
    const rules = rulesOf(deps, row.pack);
    const v = parsed.data;
    const now = deps.now();
    const after = afterStageRecord(rules, row.stage, v.outcome);
    await addDisputeEvent(deps, trx, actor, row.id, 'stage_recorded', row.stage, { outcome: v.outcome }, { discussed: v.discussed, reasons: v.reasons });
    if (after === 'concluded') {
      await updateDispute(trx, actor.partnershipId, row.id, { status: 'concluded', concluded_at: now });
      await addDisputeEvent(deps, trx, actor, row.id, 'concluded', row.stage, { outcome: v.outcome });
    } else await updateDispute(trx, actor.partnershipId, row.id, { status }); // a new version: a page showing the stage before this record is stale

    await appendAudit(trx, auditActor(actor), {
      action: 'dispute.stage-recorded',
      subjectType: 'dispute',
      subjectId: row.id,
      childId: row.child_id ?? undefined,
      details: { stage: row.stage, outcome: v.outcome, concluded: after === 'concluded' },
    });
    const link = `/disputes/${row.id}`;
    if (after === 'concluded') {
      for (const agencyId of [row.raising_agency_id, row.other_agency_id]) {
        await notify(
          trx,
          now,
          actor.partnershipId,
          'dispute.concluded',
          link,
          { agency: { agencyId, roles: ['designated_safeguarding_lead', 'spoc', 'ig_lead'] }, userIds: [row.raised_by] },
          actor.userId,
        );
      }
    } else {
      await notifyStage(deps, trx, actor.partnershipId, partiesOf(row), stageOf(rules, row.stage), 'dispute.stage-recorded', row.id, actor.userId);
    }
    return ok({ status: after, stage: row.stage });
  });
}
