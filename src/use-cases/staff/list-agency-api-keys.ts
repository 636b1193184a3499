// An agency administrator sees every API key its staff hold (issue 11 part 2), with each key's
// holder, last use and expiry, so a forgotten or leaked integration can be found and revoked.
import { apiKeysOfAgency } from '../../db/queries/api-keys.ts';
import type { Actor } from '../../domain/staff.ts';
import { hasRole } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { forbidden, type Outcome, ok } from '../kernel/outcome.ts';

export type AgencyApiKey = Awaited<ReturnType<typeof apiKeysOfAgency>>[number];

export async function listAgencyApiKeys(deps: Deps, actor: Actor): Promise<Outcome<AgencyApiKey[]>> {
  if (!hasRole(actor, 'administrator')) return forbidden('Only the agency’s administrator sees its API keys.');
  return deps.db.transaction().execute(async (trx) => {
    const keys = await apiKeysOfAgency(trx, actor.partnershipId, actor.agencyId);
    await appendAudit(trx, auditActor(actor), { action: 'api-key.listed', subjectType: 'api_key', details: { agencyId: actor.agencyId, count: keys.length } });
    return ok(keys);
  });
}
