// The partners' meeting about a breach (Haringey 2006 s.6.3–6.5: the partner in breach presents
// its report and withdraws while the others decide, then is recalled and told). Recording it starts
// every clock the pack counts from the meeting — Haringey's minutes, circulated within five working
// days (s.6.6) — "a deadline whose start event has not happened yet starts when it is recorded".
import { breachClocks, startBreachClock, updateBreach } from '../../db/queries/breaches.ts';
import { type ClockStart, canInvestigate, clockTimes, meetingSchema } from '../../domain/breaches.ts';
import type { Duration } from '../../domain/protocol/pack.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { breachStep, notInFuture } from './_steps.ts';

export async function recordBreachMeeting(deps: Deps, actor: Actor, breachId: string, input: unknown) {
  return breachStep(deps, actor, breachId, input, {
    action: 'breach.meeting-recorded',
    event: 'record_meeting',
    allowed: (a) => canInvestigate(actor, a),
    schema: meetingSchema,
    run: async ({ trx, row, input: m, now }) => {
      if (row.meeting_at) return { conflict: 'The meeting is already recorded.' };
      const errors = notInFuture('heldAt', m.heldAt, now);
      if (errors.length) return { errors };
      const clocks = await breachClocks(trx, actor.partnershipId, row.id);
      const started: string[] = [];
      const events = { identified: row.identified_at, occurred: row.occurred_at, meeting: m.heldAt };
      for (const c of clocks.filter((c) => c.start_event === 'meeting' && !c.started_at)) {
        const t = clockTimes({ within: { amount: c.within_amount, unit: c.within_unit as Duration['unit'] }, from: c.start_event as ClockStart }, events);
        await startBreachClock(trx, actor.partnershipId, row.id, c.deadline_id, { started_at: t.startedAt!, due_at: t.dueAt!, remind_at: t.remindAt! });
        started.push(c.deadline_id);
      }
      await updateBreach(trx, actor.partnershipId, row.id, { meeting_at: m.heldAt });
      return { details: { heldAt: m.heldAt.toISOString(), clocksStarted: started }, note: { note: m.note }, at: m.heldAt };
    },
  });
}
