// Complaints about the actor's agency (for its handling team) or recorded by its staff — metadata only.
import { listComplaints as rows } from '../../db/queries/complaints.ts';
import { complaintRules } from '../../domain/complaints.ts';
import { type Actor, hasRole } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';

export interface ComplaintListRow {
  id: string;
  agencyName: string;
  complainant: string;
  receivedOn: string;
  responseDueAt: Date;
  overdue: boolean;
  status: string;
  outcome: string | null;
}

export async function listComplaints(deps: Deps, actor: Actor, pack: string): Promise<ComplaintListRow[]> {
  const handles = hasRole(actor, ...complaintRules(deps.packs.get(pack)!).handledBy);
  const now = deps.now().getTime();
  return (await rows(deps.db, actor.partnershipId, actor.agencyId))
    .filter((r) => r.recorded_by === actor.userId || (handles && r.agency_id === actor.agencyId))
    .map((r) => ({
      id: r.id,
      agencyName: r.agency_name,
      complainant: r.complainant,
      receivedOn: r.received_on,
      responseDueAt: r.response_due_at,
      overdue: r.status === 'open' && r.response_due_at.getTime() < now,
      status: r.status,
      outcome: r.outcome,
    }));
}
