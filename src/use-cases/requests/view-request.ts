// Read one request with its history and notes, for either side of it. Audited; anyone else gets
// "not found" (and the attempt is audited).
import { disclosuresAnswering } from '../../db/queries/disclosures.ts';
import { allocatableStaff, requestEvents } from '../../db/queries/requests.ts';
import { canRespond, canSeeRequest, canTriage, isRequestingSide, type RequestRules, type RequestStatus, requestRules, requestTransition } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { REQUEST, reach } from '../kernel/gateway.ts';
import { readNotificationsAbout } from '../kernel/notify.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { type ChildIdentity, unsealAs } from '../kernel/sealed.ts';

export interface RequestView {
  /** When it last changed: forms send it back so a stale page cannot act unawares. */
  version: string;
  id: string;
  childId: string;
  child: ChildIdentity;
  from: { agencyId: string; agencyName: string; userId: string; userName: string };
  to: { agencyId: string; agencyName: string };
  allocated: { userId: string; name: string } | null;
  purpose: string;
  lawfulBasis: string;
  urgency: string;
  pack: string;
  status: RequestStatus;
  dueAt: Date;
  overdue: boolean;
  escalationLevel: number;
  createdAt: Date;
  closedAt: Date | null;
  response: string | null;
  responseDecisionId: string | null;
  informationNeeded: string;
  reason: string;
  consent: string;
  consentDetail: string | null;
  events: { id: string; at: Date; kind: string; byName: string | null; byAgencyName: string | null; details: Record<string, unknown>; note: string | null }[];
  disclosures: { id: string; sentAt: Date; status: string; scope: string }[];
  /** What the actor may do now. */
  can: { triage: boolean; allocate: boolean; respond: boolean; askMore: boolean; provideMore: boolean; resubmit: boolean; withdraw: boolean };
  side: 'requesting' | 'receiving';
  rules: RequestRules;
  /** For allocation: the receiving agency's active staff. */
  allocatable: { id: string; name: string }[];
}

export async function viewRequest(deps: Deps, actor: Actor, requestId: string): Promise<Outcome<RequestView>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, REQUEST, requestId, 'request.viewed', (r) => canSeeRequest(actor, r.parties));
    if (!row) return notFound;
    const { parties } = row;
    const status = row.status as RequestStatus;
    const narrative = unsealAs(deps.keyring, 'request', row.id, row.sealed);
    const events = await requestEvents(trx, actor.partnershipId, row.id);
    const disclosures = await disclosuresAnswering(trx, actor.partnershipId, row.id);
    const triage = canTriage(actor, parties);
    const requesting = isRequestingSide(actor, parties);
    const allocatable = triage ? await allocatableStaff(trx, actor.partnershipId, row.to_agency_id) : [];
    await appendAudit(trx, auditActor(actor), { action: 'request.viewed', subjectType: 'request', subjectId: row.id, childId: row.child_id });
    const now = deps.now();
    await readNotificationsAbout(trx, actor, `/requests/${row.id}`, now);
    return ok({
      id: row.id,
      childId: row.child_id,
      child: narrative.child,
      from: { agencyId: row.from_agency_id, agencyName: row.from_agency_name, userId: row.from_user_id, userName: row.from_user_name },
      to: { agencyId: row.to_agency_id, agencyName: row.to_agency_name },
      allocated: row.allocated_to ? { userId: row.allocated_to, name: row.allocated_name ?? '' } : null,
      purpose: row.purpose,
      lawfulBasis: row.lawful_basis,
      urgency: row.urgency,
      pack: row.pack,
      status,
      dueAt: row.due_at,
      overdue: !row.closed_at && row.due_at.getTime() < now.getTime(),
      escalationLevel: row.escalation_level,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      version: row.updated_at.toISOString(),
      response: row.response,
      responseDecisionId: row.response_decision_id,
      informationNeeded: narrative.informationNeeded,
      reason: narrative.reason,
      consent: narrative.consent,
      consentDetail: narrative.consentDetail,
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind,
        byName: e.by_name,
        byAgencyName: e.by_agency_name,
        details: e.details,
        note: e.sealed ? unsealAs(deps.keyring, 'request-event', e.id, e.sealed).note : null,
      })),
      disclosures: disclosures.map((d) => ({ id: d.id, sentAt: d.sent_at, status: d.status, scope: d.scope })),
      can: {
        triage: triage && requestTransition(status, 'accept') !== undefined,
        allocate: triage && requestTransition(status, 'allocate') !== undefined,
        respond: canRespond(actor, parties) && status === 'allocated',
        askMore: canRespond(actor, parties) && requestTransition(status, 'ask_more') !== undefined,
        provideMore: requesting && requestTransition(status, 'provide_more') !== undefined,
        resubmit: requesting && requestTransition(status, 'resubmit') !== undefined,
        withdraw: requesting && requestTransition(status, 'withdraw') !== undefined,
      },
      side: requesting ? 'requesting' : 'receiving',
      rules: requestRules(deps.packs.get(row.pack)!),
      allocatable,
    });
  });
}
