// "Who has seen this child's record": every audited read, change and refused attempt about one
// child — who, from which agency, what and when — for the child's lead agency and for
// information-governance staff of agencies involved with the child. Anyone else gets "not found"
// (and the attempt is audited); viewing the log is itself audited.
import { childAccessLog } from '../../db/queries/audit-log.ts';
import { involvedAgencies } from '../../db/queries/children.ts';
import { canSeeChildAccessLog } from '../../domain/access-log.ts';
import type { Actor } from '../../domain/staff.ts';
import { type AccessLogEntry, toEntry } from '../kernel/access-log.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { reachChild } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';

export const ACCESS_LOG_PAGE_SIZE = 50;

export interface ChildAccessLog {
  child: { id: string; givenName: string; familyName: string };
  entries: AccessLogEntry[];
  total: number;
  page: number;
  pages: number;
}

export async function viewChildAccessLog(deps: Deps, actor: Actor, childId: string, page = 1): Promise<Outcome<ChildAccessLog>> {
  return deps.db.transaction().execute(async (trx) => {
    const child = await reachChild(trx, actor, childId, 'child.access-log-viewed');
    if (!child) return notFound;
    const involvements = await involvedAgencies(trx, actor.partnershipId, child.id);
    if (
      !canSeeChildAccessLog(
        actor,
        involvements.map((i) => ({ agencyId: i.id, kind: i.kind })),
      )
    ) {
      await appendAudit(trx, auditActor(actor), { action: 'child.access-log-viewed', outcome: 'denied', subjectType: 'child', subjectId: child.id, childId: child.id });
      return notFound;
    }
    const safePage = Number.isSafeInteger(page) && page >= 1 ? page : 1;
    const { rows, total } = await childAccessLog(trx, actor.partnershipId, child.id, ACCESS_LOG_PAGE_SIZE, (safePage - 1) * ACCESS_LOG_PAGE_SIZE);
    await appendAudit(trx, auditActor(actor), { action: 'child.access-log-viewed', subjectType: 'child', subjectId: child.id, childId: child.id, details: { page: safePage } });
    return ok({
      child: { id: child.id, givenName: child.given_name, familyName: child.family_name },
      entries: rows.map(toEntry),
      total,
      page: safePage,
      pages: Math.max(1, Math.ceil(total / ACCESS_LOG_PAGE_SIZE)),
    });
  });
}
