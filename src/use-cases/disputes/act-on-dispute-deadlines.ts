// The dispute deadline job: an open dispute whose stage is past its time is escalated to the next
// stage where the pack says so (Haringey 2006 s.12.2: unresolved "within a reasonable period of
// time" → mediation), and otherwise its stage's people are reminded, once per stage. Each dispute
// is one transaction; running the job twice does nothing more.
import { randomUUID } from 'node:crypto';
import { dueDisputes, updateDispute } from '../../db/queries/disputes.ts';
import { onStageDeadline, stageOf } from '../../domain/disputes.ts';
import { type AuditActor, appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { addDisputeEvent, notifyStage, partiesOf, rulesOf } from './_dispute.ts';
import { moveToNextStage } from './_escalate.ts';

export async function actOnDisputeDeadlines(deps: Deps, batch = 200): Promise<{ escalated: number; reminded: number }> {
  const now = deps.now();
  let escalated = 0;
  let reminded = 0;
  for (const d of await dueDisputes(deps.db, now, batch)) {
    const rules = rulesOf(deps, d.pack);
    const action = onStageDeadline(rules, { stage: d.stage, stageDueAt: d.stage_due_at, remindedStage: d.reminded_stage }, now);
    if (action === 'none') continue;
    const system: AuditActor = { partnershipId: d.partnership_id, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() };
    await deps.db.transaction().execute(async (trx) => {
      const stage = stageOf(rules, d.stage);
      if (action === 'escalate') {
        const moved = await moveToNextStage(deps, trx, d, { userId: null, agencyId: null }, { by: 'deadline', clause: rules.clause }, null);
        if (!moved) return;
        await appendAudit(trx, system, {
          action: 'dispute.escalated',
          subjectType: 'dispute',
          subjectId: d.id,
          childId: d.child_id ?? undefined,
          details: { from: d.stage, to: moved.stage, automatic: true, dueAt: d.stage_due_at.toISOString() },
        });
        escalated++;
      } else {
        const claimed = await updateDispute(trx, d.partnership_id, d.id, { reminded_stage: d.stage }, { stage: d.stage, status: 'open' });
        if (!claimed) return;
        await addDisputeEvent(deps, trx, { partnershipId: d.partnership_id, userId: null, agencyId: null }, d.id, 'reminded', d.stage, { dueAt: d.stage_due_at.toISOString(), within: stage.within });
        await notifyStage(deps, trx, d.partnership_id, partiesOf(d), stage, 'dispute.overdue', d.id);
        await appendAudit(trx, system, {
          action: 'dispute.reminded',
          subjectType: 'dispute',
          subjectId: d.id,
          childId: d.child_id ?? undefined,
          details: { stage: d.stage, dueAt: d.stage_due_at.toISOString() },
        });
        reminded++;
      }
    });
  }
  return { escalated, reminded };
}
