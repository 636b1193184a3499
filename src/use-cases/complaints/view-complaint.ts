// Read one complaint (audited): for the team handling it in the agency concerned, whoever recorded
// it, and the register's keepers.
import { type ComplaintRules, canRespondToComplaint, canSeeComplaint } from '../../domain/complaints.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs } from '../kernel/sealed.ts';
import { complaintFor, rulesOf } from './_complaint.ts';

export interface ComplaintView {
  id: string;
  agency: { id: string; name: string };
  recordedBy: { name: string; agencyName: string };
  childId: string | null;
  requestId: string | null;
  disclosureId: string | null;
  decisionId: string | null;
  complainant: string;
  receivedOn: string;
  responseDueAt: Date;
  overdue: boolean;
  status: 'open' | 'closed';
  outcome: string | null;
  respondedOn: string | null;
  summary: string;
  response: string | null;
  createdAt: Date;
  closedAt: Date | null;
  rules: ComplaintRules;
  can: { respond: boolean };
}

export async function viewComplaint(deps: Deps, actor: Actor, id: string): Promise<Outcome<ComplaintView>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await complaintFor(deps, trx, actor, id, 'complaint.viewed', (r, x) => canSeeComplaint(actor, { agencyId: r.agency_id, recordedBy: r.recorded_by }, x.rules, x.registerRoles));
    if (!row) return notFound;
    const { rules } = rulesOf(deps, row.pack);
    const sealed = unsealAs(deps.keyring, 'complaint', row.id, row.sealed);
    await appendAudit(trx, auditActor(actor), { action: 'complaint.viewed', subjectType: 'complaint', subjectId: row.id, childId: row.child_id ?? undefined });
    const status = row.status as 'open' | 'closed';
    return ok({
      id: row.id,
      agency: { id: row.agency_id, name: row.agency_name },
      recordedBy: { name: row.recorded_by_name, agencyName: row.recording_agency_name },
      childId: row.child_id,
      requestId: row.request_id,
      disclosureId: row.disclosure_id,
      decisionId: row.decision_id,
      complainant: row.complainant,
      receivedOn: row.received_on,
      responseDueAt: row.response_due_at,
      overdue: status === 'open' && row.response_due_at.getTime() < deps.now().getTime(),
      status,
      outcome: row.outcome,
      respondedOn: row.responded_on,
      summary: sealed.summary,
      response: sealed.response,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      rules,
      can: { respond: status === 'open' && canRespondToComplaint(actor, { agencyId: row.agency_id }, rules) },
    });
  });
}
