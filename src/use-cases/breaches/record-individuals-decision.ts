// The decision about telling the people affected: told (and when), or not told, with reasons —
// they are told without undue delay when the risk to them is high (UK GDPR Art. 34; Wirral 2022
// App. 2 s.5.9 and the baseline's `notify`).
import { canInvestigate, individualsDecisionSchema } from '../../domain/breaches.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { breachStep, notInFuture } from './_steps.ts';

export async function recordIndividualsDecision(deps: Deps, actor: Actor, breachId: string, input: unknown) {
  return breachStep(deps, actor, breachId, input, {
    action: 'breach.individuals-decided',
    event: 'decide_individuals',
    allowed: (a) => canInvestigate(actor, a),
    schema: individualsDecisionSchema,
    run: async ({ row, input: d, now }) => {
      if (row.individuals_decision) return { conflict: 'The decision about telling the people affected is already recorded.' };
      const errors = notInFuture('toldAt', d.toldAt, now);
      if (errors.length) return { errors };
      return {
        patch: { individuals_decision: d.decision, individuals_told_at: d.decision === 'told' ? d.toldAt : null, individuals_decided_at: now },
        details: { decision: d.decision, toldAt: d.toldAt?.toISOString() ?? null },
        note: d.reasons ? { reasons: d.reasons } : null,
      };
    },
  });
}
