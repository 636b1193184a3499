// A designated manager of the requester's agency approves or refuses a request for break-glass
// access, where the pack asks for approval (Haringey 2006 s.4.6, s.8.3; ADR 0050). Approving
// grants it at once for the pack's hours and tells the child's lead agency.
import { updateBreakGlass } from '../../db/queries/break-glass.ts';
import { canDecideBreakGlass } from '../../domain/break-glass.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { BREAK_GLASS, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { breakGlassLink, grant, partnershipRule } from './_break-glass.ts';

export async function decideBreakGlass(deps: Deps, actor: Actor, id: string, answer: 'approve' | 'refuse'): Promise<Outcome<{ status: 'granted' | 'refused'; expiresAt: Date | null }>> {
  return deps.db.transaction().execute(async (trx) => {
    const { rule } = await partnershipRule(deps, trx, actor.partnershipId);
    const row = await reach(trx, actor, BREAK_GLASS, id, `break-glass.${answer === 'approve' ? 'granted' : 'refused'}`, (r) =>
      canDecideBreakGlass(actor, rule, { agencyId: r.agency_id, requestedBy: r.requested_by }),
    );
    if (!row) return notFound;
    if (row.status !== 'requested') return conflict('This request has already been answered.');
    const now = deps.now();
    let expiresAt: Date | null = null;
    if (answer === 'approve') {
      expiresAt = await grant(deps, trx, actor, { id: row.id, childId: row.child_id, agencyId: row.agency_id, requestedBy: row.requested_by, hours: row.hours, leadAgencyIds: row.lead_agency_ids });
    } else {
      await updateBreakGlass(trx, actor.partnershipId, row.id, { status: 'refused', decided_by: actor.userId, decided_at: now });
      await appendAudit(trx, auditActor(actor), { action: 'break-glass.refused', subjectType: 'break-glass', subjectId: row.id, childId: row.child_id, details: { requestedBy: row.requested_by } });
    }
    await notify(trx, now, actor.partnershipId, 'break-glass.answered', breakGlassLink(row.id), { userIds: [row.requested_by] });
    return ok({ status: answer === 'approve' ? ('granted' as const) : ('refused' as const), expiresAt });
  });
}
