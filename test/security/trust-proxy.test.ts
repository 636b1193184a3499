// Red-team finding (issue 11): the sign-in rate limit followed a client-supplied X-Forwarded-For
// (`trustProxy: true`), so it could be bypassed by changing the header. Now no proxy is trusted
// unless configured (TRUST_PROXY), and then only the listed addresses' headers are believed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { PUBLIC_DIR } from '../support/app.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const session = { secret: 'a-test-session-secret-that-is-long-enough', idleMinutes: 30, maxHours: 12, cookieSecure: false };

/** POST /sign-in `n` times, each from a different claimed client address; the status codes. */
async function signInsFromSpoofedAddresses(app: FastifyInstance, n: number, remoteAddress = '127.0.0.1') {
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    // No CSRF token: the rate limit answers before the form is checked, so a refusal is 403 and a limit 429.
    const res = await app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress,
      headers: { 'x-forwarded-for': `203.0.113.${i}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40b.test&password=x',
    });
    codes.push(res.statusCode);
  }
  return codes;
}

describe('X-Forwarded-For is believed only from configured proxies', () => {
  it('by default a changing X-Forwarded-For does not escape the sign-in rate limit', async () => {
    const app = await createApp({ deps: t.deps, web: { session, publicDir: PUBLIC_DIR } });
    try {
      const codes = await signInsFromSpoofedAddresses(app, 12);
      assert.ok(codes.includes(429), `expected the limit to apply, got ${codes.join(',')}`);
    } finally {
      await app.close();
    }
  });

  it('behind a configured proxy each real client is limited separately, and a client outside the list cannot spoof', async () => {
    const app = await createApp({ deps: t.deps, web: { session, publicDir: PUBLIC_DIR, trustProxy: ['10.0.0.5'] } });
    try {
      const viaProxy = await signInsFromSpoofedAddresses(app, 12, '10.0.0.5');
      assert.ok(!viaProxy.includes(429), 'clients behind the proxy are told apart by the header it sets');
      const direct = await signInsFromSpoofedAddresses(app, 12, '198.51.100.7');
      assert.ok(direct.includes(429), 'a client that is not the proxy is limited by its own address');
    } finally {
      await app.close();
    }
  });

  it('TRUST_PROXY is off by default, takes a list of addresses and CIDR ranges, and refuses anything else', () => {
    assert.deepEqual(loadConfig({}).trustProxy, []);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy, ['10.0.0.5', '10.1.0.0/16', '::1']);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), ConfigError);
    assert.throws(() => loadConfig({ TRUST_PROXY: '*' }), ConfigError);
  });
});
