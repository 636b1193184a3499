// The OpenID Connect relying party (openid-client v6): discovery of an agency's provider, the
// authorisation request (authorisation code with PKCE S256, a fresh state and nonce), and redeeming
// the code with the ID token's validation (signature, issuer, audience, expiry, nonce) and the
// state check. The network edge of single sign-on; the rules are in src/domain/sso.ts (ADR 0047).
import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import type { SsoClaims } from '../../domain/sso.ts';

export interface ProviderConnection {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** What must come back unchanged for the code to be redeemed: kept in the server-side session, never in the address. */
export interface AuthorisationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

const configurations = new Map<string, Promise<client.Configuration>>();

/** Plain http is accepted only for a provider on this machine's loopback address (domain `issuerError`). */
const insecureAllowed = (issuer: string) => new URL(issuer).protocol === 'http:';

function configuration(p: ProviderConnection): Promise<client.Configuration> {
  const key = createHash('sha256')
    .update(JSON.stringify([p.issuer, p.clientId, p.clientSecret]))
    .digest('hex');
  let found = configurations.get(key);
  if (!found) {
    found = client.discovery(new URL(p.issuer), p.clientId, p.clientSecret, undefined, insecureAllowed(p.issuer) ? { execute: [client.allowInsecureRequests] } : undefined);
    // A provider that could not be reached is tried again next time.
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  return found;
}

export async function authorisationRequest(p: ProviderConnection, redirectUri: string): Promise<{ url: string; checks: AuthorisationChecks }> {
  const config = await configuration(p);
  const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
  });
  return { url: url.href, checks };
}

/** Redeem the code the provider sent back to `callbackUrl`; throws if the state, the nonce, PKCE or the ID token does not check out. */
export async function redeemCode(p: ProviderConnection, callbackUrl: URL, redirectUri: string, checks: AuthorisationChecks): Promise<SsoClaims> {
  const config = await configuration(p);
  const tokens = await client.authorizationCodeGrant(
    config,
    callbackUrl,
    { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true },
    { redirect_uri: redirectUri },
  );
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider returned no ID token');
  // A provider may give the e-mail address in the ID token (Entra ID's optional claim) or only at
  // its userinfo endpoint (NHS CIS2; OpenID Connect Core s.5.4): then it is asked, for the same subject.
  const email = typeof claims.email === 'string' ? claims : await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return {
    sub: claims.sub,
    email: typeof email.email === 'string' ? email.email : undefined,
    email_verified: email.email_verified === true,
    acr: typeof claims.acr === 'string' ? claims.acr : undefined,
    amr: Array.isArray(claims.amr) ? claims.amr.filter((a): a is string => typeof a === 'string') : undefined,
  };
}
