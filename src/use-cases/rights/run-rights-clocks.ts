// The rights request clock job, as the breach clocks remind: at three quarters of the time allowed
// the handling agency's IG lead is reminded; a deadline that passes escalates to its IG lead and
// Caldicott guardian; a source agency's consultation past its deadline reminds both agencies' IG
// leads (the handling agency may then go ahead, Sandwell 2022 s.11.1). Each notice is claimed
// before it is sent, so it goes once however often the job runs; each is one transaction with its
// history entry and audit event. Notices carry no personal data.
import { randomUUID } from 'node:crypto';
import { claimConsultationReminder, claimRightsNotice, consultationsOverdue, rightsClocksToAct } from '../../db/queries/rights.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';
import { addRightsEvent } from './_steps.ts';

export async function runRightsClocks(deps: Deps, batch = 200): Promise<{ reminded: number; escalated: number; consultations: number }> {
  const now = deps.now();
  let reminded = 0;
  let escalated = 0;
  let consultations = 0;
  for (const r of await rightsClocksToAct(deps.db, now, batch)) {
    const overdue = r.due_at !== null && r.due_at.getTime() <= now.getTime();
    await deps.db.transaction().execute(async (trx) => {
      if (!(await claimRightsNotice(trx, r.partnership_id, r.id, overdue ? 'escalated_at' : 'reminded_at', now))) return;
      const system = { partnershipId: r.partnership_id, userId: null } as const;
      await addRightsEvent(deps, trx, system, r.id, overdue ? 'deadline-missed' : 'deadline-near', { details: { dueAt: r.due_at?.toISOString() ?? null } });
      await appendAudit(
        trx,
        { ...system, agencyId: null, via: 'system', correlationId: randomUUID() },
        {
          action: overdue ? 'rights-request.deadline-escalated' : 'rights-request.deadline-reminded',
          subjectType: 'rights-request',
          subjectId: r.id,
          details: { dueAt: r.due_at?.toISOString() ?? null },
        },
      );
      await notify(trx, now, r.partnership_id, overdue ? 'rights.deadline-missed' : 'rights.deadline-near', `/rights-requests/${r.id}`, {
        agency: { agencyId: r.agency_id, roles: overdue ? ['ig_lead', 'caldicott_guardian'] : ['ig_lead'] },
      });
      if (overdue) escalated++;
      else reminded++;
    });
  }
  for (const c of await consultationsOverdue(deps.db, now, batch)) {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await claimConsultationReminder(trx, c.partnership_id, c.id, now))) return;
      await appendAudit(
        trx,
        { partnershipId: c.partnership_id, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
        { action: 'rights-consultation.deadline-passed', subjectType: 'rights-consultation', subjectId: c.id, details: { requestId: c.request_id } },
      );
      await notify(trx, now, c.partnership_id, 'rights.consultation-overdue', '/rights-requests/consultations', { agency: { agencyId: c.source_agency_id, roles: ['ig_lead'] } });
      consultations++;
    });
  }
  return { reminded, escalated, consultations };
}
