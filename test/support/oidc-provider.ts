// A real OpenID Connect provider for tests: `oidc-provider` on the loopback address, with one
// confidential client (authorisation code, PKCE required — oidc-provider's default for every
// authorisation request) and one person at a time, whose claims and amr the test sets. Its
// interaction (the provider's own sign-in and consent pages) completes at once for that person, as
// if they had signed in at their organisation, so the tests exercise Concord's side of the flow:
// the redirect, state, nonce, PKCE, the code exchange and the ID token's validation.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface ProviderPerson {
  sub: string;
  email: string;
  email_verified: boolean;
  /** How the person authenticated (RFC 8176), e.g. ['pwd', 'mfa']; the ID token's `amr`. */
  amr: string[];
  acr?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the provider next. */
  person: ProviderPerson;
  close(): Promise<void>;
}

export async function startTestProvider(redirectUris: string[], person: ProviderPerson): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'concord-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const state: { person: ProviderPerson } = { person };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // acr and amr go with the openid scope, so they are in every ID token (by default oidc-provider
    // gives them only when the client asks for them by the claims parameter).
    claims: { openid: ['sub', 'acr', 'amr', 'auth_time'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, email: state.person.email, email_verified: state.person.email_verified, name: 'Test Person' }) }),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // The acr values the test person's acr may take (oidc-provider refuses one it was not told of).
    acrValues: ['urn:test:mfa', 'urn:test:password'],
    cookies: { keys: [randomBytes(16).toString('hex')] },
  });

  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      try {
        const { sub, amr, acr } = state.person;
        const grant = new provider.Grant({ accountId: sub, clientId });
        grant.addOIDCScope('openid email profile');
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { login: { accountId: sub, amr, ...(acr ? { acr } : {}) }, consent: { grantId } }, { mergeWithLastSubmission: false });
      } catch (e) {
        res.statusCode = 500;
        res.end(String(e));
      }
      return;
    }
    callback(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    get person() {
      return state.person;
    },
    set person(p: ProviderPerson) {
      state.person = p;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Follow the provider's redirects (authorise → interaction → authorise) until it sends the browser back to Concord; returns that address. */
export async function followProviderRedirects(url: string, concordOrigin: string): Promise<URL> {
  let next = new URL(url);
  let cookie = '';
  for (let i = 0; i < 10; i++) {
    if (next.origin === concordOrigin) return next;
    const res = await fetch(next, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (set.length) cookie = [...new Map([...cookie.split('; ').filter(Boolean), ...set].map((c) => [c!.split('=')[0], c])).values()].join('; ');
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider answered ${res.status} without a redirect: ${(await res.text()).slice(0, 300)}`);
    next = new URL(location, next);
  }
  throw new Error('too many redirects at the provider');
}
