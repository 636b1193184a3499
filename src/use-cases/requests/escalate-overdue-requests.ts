// The escalation job: an open request the receiving agency has not acted on by its due time goes
// to the agency's SPoC, and later to its safeguarding lead or manager, as the partnership's protocol
// sets (pack `requests.escalation`). Each escalation is one transaction: the level, the step in the
// request's history, the audit event and the notifications commit together; a step is never repeated.
import { randomUUID } from 'node:crypto';
import { claimEscalation, overdueRequests } from '../../db/queries/requests.ts';
import { escalationLevelAt, requestRules } from '../../domain/requests.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';
import { addRequestEvent } from '../kernel/requests.ts';

export async function escalateOverdueRequests(deps: Deps, batch = 200): Promise<{ escalated: number }> {
  const now = deps.now();
  let escalated = 0;
  for (const r of await overdueRequests(deps.db, now, batch)) {
    const rules = requestRules(deps.packs.get(r.pack)!);
    const level = escalationLevelAt(r.due_at, now, rules);
    if (level <= r.escalation_level) continue;
    await deps.db.transaction().execute(async (trx) => {
      // Only if no one else escalated or answered it meanwhile.
      if (!(await claimEscalation(trx, r, level, now))) return;
      const steps = rules.escalation.slice(r.escalation_level, level);
      const roles = steps.map((s) => s.to);
      await addRequestEvent(deps, trx, null, r.id, 'escalated', { partnershipId: r.partnership_id, details: { level, to: roles, clause: steps.at(-1)?.clause } });
      await appendAudit(
        trx,
        { partnershipId: r.partnership_id, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
        { action: 'request.escalated', subjectType: 'request', subjectId: r.id, childId: r.child_id, details: { level, to: roles, dueAt: r.due_at.toISOString() } },
      );
      await notify(trx, now, r.partnership_id, 'request.overdue', `/requests/${r.id}`, { userIds: r.allocated_to ? [r.allocated_to] : [], agency: { agencyId: r.to_agency_id, roles } });
      escalated++;
    });
  }
  return { escalated };
}
