// The complaint reminder job: an open complaint past its response date is brought to its agency's
// handling team once. Idempotent: the claim on `reminded` decides who sends it.
import { randomUUID } from 'node:crypto';
import { markComplaintReminded, overdueComplaints } from '../../db/queries/complaints.ts';
import { complaintRules } from '../../domain/complaints.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';

export async function remindOverdueComplaints(deps: Deps, batch = 200): Promise<{ reminded: number }> {
  const now = deps.now();
  let reminded = 0;
  for (const c of await overdueComplaints(deps.db, now, batch)) {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await markComplaintReminded(trx, c.partnership_id, c.id))) return;
      const rules = complaintRules(deps.packs.get(c.pack)!);
      await notify(trx, now, c.partnership_id, 'complaint.overdue', `/complaints/${c.id}`, { agency: { agencyId: c.agency_id, roles: rules.handledBy } });
      await appendAudit(
        trx,
        { partnershipId: c.partnership_id, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
        {
          action: 'complaint.reminded',
          subjectType: 'complaint',
          subjectId: c.id,
          childId: c.child_id ?? undefined,
          details: { dueAt: c.response_due_at.toISOString() },
        },
      );
      reminded++;
    });
  }
  return { reminded };
}
