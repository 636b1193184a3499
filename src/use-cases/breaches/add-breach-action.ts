// An action taken or agreed in the investigation (containment, recovery, sanctions: Haringey 2006
// s.6.3; "the action taken": Sandwell 2022 s.13.4). The note is sealed.
import { actionSchema, canInvestigate } from '../../domain/breaches.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { breachStep } from './_steps.ts';

export async function addBreachAction(deps: Deps, actor: Actor, breachId: string, input: unknown) {
  return breachStep(deps, actor, breachId, input, {
    action: 'breach.action-added',
    event: 'add_action',
    allowed: (a) => canInvestigate(actor, a),
    schema: actionSchema,
    run: async ({ input: a }) => ({ note: { note: a.note } }),
  });
}
