// The request queues: requests to the actor's agency (all of them for its SPoC and safeguarding
// lead — the triage queue — or those allocated to the actor) and requests the actor (or, for a
// lead, their agency) has made. Children's names are personal data, so the listing is audited.
import { incomingRequests, outgoingRequests, type RequestRow } from '../../db/queries/requests.ts';
import type { RequestStatus } from '../../domain/requests.ts';
import { type Actor, isAgencyLead } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';

export interface RequestListRow {
  id: string;
  childId: string;
  childName: string;
  fromAgencyName: string;
  fromUserName: string;
  toAgencyName: string;
  allocatedName: string | null;
  urgency: string;
  purpose: string;
  status: RequestStatus;
  dueAt: Date;
  overdue: boolean;
  escalationLevel: number;
  createdAt: Date;
}

export interface RequestQueues {
  incoming: RequestListRow[];
  outgoing: RequestListRow[];
  /** The actor sees the whole agency's incoming queue (SPoC or safeguarding lead). */
  isLead: boolean;
}

const row = (r: RequestRow, now: Date): RequestListRow => ({
  id: r.id,
  childId: r.child_id,
  childName: `${r.child_given_name} ${r.child_family_name}`,
  fromAgencyName: r.from_agency_name,
  fromUserName: r.from_user_name,
  toAgencyName: r.to_agency_name,
  allocatedName: r.allocated_name,
  urgency: r.urgency,
  purpose: r.purpose,
  status: r.status as RequestStatus,
  dueAt: r.due_at,
  overdue: !r.closed_at && r.due_at.getTime() < now.getTime(),
  escalationLevel: r.escalation_level,
  createdAt: r.created_at,
});

export async function listRequests(deps: Deps, actor: Actor): Promise<RequestQueues> {
  const isLead = isAgencyLead(actor);
  return deps.db.transaction().execute(async (trx) => {
    const incoming = await incomingRequests(trx, scopeOf(actor), isLead ? null : actor.userId);
    const outgoing = await outgoingRequests(trx, scopeOf(actor), isLead ? null : actor.userId);
    await appendAudit(trx, auditActor(actor), {
      action: 'request.listed',
      subjectType: 'request',
      details: { incoming: incoming.map((r) => r.id), outgoing: outgoing.map((r) => r.id) },
    });
    const now = deps.now();
    return { incoming: incoming.map((r) => row(r, now)), outgoing: outgoing.map((r) => row(r, now)), isLead };
  });
}
