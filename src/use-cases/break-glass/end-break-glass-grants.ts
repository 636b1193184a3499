// The job's step: remove break-glass involvements that have ended (the visibility rule already
// ignores them from `expires_at`, ADR 0050) and audit each against its child.
import { removeEndedGrants } from '../../db/queries/break-glass.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';

export async function endBreakGlassGrants(deps: Deps, correlationId: string): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const ended = await removeEndedGrants(trx, deps.now());
    for (const g of ended) {
      await appendAudit(
        trx,
        { partnershipId: g.partnership_id, userId: null, agencyId: null, via: 'system', correlationId },
        { action: 'break-glass.expired', subjectType: 'child', subjectId: g.child_id, childId: g.child_id, details: { agencyId: g.agency_id } },
      );
    }
    return ended.length;
  });
}
