// For pages that act on a child without showing their record (question pages, blank forms):
// confirm the actor may see the child, auditing a denied attempt. Nothing personal is returned.
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { reachChild } from '../kernel/gateway.ts';

export async function checkChildAccess(deps: Deps, actor: Actor, childId: string, attempted: string): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => (await reachChild(trx, actor, childId, attempted)) !== undefined);
}
