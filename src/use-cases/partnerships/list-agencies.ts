import { agenciesOf } from '../../db/queries/staff.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';

/** The agencies of the actor's partnership (no personal data). */
export async function listAgencies(deps: Deps, actor: Actor) {
  return agenciesOf(deps.db, actor.partnershipId);
}
