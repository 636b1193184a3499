// Red-team finding (issue 11): Secure cookies and HSTS in production. Production cannot switch
// them off, and the application then marks the session cookie Secure and sends HSTS.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/app.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { PUBLIC_DIR } from '../support/app.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const productionEnv = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'a-production-session-secret-that-is-long-enough',
  KEY_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
  AUDIT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----',
  DATABASE_URL: 'postgres://concord@db/concord',
};

describe('production is HTTPS only', () => {
  it('refuses COOKIE_SECURE=false in production, and makes cookies Secure by default', () => {
    assert.equal(loadConfig(productionEnv).session.cookieSecure, true);
    assert.throws(
      () => loadConfig({ ...productionEnv, COOKIE_SECURE: 'false' }),
      (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith('COOKIE_SECURE')),
    );
  });

  it('with production settings behind a trusted TLS proxy, the session cookie is Secure and HSTS is sent', async () => {
    const config = loadConfig({ ...productionEnv, TRUST_PROXY: '127.0.0.1' });
    const app = await createApp({ deps: t.deps, web: { session: config.session, publicDir: PUBLIC_DIR, trustProxy: config.trustProxy } });
    try {
      const res = await app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['strict-transport-security']), /max-age=31536000; includeSubDomains/);
      const cookie = res.cookies.find((c) => c.name === 'concord_session');
      assert.ok(cookie, 'the session cookie is set over HTTPS');
      assert.equal(cookie.secure, true);
      assert.equal(cookie.httpOnly, true);
    } finally {
      await app.close();
    }
  });
});
