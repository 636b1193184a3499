// The breach clocks job: a deadline at three quarters of its time gets a reminder to the lead
// agency's IG lead; a deadline that passes undone escalates to the lead agency's IG lead and
// Caldicott guardian and to the partnership managers (who keep the register). Each notice is
// claimed before it is sent, so it goes once however often the job runs; each is one transaction
// with its history entry, audit event and notifications.
import { randomUUID } from 'node:crypto';
import { claimClockNotice, clocksToAct, staffWithRoles } from '../../db/queries/breaches.ts';
import { ESCALATED_ROLES, REMINDED_ROLES } from '../../domain/breaches.ts';
import { appendAudit } from '../kernel/audit.ts';
import { addBreachEvent } from '../kernel/breaches.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';

export async function runBreachClocks(deps: Deps, batch = 200): Promise<{ reminded: number; escalated: number }> {
  const now = deps.now();
  let reminded = 0;
  let escalated = 0;
  for (const c of await clocksToAct(deps.db, now, batch)) {
    const overdue = c.due_at !== null && c.due_at.getTime() <= now.getTime();
    await deps.db.transaction().execute(async (trx) => {
      const claimed = await claimClockNotice(trx, c.partnership_id, c.breach_id, c.deadline_id, overdue ? 'escalated_at' : 'reminded_at', now);
      if (!claimed) return;
      const system = { partnershipId: c.partnership_id, userId: null, agencyId: null } as const;
      const kind = overdue ? 'deadline-missed' : 'deadline-near';
      await addBreachEvent(deps, trx, system, c.breach_id, kind, { details: { deadlineId: c.deadline_id, dueAt: c.due_at?.toISOString() ?? null } });
      await appendAudit(
        trx,
        { ...system, via: 'system', correlationId: randomUUID() },
        {
          action: overdue ? 'breach.deadline-escalated' : 'breach.deadline-reminded',
          subjectType: 'breach',
          subjectId: c.breach_id,
          details: { deadlineId: c.deadline_id, dueAt: c.due_at?.toISOString() ?? null },
        },
      );
      const link = `/breaches/${c.breach_id}`;
      if (overdue) {
        const managers = await staffWithRoles(trx, c.partnership_id, ['partnership_manager']);
        await notify(trx, now, c.partnership_id, 'breach.deadline-missed', link, { userIds: managers, agency: { agencyId: c.lead_agency_id, roles: ESCALATED_ROLES } });
        escalated++;
      } else {
        await notify(trx, now, c.partnership_id, 'breach.deadline-near', link, { agency: { agencyId: c.lead_agency_id, roles: REMINDED_ROLES } });
        reminded++;
      }
    });
  }
  return { reminded, escalated };
}
