// The children most recently taken on by the actor's agency: the front page of a caseload.
import { type ChildRow, recentVisibleChildren } from '../../db/queries/children.ts';
import { mayWorkWithChildren } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';

export async function listChildren(deps: Deps, actor: Actor, limit = 20): Promise<ChildRow[]> {
  return deps.db.transaction().execute(async (trx) => {
    // Administration is not access (ADR 0044): administration roles alone list no child.
    const rows = mayWorkWithChildren(actor) ? await recentVisibleChildren(trx, scopeOf(actor), limit) : [];
    await appendAudit(trx, auditActor(actor), { action: 'child.listed', subjectType: 'child', details: { resultIds: rows.map((r) => r.id) } });
    return rows;
  });
}
