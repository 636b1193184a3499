// Escalation to the next stage is one action for the people who act at the current stage, or for
// whoever raised the dispute (Southampton 2010 s.13 "If still not resolved, the issue should
// escalate"; Haringey 2006 s.12.2; Sandwell 2022 s.14.1).
import { canEscalate, type DisputeStatus, disputeTransition, escalateSchema, isLastStage, stageOf } from '../../domain/disputes.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { staleConflict } from '../kernel/stale.ts';
import { disputeFor, partiesOf, rulesOf } from './_dispute.ts';
import { moveToNextStage } from './_escalate.ts';

export async function escalateDispute(
  deps: Deps,
  actor: Actor,
  disputeId: string,
  input: { reason?: string | null; seen?: string | null } = {},
): Promise<Outcome<{ status: DisputeStatus; stage: number; stageDueAt: Date }>> {
  const parsed = escalateSchema.safeParse({ reason: input?.reason ?? undefined });
  return deps.db.transaction().execute(async (trx) => {
    const row = await disputeFor(deps, trx, actor, disputeId, 'dispute.escalated', (r, rules) => canEscalate(actor, partiesOf(r), stageOf(rules, r.stage)));
    if (!row) return notFound;
    const stale = await staleConflict(trx, actor.partnershipId, 'dispute', row, input.seen ?? null);
    if (stale) return stale;
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const rules = rulesOf(deps, row.pack);
    if (!disputeTransition(row.status as DisputeStatus, 'escalate')) return conflict('This dispute has concluded: it cannot be escalated.');
    if (isLastStage(rules, row.stage)) return conflict(`Stage ${row.stage} is the last stage of your protocol's procedure: record its final decision instead.`);
    const moved = await moveToNextStage(deps, trx, row, actor, { by: 'person' }, parsed.data.reason);
    if (!moved) return conflict('The dispute has already moved on: reload it.');
    await appendAudit(trx, auditActor(actor), {
      action: 'dispute.escalated',
      subjectType: 'dispute',
      subjectId: row.id,
      childId: row.child_id ?? undefined,
      details: { from: row.stage, to: moved.stage, automatic: false },
    });
    return ok({ status: 'open', stage: moved.stage, stageDueAt: moved.dueAt });
  });
}
