import { apiKeysOf } from '../../db/queries/api-keys.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';

export async function listApiKeys(deps: Deps, actor: Actor) {
  return apiKeysOf(deps.db, actor.partnershipId, actor.userId);
}
