// Close a breach with its outcome and the lessons learned (Sandwell 2022 s.13.4: breaches and
// their outcomes collated and reviewed). Only once its severity is graded and both decisions — the
// ICO and the people affected — are recorded. Every party agency's IG lead is told.
import { canInvestigate, closeBlockers, closeBreachSchema } from '../../domain/breaches.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { breachStep } from './_steps.ts';

export async function closeBreach(deps: Deps, actor: Actor, breachId: string, input: unknown) {
  return breachStep(deps, actor, breachId, input, {
    action: 'breach.closed',
    event: 'close',
    allowed: (a) => canInvestigate(actor, a),
    schema: closeBreachSchema,
    run: async ({ row, pack, input: c }) => {
      const missing = closeBlockers({ severity: row.severity, icoDecision: row.ico_decision, individualsDecision: row.individuals_decision }, pack);
      if (missing.length) return { conflict: `Before closing the breach, ${missing.join(', ')}.` };
      const others = (row.party_agency_ids ?? []).filter((a) => a !== actor.agencyId);
      return {
        note: { outcome: c.outcome, lessons: c.lessons },
        details: {},
        notify: others.map((agencyId) => ({ kind: 'breach.closed' as const, to: { agency: { agencyId, roles: ['ig_lead' as const] } } })),
      };
    },
  });
}
