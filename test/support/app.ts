// Build the real application in-process on a test database, and sign in through the real form.
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.ts';
import type { TestDb } from './db.ts';
import { TEST_PASSWORD } from './factories.ts';

export const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../public');

export async function buildApp(t: TestDb): Promise<FastifyInstance> {
  return createApp({
    deps: t.deps,
    web: { session: { secret: 'a-test-session-secret-that-is-long-enough', idleMinutes: 30, maxHours: 12, cookieSecure: false }, publicDir: PUBLIC_DIR },
  });
}

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

  async post(url: string, form: Record<string, string | string[]>, opts: { csrf?: string } = {}) {
    const body = new URLSearchParams();
    body.append('_csrf', opts.csrf ?? this.csrf);
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    const res = await this.app.inject({ method: 'POST', url, headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    this.cookie = cookieHeader(res, this.cookie);
    if (res.headers['content-type']?.toString().startsWith('text/html') && /name="_csrf"/.test(res.body)) this.csrf = csrfFrom(res.body);
    return res;
  }

  async signIn(email: string, password = TEST_PASSWORD) {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email, password });
    if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
    await this.get('/children');
    return res;
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
