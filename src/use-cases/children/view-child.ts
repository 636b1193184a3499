// A child's record: details, family and carers, involved agencies and the chronology of
// sharing decisions. The read and its audit event are one statement (see
// db/queries/child-record.ts); a refused attempt is audited too.

import { type ChildRecordRow, type DecisionSummaryRow, type ExchangeEventRow, type FamilyMemberRow, type InvolvedAgencyRow, readChildRecordAndAudit } from '../../db/queries/child-record.ts';
import { type DecisionState, decisionState } from '../../domain/decision-record.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { auditValues } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid, reachChild } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';

export type { ExchangeEventRow };

export interface ChildRecord {
  child: Omit<ChildRecordRow, 'family' | 'agencies' | 'decisions' | 'exchanges'>;
  /** Requests, disclosures and corrections: who, when, what state — never their content. */
  exchanges: ExchangeEventRow[];
  family: FamilyMemberRow[];
  agencies: InvolvedAgencyRow[];
  decisions: {
    id: string;
    decidedAt: Date;
    decidedByName: string;
    agencyName: string;
    outcome: string;
    action: string;
    purpose: string;
    consent: string | null;
    recipient: string;
    /** What the decision has led to: "Information shared" only once something was sent. */
    state: DecisionState;
  }[];
}

const summary = (d: DecisionSummaryRow) => ({
  id: d.id,
  decidedAt: d.decided_at,
  decidedByName: d.decided_by_name,
  agencyName: d.agency_name,
  outcome: d.outcome,
  action: d.action,
  purpose: d.purpose,
  consent: d.consent,
  recipient: d.recipient,
  state: decisionState({ action: d.action, approvalStatus: d.approval_status, withdrawn: d.withdrawn, sent: d.sent }),
});

/** `exchanges: false` leaves the requests, disclosures and corrections out (an empty list). */
export async function viewChild(deps: Deps, actor: Actor, childId: string, options: { exchanges?: boolean } = {}): Promise<Outcome<ChildRecord>> {
  const audit = auditValues(auditActor(actor), { action: 'child.viewed', subjectType: 'child' });
  const row = isUuid(childId) ? await readChildRecordAndAudit(deps.db, scopeOf(actor), childId, audit, { withExchanges: options.exchanges ?? true }) : undefined;
  if (!row) {
    await deps.db.transaction().execute((trx) => reachChild(trx, actor, childId, 'child.viewed'));
    return notFound;
  }
  const { family, agencies, decisions, exchanges, ...child } = row;
  return ok({ child, family, agencies, decisions: decisions.map(summary), exchanges });
}
