// Shared by the single sign-on verbs (ADR 0047): where the provider sends the person back, and the
// connection to an agency's provider with its client secret unsealed.
import type { IdentityProviderRow } from '../../db/queries/identity-providers.ts';
import type { Deps } from '../kernel/deps.ts';
import type { AuthorisationChecks, ProviderConnection } from '../kernel/oidc.ts';
import { unsealAs } from '../kernel/sealed.ts';

/** Kept in the server-side session between the two legs: which agency's provider, and what must come back. */
export interface PendingSingleSignOn {
  partnershipId: string;
  agencyId: string;
  checks: AuthorisationChecks;
}

export const SSO_CALLBACK_PATH = '/sign-in/organisation/callback';

/** The redirect URI registered at the provider: Concord's own address (PUBLIC_URL), never a request's Host header. */
export const redirectUriOf = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}${SSO_CALLBACK_PATH}`;

export const connectionOf = (deps: Deps, p: IdentityProviderRow): ProviderConnection => ({
  issuer: p.issuer,
  clientId: p.client_id,
  clientSecret: unsealAs(deps.keyring, 'identity-provider-secret', p.agency_id, p.client_secret).secret,
});
