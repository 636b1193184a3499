// The break-glass requests and grants an agency should see: its own staff's, and those on children
// it holds a record for (to review) — without reasons, which are read one at a time (viewBreakGlass).
import { listBreakGlassFor } from '../../db/queries/break-glass.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { type Outcome, ok } from '../kernel/outcome.ts';

export interface BreakGlassListItem {
  id: string;
  agencyName: string;
  requestedByName: string;
  requestedAt: Date;
  status: string;
  expiresAt: Date | null;
  reviewOutcome: string | null;
  /** Granted to another agency for a child this agency holds, and not yet reviewed. */
  awaitingOurReview: boolean;
}

export async function listBreakGlass(deps: Deps, actor: Actor): Promise<Outcome<BreakGlassListItem[]>> {
  return deps.db.transaction().execute(async (trx) => {
    const rows = await listBreakGlassFor(trx, actor.partnershipId, actor.agencyId);
    await appendAudit(trx, auditActor(actor), { action: 'break-glass.listed', subjectType: 'break-glass', details: { count: rows.length } });
    return ok(
      rows.map((r) => ({
        id: r.id,
        agencyName: r.agency_name,
        requestedByName: r.requested_by_name,
        requestedAt: r.requested_at,
        status: r.status,
        expiresAt: r.expires_at,
        reviewOutcome: r.review_outcome,
        awaitingOurReview: r.status === 'granted' && !r.review_outcome && r.lead_agency_ids.includes(actor.agencyId),
      })),
    );
  });
}
