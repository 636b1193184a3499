// Read one dispute with its stages and history, for the two agencies, the people who act at its
// stages and the register's keepers. Every read is audited; anyone else gets "not found" (audited).
import { disputeEvents, impactAgencies } from '../../db/queries/disputes.ts';
import { canActAtStage, canEscalate, canRecordImpact, canSeeDispute, type DisputeRules, type DisputeStatus, disputeTransition, isLastStage, isParty, stageOf } from '../../domain/disputes.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs } from '../kernel/sealed.ts';
import { disputeFor, partiesOf, rulesOf } from './_dispute.ts';

export interface DisputeView {
  id: string;
  /** Sent back by the dispute's forms (optimistic concurrency, ADR 0073). */
  version: number;
  childId: string | null;
  childName: string | null;
  requestId: string | null;
  decisionId: string | null;
  raisedBy: { userId: string; name: string; agencyId: string; agencyName: string };
  other: { agencyId: string; agencyName: string };
  pack: string;
  status: DisputeStatus;
  stage: number;
  stageStartedAt: Date;
  stageDueAt: Date;
  overdue: boolean;
  createdAt: Date;
  concludedAt: Date | null;
  closedAt: Date | null;
  summary: string;
  rules: DisputeRules;
  events: { id: string; at: Date; kind: string; stage: number; byName: string | null; byAgencyName: string | null; details: Record<string, unknown>; notes: Record<string, string | null> | null }[];
  impactRecordedBy: string[];
  can: { recordStage: boolean; escalate: boolean; recordImpact: boolean };
  isParty: boolean;
}

export async function viewDispute(deps: Deps, actor: Actor, disputeId: string): Promise<Outcome<DisputeView>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await disputeFor(deps, trx, actor, disputeId, 'dispute.viewed', (r, rules) => canSeeDispute(actor, partiesOf(r), rules));
    if (!row) return notFound;
    const rules = rulesOf(deps, row.pack);
    const parties = partiesOf(row);
    const status = row.status as DisputeStatus;
    const stage = stageOf(rules, row.stage);
    const events = await disputeEvents(trx, actor.partnershipId, row.id);
    const impacts = await impactAgencies(trx, actor.partnershipId, row.id);
    await appendAudit(trx, auditActor(actor), { action: 'dispute.viewed', subjectType: 'dispute', subjectId: row.id, childId: row.child_id ?? undefined });
    const now = deps.now();
    return ok({
      id: row.id,
      version: row.version,
      childId: row.child_id,
      childName: row.child_given_name ? `${row.child_given_name} ${row.child_family_name}` : null,
      requestId: row.request_id,
      decisionId: row.decision_id,
      raisedBy: { userId: row.raised_by, name: row.raised_by_name, agencyId: row.raising_agency_id, agencyName: row.raising_agency_name },
      other: { agencyId: row.other_agency_id, agencyName: row.other_agency_name },
      pack: row.pack,
      status,
      stage: row.stage,
      stageStartedAt: row.stage_started_at,
      stageDueAt: row.stage_due_at,
      overdue: status === 'open' && row.stage_due_at.getTime() < now.getTime(),
      createdAt: row.created_at,
      concludedAt: row.concluded_at,
      closedAt: row.closed_at,
      summary: unsealAs(deps.keyring, 'dispute', row.id, row.sealed).summary,
      rules,
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind,
        stage: e.stage,
        byName: e.by_name,
        byAgencyName: e.by_agency_name,
        details: e.details,
        notes: e.sealed ? unsealAs(deps.keyring, 'dispute-event', e.id, e.sealed) : null,
      })),
      impactRecordedBy: impacts,
      can: {
        recordStage: status === 'open' && canActAtStage(actor, parties, stage),
        escalate: status === 'open' && !isLastStage(rules, row.stage) && disputeTransition(status, 'escalate') !== undefined && canEscalate(actor, parties, stage),
        recordImpact: status === 'concluded' && canRecordImpact(actor, parties) && !impacts.includes(actor.agencyId),
      },
      isParty: isParty(actor, parties),
    });
  });
}
