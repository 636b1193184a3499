// Record that a step of the procedure with a deadline was done (Haringey 2006 s.6.1 the partners
// told, s.6.2 the report distributed, s.6.6 the minutes circulated), and when. Steps Concord does
// itself (the internal report, telling the originator, the ICO decision) are met by those actions.
import { breachClocks, meetBreachClock } from '../../db/queries/breaches.ts';
import { canInvestigate, deadlineMetSchema, metBy } from '../../domain/breaches.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { breachStep, notInFuture } from './_steps.ts';

export async function recordDeadlineMet(deps: Deps, actor: Actor, breachId: string, deadlineId: string, input: unknown) {
  return breachStep(deps, actor, breachId, input, {
    action: 'breach.deadline-met',
    event: 'meet_deadline',
    allowed: (a) => canInvestigate(actor, a),
    schema: deadlineMetSchema,
    run: async ({ trx, row, input: m, now }) => {
      const clock = (await breachClocks(trx, actor.partnershipId, row.id)).find((c) => c.deadline_id === deadlineId);
      if (!clock) return { errors: [{ path: 'deadlineId', message: 'Select a deadline of this breach’s procedure' }] };
      if (metBy(deadlineId) !== 'recorded') return { conflict: 'Concord records this step itself when it is done.' };
      if (clock.met_at) return { conflict: 'This step is already recorded as done.' };
      if (!clock.started_at) return { conflict: 'This deadline has not started yet: record the event it counts from first.' };
      const errors = notInFuture('metAt', m.metAt, now);
      if (m.metAt.getTime() < clock.started_at.getTime()) errors.push({ path: 'metAt', message: 'The date must be after the deadline started' });
      if (errors.length) return { errors };
      await meetBreachClock(trx, actor.partnershipId, row.id, deadlineId, m.metAt, 'recorded');
      return { details: { deadlineId, metAt: m.metAt.toISOString(), late: clock.due_at ? m.metAt.getTime() > clock.due_at.getTime() : false }, note: m.note ? { note: m.note } : null };
    },
  });
}
