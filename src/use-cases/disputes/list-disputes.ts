// The disputes the actor's agency is party to, newest first (metadata only: no narrative).
import { listDisputes as listDisputeRows } from '../../db/queries/disputes.ts';
import type { DisputeStatus } from '../../domain/disputes.ts';
import { type Actor, hasRole } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';

export interface DisputeListRow {
  id: string;
  childId: string | null;
  raisingAgencyName: string;
  otherAgencyName: string;
  status: DisputeStatus;
  stage: number;
  stageDueAt: Date;
  overdue: boolean;
  createdAt: Date;
}

export async function listDisputes(deps: Deps, actor: Actor): Promise<DisputeListRow[]> {
  if (!hasRole(actor, 'practitioner', 'designated_safeguarding_lead', 'spoc', 'ig_lead', 'caldicott_guardian')) return [];
  const now = deps.now().getTime();
  const rows = await listDisputeRows(deps.db, actor.partnershipId, actor.agencyId);
  return rows.map((r) => ({
    id: r.id,
    childId: r.child_id,
    raisingAgencyName: r.raising_agency_name,
    otherAgencyName: r.other_agency_name,
    status: r.status as DisputeStatus,
    stage: r.stage,
    stageDueAt: r.stage_due_at,
    overdue: r.status === 'open' && r.stage_due_at.getTime() < now,
    createdAt: r.created_at,
  }));
}
