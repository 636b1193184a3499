// Read one recorded decision in full, including its sealed narrative. Audited.
import { sendContext } from '../../db/queries/disclosures.ts';
import type { Decision } from '../../domain/decision/engine.ts';
import { type ApprovalStatus, canApproveDecision, canWithdrawDecision, type DecisionState, decisionState } from '../../domain/decision-record.ts';
import { type SendBlocker, sendBlockers } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DECISION, reach } from '../kernel/gateway.ts';
import { readNotificationsAbout } from '../kernel/notify.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs } from '../kernel/sealed.ts';
import { sendingDecision } from '../kernel/sending.ts';

export interface DecisionView {
  id: string;
  /** Sent back by the decision's forms (optimistic concurrency, ADR 0073). */
  version: number;
  childId: string;
  childName: string;
  decidedAt: Date;
  decidedBy: { id: string; name: string };
  agency: { id: string; name: string };
  pack: string;
  engineVersion: string;
  answers: Record<string, unknown>;
  result: Decision;
  action: 'shared' | 'not_shared';
  recipient: { agencyId: string | null; name: string };
  purpose: string;
  consent: string | null;
  purposeDetail: string;
  informationShared: string | null;
  reasons: string | null;
  /** Why the actor cannot send information under this decision now (none: they can). */
  sendBlockers: SendBlocker[];
  /** What the decision has led to ("decided — not sent yet", "sent", "withdrawn" …). */
  state: DecisionState;
  sentDisclosureId: string | null;
  /** A designated manager's approval of sharing against the advice (Haringey 2006 s.4.6). */
  approval: { status: ApprovalStatus; role: string | null; byName: string | null; at: Date | null; note: string | null };
  withdrawal: { byName: string | null; at: Date; reason: string } | null;
  can: { approve: boolean; withdraw: boolean };
}

export async function viewDecision(deps: Deps, actor: Actor, decisionId: string): Promise<Outcome<DecisionView>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, DECISION, decisionId, 'decision.viewed', (d) => Boolean(d.child_visible));
    if (!row) return notFound;
    const narrative = unsealAs(deps.keyring, 'decision', row.id, row.sealed);
    const sending = await sendContext(trx, scopeOf(actor), row.id);
    const state = decisionState({ action: row.action, approvalStatus: row.approval_status, withdrawn: row.withdrawn_at !== null, sent: row.sent_disclosure_id !== null });
    await appendAudit(trx, auditActor(actor), { action: 'decision.viewed', subjectType: 'decision', subjectId: row.id, childId: row.child_id });
    await readNotificationsAbout(trx, actor, `/decisions/${row.id}`, deps.now());
    return ok({
      id: row.id,
      version: row.version,
      childId: row.child_id,
      childName: `${row.child_given_name} ${row.child_family_name}`,
      decidedAt: row.decided_at,
      decidedBy: { id: row.decided_by, name: row.decided_by_name },
      agency: { id: row.agency_id, name: row.agency_name },
      pack: row.pack,
      engineVersion: row.engine_version,
      answers: row.answers,
      result: row.result as unknown as Decision,
      action: row.action as 'shared' | 'not_shared',
      recipient: { agencyId: row.recipient_agency_id, name: row.recipient_agency_name ?? row.recipient_other ?? '' },
      purpose: row.purpose,
      consent: row.consent,
      ...narrative,
      sendBlockers: sending ? sendBlockers(actor, sendingDecision(sending, deps.packs, deps.now())) : ['not_decider'],
      state,
      sentDisclosureId: row.sent_disclosure_id,
      approval: {
        status: row.approval_status as ApprovalStatus,
        role: row.approver_role,
        byName: row.approved_by_name,
        at: row.approved_at,
        note: row.approval_sealed ? unsealAs(deps.keyring, 'decision-approval', row.id, row.approval_sealed).note : null,
      },
      withdrawal:
        row.withdrawn_at && row.withdrawal_sealed
          ? { byName: row.withdrawn_by_name, at: row.withdrawn_at, reason: unsealAs(deps.keyring, 'decision-withdrawal', row.id, row.withdrawal_sealed).reason }
          : null,
      can: {
        approve:
          row.approval_status === 'pending' && state === 'awaiting_approval' && canApproveDecision(actor, { agencyId: row.agency_id, decidedBy: row.decided_by, approverRole: row.approver_role }),
        withdraw: (state === 'decided_not_sent' || state === 'awaiting_approval') && canWithdrawDecision(actor, { agencyId: row.agency_id, decidedBy: row.decided_by }),
      },
    });
  });
}
