// Build the real application in-process on a test database, and sign in through the real form.
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.ts';
import { totpCode, unsealTotpSecret } from '../../src/use-cases/kernel/totp.ts';
import type { WebOptions } from '../../src/web/types.ts';
import type { TestDb } from './db.ts';
import { TEST_PASSWORD, TEST_TOTP_SECRET } from './factories.ts';

/** The test database behind each app built here, so the client can read the test clock. */
const testDbOf = new WeakMap<FastifyInstance, TestDb>();

export const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../public');

export async function buildApp(t: TestDb, web: Partial<WebOptions> = {}): Promise<FastifyInstance> {
  const app = await createApp({
    deps: t.deps,
    web: { session: { secret: 'a-test-session-secret-that-is-long-enough', idleMinutes: 30, maxHours: 12, cookieSecure: false }, publicDir: PUBLIC_DIR, ...web },
  });
  testDbOf.set(app, t);
  return app;
}

/**
 * The authenticator code for an account at the test clock. A code is accepted once (ADR 0017), and
 * the test clock stands still, so a second sign-in in the same test would be a replay: the marker
 * of the last accepted step is cleared first, as the passing of 30 seconds would on a real clock.
 */
export async function currentTotpCode(t: TestDb, email: string): Promise<string> {
  const rows = await t.deps.db
    .updateTable('staff_user')
    .set({ totp_last_step: null })
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .returning(['id', 'totp_secret'])
    .execute();
  const row = rows.find((r) => r.totp_secret);
  // The account's own key (factory accounts share TEST_TOTP_SECRET; demo accounts DEMO_TOTP_SECRET).
  return totpCode(row ? unsealTotpSecret(t.deps.keyring, row.id, row.totp_secret!) : TEST_TOTP_SECRET, t.deps.now());
}

/** The key shown on the "set up your authenticator app" page, without its spaces. */
export const totpKeyFrom = (html: string) => /id="totp-key">([A-Z2-7 ]+)</.exec(html)?.[1]?.replace(/ /g, '');

export function cookieHeader(res: LightMyRequestResponse, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.split('=')[0]!, c] as const),
  );
  for (const c of res.cookies) jar.set(c.name, `${c.name}=${c.value}`);
  return [...jar.values()].join('; ');
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1]!;
}

/** A browser-like client: keeps cookies, reads the CSRF token from the last page. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookie } });
    this.cookie = cookieHeader(res, this.cookie);
    if (res.headers['content-type']?.toString().startsWith('text/html') && /name="_csrf"/.test(res.body)) this.csrf = csrfFrom(res.body);
    return res;
  }

  async post(url: string, form: Record<string, string | string[]>, opts: { csrf?: string; headers?: Record<string, string>; remoteAddress?: string } = {}) {
    const body = new URLSearchParams();
    body.append('_csrf', opts.csrf ?? this.csrf);
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    const res = await this.app.inject({
      method: 'POST',
      url,
      ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
      headers: { ...opts.headers, cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.cookie = cookieHeader(res, this.cookie);
    // Post-redirect-get (ADR 0072): a page form that succeeds answers with a redirect, never with a
    // page, so that Reload and Back cannot send it again. Every page test's POSTs check it.
    if (res.statusCode < 300 && res.headers['content-type']?.toString().startsWith('text/html'))
      throw new Error(`POST ${url} succeeded (${res.statusCode}) with a page instead of a redirect (post-redirect-get)`);
    if (res.headers['content-type']?.toString().startsWith('text/html') && /name="_csrf"/.test(res.body)) this.csrf = csrfFrom(res.body);
    return res;
  }

  /** Sign in through the real forms: password, then the code from the authenticator app (MFA for
   *  every account) — or, for an account without one, setting it up. Ends on the children page. */
  async signIn(email: string, password = TEST_PASSWORD) {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email, password });
    if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
    const done = await this.secondFactor(email, res.headers.location as string);
    await this.get('/children');
    return done;
  }

  /** From where the password step sent the client (/sign-in/code or the authenticator set-up), prove the second factor. */
  async secondFactor(email: string, location: string, remoteAddress?: string) {
    const t = testDbOf.get(this.app);
    if (!t) throw new Error('the app was not built with buildApp, so the client cannot compute an authenticator code');
    if (location === '/sign-in/code') {
      await this.get(location);
      const res = await this.post(location, { code: await currentTotpCode(t, email) }, { remoteAddress });
      if (res.statusCode !== 303) throw new Error(`second factor refused: ${res.statusCode}`);
      return res;
    }
    if (location === '/sign-in/set-up-authenticator') {
      const page = await this.get(location);
      const key = totpKeyFrom(page.body);
      if (!key) throw new Error('no authenticator key on the set-up page');
      const confirmed = await this.post(location, { code: await totpCode(key, t.deps.now()) }, { remoteAddress });
      if (confirmed.statusCode !== 303) throw new Error(`authenticator set-up refused: ${confirmed.statusCode}`);
      return this.get(confirmed.headers.location as string);
    }
    return undefined as never;
  }
}

/** Register before/after hooks that open a test database and build the app on it. */
export function useTestApp(openDb: () => Promise<TestDb>, hooks: { before: (fn: () => Promise<void>) => void; after: (fn: () => Promise<void>) => void }) {
  const ctx = {} as { t: TestDb; app: FastifyInstance };
  hooks.before(async () => {
    ctx.t = await openDb();
    ctx.app = await buildApp(ctx.t);
  });
  hooks.after(async () => {
    await ctx.app.close();
    await ctx.t.close();
  });
  return ctx;
}
