// The agency's rights requests for its IG lead (metadata only: kind, dates, status, deadline).
import { listRightsRequests, type RightsListRow } from '../../db/queries/rights.ts';
import { canLogRightsRequest } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { forbidden, type Outcome, ok } from '../kernel/outcome.ts';

export async function listRightsRequestsFor(deps: Deps, actor: Actor): Promise<Outcome<RightsListRow[]>> {
  if (!canLogRightsRequest(actor)) return forbidden('Only an information governance lead handles rights requests');
  return ok(await listRightsRequests(deps.db, actor.partnershipId, actor.agencyId));
}
