// An agency's administrator sees its single sign-on settings (ADR 0047); the client secret is never shown.
import { findIdentityProvider } from '../../db/queries/identity-providers.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { type IdentityProviderView, identityProviderView, reachOwnAgency } from './_identity-provider.ts';

export async function viewIdentityProvider(deps: Deps, actor: Actor, agencyId: string): Promise<Outcome<IdentityProviderView>> {
  return deps.db.transaction().execute(async (trx) => {
    const agency = await reachOwnAgency(trx, actor, agencyId, 'identity-provider.viewed');
    if (!agency) return notFound;
    return ok(identityProviderView(agency, await findIdentityProvider(trx, actor.partnershipId, agency.id)));
  });
}
