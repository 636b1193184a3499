// The breach clocks job: a deadline at three quarters of its time gets a reminder to the IG leads
// of the agencies whose job it is (the pack's `who`: the lead agency, every party, or the statutory
// partners too — see `deadlineAudience`); a deadline that passes undone escalates to those
// agencies' IG leads and Caldicott guardians and to the partnership managers (who keep the register). Each notice is
// claimed before it is sent, so it goes once however often the job runs; each is one transaction
// with its history entry, audit event and notifications.
import { randomUUID } from 'node:crypto';
import { breachParties, claimClockNotice, clocksToAct, staffWithRoles } from '../../db/queries/breaches.ts';
import { breachDeadlines, deadlineAudience, ESCALATED_ROLES, REMINDED_ROLES } from '../../domain/breaches.ts';
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
      const deadline = breachDeadlines(deps.packs.get(c.pack)!, true).find((d) => d.id === c.deadline_id);
      const audience = deadline ? deadlineAudience(deadline.who) : 'lead';
      const agencies = audience === 'lead' ? [c.lead_agency_id] : [...new Set([c.lead_agency_id, ...(await breachParties(trx, c.partnership_id, c.breach_id)).map((p) => p.agency_id)])];
      const managers = overdue || audience === 'partnership' ? await staffWithRoles(trx, c.partnership_id, ['partnership_manager']) : [];
      const notice = overdue ? 'breach.deadline-missed' : 'breach.deadline-near';
      const roles = overdue ? ESCALATED_ROLES : REMINDED_ROLES;
      await notify(trx, now, c.partnership_id, notice, link, { userIds: managers });
      for (const agencyId of agencies) await notify(trx, now, c.partnership_id, notice, link, { agency: { agencyId, roles } });
      if (overdue) escalated++;
      else reminded++;
    });
  }
  return { reminded, escalated };
}
