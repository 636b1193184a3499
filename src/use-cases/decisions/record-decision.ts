// Record a sharing decision for a child: the answers, the engine's advice (recomputed here, never
// taken from the client), what was or was not shared, with whom, for what purpose and why.
// The narrative is sealed with a per-record data key; the audit event commits with the record.
import { randomUUID } from 'node:crypto';
import { packsMovedFrom } from '../../db/queries/agreements.ts';
import { decisionContext, insertDecisionAndAudit } from '../../db/queries/decisions.ts';
import { decisionPack } from '../../domain/agreement-changes.ts';
import { parseAnswers } from '../../domain/decision/answers.ts';
import { type Decision, decide } from '../../domain/decision/engine.ts';
import { approverNeeded, checkDecisionRecord, decisionRecordSchema, departureRule, recordContextOf } from '../../domain/decision-record.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { auditValues } from '../kernel/audit.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { isUuid, reachChild } from '../kernel/gateway.ts';
import { withNotifications } from '../kernel/notify.ts';
import { type FieldError, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';
import { once, type Replayable, type Submission } from '../kernel/submissions.ts';
import { type DecisionContextInput, decisionLinks, NO_LINKS } from './_links.ts';

export interface RecordDecisionInput {
  answers: unknown;
  record: unknown;
  /** The request this decision answers, or received information it is about passing on. */
  context?: DecisionContextInput;
  /** The protocol version (id@version) the decision was started under: kept if the partnership
   *  has moved to a new version since (ADR 0088); otherwise the partnership's current one. */
  startedUnder?: string | undefined;
  /** The form's one-time key (ADR 0071): a double click or a resent page records one decision. */
  submission?: Submission | undefined;
}

export interface RecordedDecision {
  decisionId: string;
  decision: Decision;
}

export async function recordDecision(deps: Deps, actor: Actor, childId: string, input: RecordDecisionInput): Promise<Outcome<Replayable<RecordedDecision>>> {
  const errors: FieldError[] = [];
  const answers = parseAnswers(input.answers);
  if (!answers.ok) errors.push(...answers.errors.map((e) => ({ path: `answers.${e.path}`, message: e.message })));
  const parsed = decisionRecordSchema.safeParse(input.record ?? {});
  if (!parsed.success) errors.push(...fieldErrors(parsed.error.issues).map((e) => ({ path: `record.${e.path}`, message: e.message })));
  const recipientAgencyId = parsed.success && parsed.data.recipientAgencyId && isUuid(parsed.data.recipientAgencyId) ? parsed.data.recipientAgencyId : null;

  const context = isUuid(childId) ? await decisionContext(deps.db, scopeOf(actor), childId, recipientAgencyId) : undefined;
  if (!context?.child_visible) {
    await deps.db.transaction().execute((trx) => reachChild(trx, actor, childId, 'decision.recorded'));
    return notFound;
  }
  if (!answers.ok || !parsed.success) return invalid(errors);

  // The advice is the partnership's protocol's: its pack is stored with the decision (DESIGN "Data").
  // A decision started before the partnership moved to a new version keeps the one it started with.
  const pack = decisionPack(input.startedUnder, context.pack, input.startedUnder && input.startedUnder !== context.pack ? await packsMovedFrom(deps.db, actor.partnershipId) : []);
  const decision = decide(answers.value, deps.packs.policy(pack));
  const r = parsed.data;
  errors.push(...checkDecisionRecord(recordContextOf(decision.outcome, answers.value), r).map((e) => ({ path: `record.${e.path}`, message: e.message })));
  if (r.recipientAgencyId) {
    if (!context.recipient_id || !context.recipient_active) errors.push({ path: 'record.recipientAgencyId', message: 'Select an agency that is a current member of the partnership' });
    else if (context.recipient_id === actor.agencyId) errors.push({ path: 'record.recipientAgencyId', message: 'Select another agency: this records sharing between agencies' });
  }
  const { links, errors: linkErrors } = input.context ? await decisionLinks(deps, actor, childId, r, input.context) : { links: NO_LINKS, errors: [] };
  errors.push(...linkErrors);
  if (errors.length || !r.action || !r.purposeDetail) return invalid(errors);
  const { action, purposeDetail } = r;

  const decisionId = randomUUID();
  // Sharing against or without the advice goes to a designated manager first where the pack says
  // so (Haringey 2006 s.4.6), except in the circumstances it lists (urgent medical treatment).
  const approverRole = approverNeeded(departureRule(deps.packs.get(pack)!), decision.outcome, r.action, answers.value.harm);
  const now = deps.now();
  // One statement writes the decision, its audit event and any request for approval, so they commit
  // together. With a form's one-time key it runs in the transaction that claims the key, and a second
  // submission with the key records nothing and answers with the first decision (ADR 0071); only the
  // decision's id is kept with the key.
  const write = (db: Tx) =>
    insertDecisionAndAudit(
      approverRole
        ? withNotifications(db, now, actor.partnershipId, 'decision.approval-requested', `/decisions/${decisionId}`, { agency: { agencyId: actor.agencyId, roles: [approverRole] } }, actor.userId)
        : db,
      {
        partnership_id: actor.partnershipId,
        id: decisionId,
        child_id: childId,
        agency_id: actor.agencyId,
        decided_by: actor.userId,
        decided_at: now,
        approval_status: approverRole ? 'pending' : 'not_needed',
        approver_role: approverRole,
        pack,
        engine_version: decision.engineVersion,
        answers: JSON.stringify(answers.value),
        result: JSON.stringify(decision),
        outcome: decision.outcome,
        action,
        recipient_agency_id: r.recipientAgencyId,
        recipient_other: r.recipientOther,
        purpose: answers.value.purpose,
        consent: answers.value.consent ?? null,
        sealed: JSON.stringify(sealAs(deps.keyring, 'decision', decisionId, { purposeDetail, informationShared: r.informationShared, reasons: r.reasons })),
        correlation_id: actor.correlationId,
        ...links,
      },
      auditValues(auditActor(actor), {
        action: 'decision.recorded',
        subjectType: 'decision',
        subjectId: decisionId,
        childId,
        details: {
          outcome: decision.outcome,
          action,
          recipientAgencyId: r.recipientAgencyId,
          pack,
          engineVersion: decision.engineVersion,
          ...(approverRole ? { approval: 'pending', approverRole } : {}),
          ...(links.request_id ? { requestId: links.request_id } : {}),
          ...(links.source_disclosure_id ? { sourceDisclosureId: links.source_disclosure_id, onwardAgreementIds: links.onward_agreement_ids } : {}),
        },
      }),
    );
  if (!input.submission) {
    await write(deps.db as Tx);
    return ok({ decisionId, decision });
  }
  const submission = input.submission;
  const recorded = await deps.db.transaction().execute((trx) =>
    once(trx, actor, 'decision.record', submission, now, async () => {
      await write(trx);
      return ok({ decisionId });
    }),
  );
  if (recorded.kind !== 'ok') return recorded;
  return ok({ decisionId: recorded.value.decisionId, decision, ...(recorded.value.replayed ? { replayed: true as const } : {}) });
}
