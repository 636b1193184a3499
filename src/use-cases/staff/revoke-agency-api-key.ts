// An agency administrator revokes any API key held by its staff; it stops working at once. A key of
// another agency, or one already revoked, is not found (and the attempt audited).
import { revokeApiKeyInAgency } from '../../db/queries/api-keys.ts';
import { type Actor, hasRole } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';

export async function revokeAgencyApiKey(deps: Deps, actor: Actor, keyId: string): Promise<Outcome<{ id: string }>> {
  return deps.db.transaction().execute(async (trx) => {
    const revoked = hasRole(actor, 'administrator') && isUuid(keyId) && (await revokeApiKeyInAgency(trx, actor.partnershipId, actor.agencyId, keyId, deps.now()));
    await appendAudit(trx, auditActor(actor), {
      action: 'api-key.revoked',
      outcome: revoked ? 'ok' : 'not_found',
      subjectType: 'api_key',
      subjectId: isUuid(keyId) ? keyId : undefined,
      details: { byAdministrator: true },
    });
    return revoked ? ok({ id: keyId }) : notFound;
  });
}
