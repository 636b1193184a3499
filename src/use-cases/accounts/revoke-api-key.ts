import { revokeApiKeyOf } from '../../db/queries/api-keys.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';

/** Revoke one of the actor's own API keys; it stops working at once. */
export async function revokeApiKey(deps: Deps, actor: Actor, keyId: string): Promise<Outcome<{ id: string }>> {
  if (!isUuid(keyId)) return notFound;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await revokeApiKeyOf(trx, actor.partnershipId, actor.userId, keyId, deps.now()))) return notFound;
    await appendAudit(trx, auditActor(actor), { action: 'api-key.revoked', subjectType: 'api_key', subjectId: keyId });
    return ok({ id: keyId });
  });
}
