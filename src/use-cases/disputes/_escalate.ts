// Moving a dispute to its next stage, by a person (one action) or by the deadline job where the
// pack says so (Haringey 2006 s.12.2). One place, so that the two cannot drift apart.
import { type DisputeRow, updateDispute } from '../../db/queries/disputes.ts';
import { stageDueAt, stageOf } from '../../domain/disputes.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { addDisputeEvent, notifyStage, partiesOf, rulesOf } from './_dispute.ts';

/** Move the dispute from the stage it is at to the next; false if someone else moved it first. */
export async function moveToNextStage(
  deps: Deps,
  trx: Tx,
  row: Pick<DisputeRow, 'partnership_id' | 'id' | 'pack' | 'stage' | 'raised_by' | 'raising_agency_id' | 'other_agency_id'>,
  by: { userId: string | null; agencyId: string | null },
  details: Record<string, unknown>,
  reason: string | null,
): Promise<{ stage: number; dueAt: Date } | undefined> {
  const rules = rulesOf(deps, row.pack);
  const now = deps.now();
  const stage = row.stage + 1;
  const dueAt = stageDueAt(rules, stage, now);
  const moved = await updateDispute(trx, row.partnership_id, row.id, { stage, stage_started_at: now, stage_due_at: dueAt }, { stage: row.stage, status: 'open' });
  if (!moved) return undefined;
  await addDisputeEvent(
    deps,
    trx,
    { partnershipId: row.partnership_id, ...by },
    row.id,
    'escalated',
    stage,
    { from: row.stage, to: stage, dueAt: dueAt.toISOString(), ...details },
    reason ? { reason } : undefined,
  );
  await notifyStage(deps, trx, row.partnership_id, partiesOf(row), stageOf(rules, stage), 'dispute.escalated', row.id, by.userId ?? undefined);
  return { stage, dueAt };
}
