// AUDIT_SIGNING_KEY: required in production (and never the development key), PKCS#8 PEM or base64
// DER, Ed25519 only; in development a fixed, clearly-marked key.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { ConfigError, devAuditSigningKey, loadConfig } from './config.ts';
import { createAuditSigner } from './use-cases/kernel/audit-signing.ts';

const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), KEY_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, DATABASE_URL: 'postgres://u@db/concord' };
const ed25519 = () => generateKeyPairSync('ed25519').privateKey;
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems;
  }
};

describe('the audit signing key', () => {
  it('is a fixed development key by default, and marked as such', () => {
    const c = loadConfig({});
    assert.equal(c.audit.development, true);
    assert.equal(createAuditSigner(c.audit.signingKey).keyId, createAuditSigner(devAuditSigningKey()).keyId);
  });

  it('is required in production, and may not be the development key', () => {
    assert.ok(problems(production).some((p) => p.startsWith('AUDIT_SIGNING_KEY is required in production')));
    const dev = devAuditSigningKey().export({ format: 'pem', type: 'pkcs8' }).toString();
    assert.ok(problems({ ...production, AUDIT_SIGNING_KEY: dev }).includes('AUDIT_SIGNING_KEY must not be the development key'));
  });

  it('accepts PKCS#8 PEM (also with \\n escapes) or base64 DER, Ed25519 only', () => {
    const key = ed25519();
    const pem = key.export({ format: 'pem', type: 'pkcs8' }).toString();
    const der = key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const id = createAuditSigner(key).keyId;
    for (const value of [pem, pem.replace(/\n/g, '\\n'), der]) {
      const c = loadConfig({ ...production, AUDIT_SIGNING_KEY: value });
      assert.equal(c.audit.development, false);
      assert.equal(createAuditSigner(c.audit.signingKey).keyId, id);
    }
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    assert.ok(problems({ ...production, AUDIT_SIGNING_KEY: rsa }).some((p) => /must be an Ed25519 private key/.test(p)));
    assert.ok(problems({ ...production, AUDIT_SIGNING_KEY: 'not a key' }).some((p) => /must be an Ed25519 private key/.test(p)));
  });
});
