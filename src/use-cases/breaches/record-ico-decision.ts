// The controller's decision about the Information Commissioner's Office: reported (with the ICO's
// reference and when), or not reported, with reasons — "including a decision not to notify the ICO"
// (Wirral 2022 "Personal Data Breach"; UK GDPR Art. 33(1) and (5)). It meets the ICO clock.
import { meetBreachClock } from '../../db/queries/breaches.ts';
import { canInvestigate, icoDecisionSchema } from '../../domain/breaches.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { breachStep, notInFuture } from './_steps.ts';

export async function recordIcoDecision(deps: Deps, actor: Actor, breachId: string, input: unknown) {
  return breachStep(deps, actor, breachId, input, {
    action: 'breach.ico-decided',
    event: 'decide_ico',
    allowed: (a) => canInvestigate(actor, a),
    schema: icoDecisionSchema,
    run: async ({ trx, row, input: d, now }) => {
      if (row.ico_decision) return { conflict: "The decision about the Information Commissioner's Office is already recorded." };
      const errors = notInFuture('reportedAt', d.reportedAt, now);
      if (errors.length) return { errors };
      const metAt = d.decision === 'reported' ? d.reportedAt! : now;
      const met = await meetBreachClock(trx, actor.partnershipId, row.id, 'ico', metAt, 'ico_decision');
      return {
        patch: { ico_decision: d.decision, ico_reference: d.reference, ico_reported_at: d.decision === 'reported' ? d.reportedAt : null, ico_decided_at: now },
        details: { decision: d.decision, reference: d.reference, reportedAt: d.reportedAt?.toISOString() ?? null, clockMet: met },
        note: d.reasons ? { reasons: d.reasons } : null,
      };
    },
  });
}
