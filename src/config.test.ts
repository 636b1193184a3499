import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const key = Buffer.alloc(32, 1).toString('base64');

describe('configuration', () => {
  it('has safe development defaults: PGlite in ./data, localhost only, demo data', () => {
    const c = loadConfig({});
    assert.equal(c.env, 'development');
    assert.equal(c.databaseUrl, 'pglite://./data');
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 3000);
    assert.equal(c.demoData, true);
    assert.equal(c.session.cookieSecure, false);
  });

  it('refuses to start in production without secrets, listing every problem', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.problems.some((p) => p.includes('SESSION_SECRET')) &&
        e.problems.some((p) => p.includes('KEY_ENCRYPTION_KEYS')) &&
        e.problems.some((p) => p.includes('DATABASE_URL')),
    );
  });

  it('starts in production with secrets, secure cookies and no demo data', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      KEY_ENCRYPTION_KEYS: `k1:${key}`,
      DATABASE_URL: 'postgres://u@db/concord',
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    });
    assert.equal(c.session.cookieSecure, true);
    assert.equal(c.demoData, false);
    assert.equal(c.keys.current, 'k1');
  });

  it('gives a precise error for a malformed key or port', () => {
    assert.throws(() => loadConfig({ KEY_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' }), /must be 32 bytes/);
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => loadConfig({ KEY_ENCRYPTION_KEYS: `k1:${key}`, KEY_ENCRYPTION_KEY_ID: 'k9' }), /k9/);
  });
});
