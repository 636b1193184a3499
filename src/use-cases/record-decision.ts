// Record a sharing decision for a child: the answers, the engine's advice (recomputed here, never
// taken from the client), what was or was not shared, with whom, for what purpose and why.
// The narrative is sealed with a per-record data key; the audit event commits with the record.
import { randomUUID } from 'node:crypto';
import { parseAnswers } from '../domain/decision/answers.ts';
import { decide, type Decision } from '../domain/decision/engine.ts';
import { checkDecisionRecord, decisionRecordSchema } from '../domain/decision-record.ts';
import type { Actor } from '../domain/staff.ts';
import { auditActor } from './shared/actor.ts';
import { appendAudit } from './shared/audit.ts';
import { isUuid, visibleChildOrAuditDenial } from './shared/child-access.ts';
import type { Deps } from './shared/deps.ts';
import { fieldErrors, invalid, notFound, ok, type FieldError, type Outcome } from './shared/outcome.ts';
import { seal } from './shared/sealing.ts';

export interface RecordDecisionInput {
  answers: unknown;
  record: unknown;
}

export interface RecordedDecision {
  decisionId: string;
  decision: Decision;
}

export async function recordDecision(deps: Deps, actor: Actor, childId: string, input: RecordDecisionInput): Promise<Outcome<RecordedDecision>> {
  return deps.db.transaction().execute(async (trx) => {
    const child = await visibleChildOrAuditDenial(trx, actor, childId, 'decision.recorded');
    if (!child) return notFound;

    const errors: FieldError[] = [];
    const answers = parseAnswers(input.answers);
    if (!answers.ok) errors.push(...answers.errors.map((e) => ({ path: `answers.${e.path}`, message: e.message })));
    const parsed = decisionRecordSchema.safeParse(input.record ?? {});
    if (!parsed.success) errors.push(...fieldErrors(parsed.error.issues).map((e) => ({ path: `record.${e.path}`, message: e.message })));
    if (!answers.ok || !parsed.success) return invalid(errors);

    // The advice is the partnership's protocol's: its pack is stored with the decision (DESIGN "Data").
    const partnership = await trx.selectFrom('partnership').select('pack').where('id', '=', actor.partnershipId).executeTakeFirstOrThrow();
    const decision = decide(answers.value, deps.packs.policy(partnership.pack));
    const r = parsed.data;
    const ctx = { outcome: decision.outcome, identifiable: answers.value.identifiable !== false, consent: answers.value.consent };
    errors.push(...checkDecisionRecord(ctx, r).map((e) => ({ path: `record.${e.path}`, message: e.message })));
    if (r.recipientAgencyId) {
      const recipient = isUuid(r.recipientAgencyId)
        ? await trx
            .selectFrom('agency')
            .select(['id', 'active'])
            .where('partnership_id', '=', actor.partnershipId)
            .where('id', '=', r.recipientAgencyId)
            .executeTakeFirst()
        : undefined;
      if (!recipient || !recipient.active) errors.push({ path: 'record.recipientAgencyId', message: 'Select an agency that is a current member of the partnership' });
      else if (recipient.id === actor.agencyId) errors.push({ path: 'record.recipientAgencyId', message: 'Select another agency: this records sharing between agencies' });
    }
    if (errors.length || !r.action || !r.purposeDetail) return invalid(errors);
    const action = r.action;

    const decisionId = randomUUID();
    await trx
      .insertInto('decision')
      .values({
        partnership_id: actor.partnershipId,
        id: decisionId,
        child_id: child.id,
        agency_id: actor.agencyId,
        decided_by: actor.userId,
        decided_at: deps.now(),
        pack: partnership.pack,
        engine_version: decision.engineVersion,
        answers: JSON.stringify(answers.value),
        result: JSON.stringify(decision),
        outcome: decision.outcome,
        action,
        recipient_agency_id: r.recipientAgencyId,
        recipient_other: r.recipientOther,
        purpose: answers.value.purpose,
        consent: answers.value.consent ?? null,
        sealed: JSON.stringify(
          seal(deps.keyring, `decision:${decisionId}`, { purposeDetail: r.purposeDetail, informationShared: r.informationShared, reasons: r.reasons }),
        ),
        correlation_id: actor.correlationId,
      })
      .execute();
    await appendAudit(trx, auditActor(actor), {
      action: 'decision.recorded',
      subjectType: 'decision',
      subjectId: decisionId,
      childId: child.id,
      details: { outcome: decision.outcome, action, recipientAgencyId: r.recipientAgencyId, pack: partnership.pack, engineVersion: decision.engineVersion },
    });
    return ok({ decisionId, decision });
  });
}
