import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';

export async function listApiKeys(deps: Deps, actor: Actor) {
  return deps.db
    .selectFrom('api_key')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('partnership_id', '=', actor.partnershipId)
    .where('user_id', '=', actor.userId)
    .orderBy('created_at', 'desc')
    .execute();
}
