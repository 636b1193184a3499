// Single sign-on, first leg (ADR 0047): the person chose their organisation; Concord sends them to
// its identity provider with an authorisation request (code flow, PKCE S256, a fresh state and
// nonce). What must come back — the state, the nonce and the PKCE verifier — goes into the
// server-side session, bound to this browser; the address carries no personal data.
import { findIdentityProvider } from '../../db/queries/identity-providers.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { authorisationRequest } from '../kernel/oidc.ts';
import { conflict, invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { connectionOf, type PendingSingleSignOn, redirectUriOf } from './_single-sign-on.ts';

export { type PendingSingleSignOn, redirectUriOf } from './_single-sign-on.ts';

const CHOOSE = 'Select your organisation';

export async function startSingleSignOn(deps: Deps, input: { provider: string }): Promise<Outcome<{ url: string; pending: PendingSingleSignOn }>> {
  const [partnershipId = '', agencyId = ''] = (input.provider ?? '').split(':');
  if (!isUuid(partnershipId) || !isUuid(agencyId)) return invalid([{ path: 'provider', message: CHOOSE }]);
  const provider = await findIdentityProvider(deps.db, partnershipId, agencyId);
  if (!provider?.enabled) return invalid([{ path: 'provider', message: CHOOSE }]);
  if (!deps.publicUrl) return conflict('Single sign-on needs Concord’s own address (PUBLIC_URL) to be set. Ask the service’s administrator.');
  try {
    const { url, checks } = await authorisationRequest(connectionOf(deps, provider), redirectUriOf(deps.publicUrl));
    return ok({ url, pending: { partnershipId, agencyId, checks } });
  } catch {
    return conflict(`Concord could not reach ${provider.display_name}’s sign-in service. Try again later, or sign in with your email address and password.`);
  }
}
