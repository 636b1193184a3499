// The other partnerships a signed-in person works in and may switch to, for the header's switch.
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { type Outcome, ok } from '../kernel/outcome.ts';
import { accountsToSwitchTo, type PartnershipAccount } from './_partnerships.ts';

export async function listPartnershipsToSwitchTo(deps: Deps, actor: Actor, input: { email: string; opened: readonly string[] }): Promise<Outcome<PartnershipAccount[]>> {
  return ok(await accountsToSwitchTo(deps.db, input.email, input.opened, actor.partnershipId));
}
