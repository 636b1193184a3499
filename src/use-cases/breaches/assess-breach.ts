// The joint risk assessment: the parties together grade the breach's severity on the pack's scale
// (Wirral 2022 App. 2 s.5.9 "all parties … produce a risk assessment to grade the severity"; the
// baseline's grades follow the ICO: no likely risk, risk, high risk). It may be graded again.
import { assessBreachSchema, canAssess } from '../../domain/breaches.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { breachStep } from './_steps.ts';

export async function assessBreach(deps: Deps, actor: Actor, breachId: string, input: unknown) {
  return breachStep(deps, actor, breachId, input, {
    action: 'breach.assessed',
    event: 'assess',
    allowed: (a) => canAssess(actor, a),
    schema: assessBreachSchema,
    run: async ({ row, pack, input: a, now }) => {
      const grades = pack.breach.severityGrades.map((g) => g.grade);
      if (grades.length && !grades.includes(a.grade)) return { errors: [{ path: 'grade', message: `Select one of the protocol's grades: ${grades.join(', ')}` }] };
      const parties = row.party_agency_ids ?? [];
      const outside = a.agencyIds.findIndex((id) => !parties.includes(id));
      if (outside >= 0) return { errors: [{ path: `agencyIds.${outside}`, message: 'Select agencies that are party to the breach' }] };
      const agencies = [...new Set([actor.agencyId, ...a.agencyIds])];
      return { patch: { severity: a.grade, assessed_at: now }, details: { grade: a.grade, agencies }, note: { note: a.note } };
    },
  });
}
