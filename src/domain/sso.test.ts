import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_MFA_AMR, identityProviderSchema, issuerError, type LinkCandidate, providerProvedMfa, type SsoPolicy, ssoLinkDecision } from './sso.ts';

const policy: SsoPolicy = { mfaAcrValues: ['AAL3_ANY'], mfaAmrValues: DEFAULT_MFA_AMR };
const sam: LinkCandidate = { userId: 'u1', email: 'Sam.Social@council.example', active: true, subject: null };
const mfa = { amr: ['pwd', 'mfa'] };

describe('single sign-on: the provider must prove a second factor (acr/amr)', () => {
  it('accepts an accepted acr or amr value, and refuses a password alone', () => {
    assert.ok(providerProvedMfa({ acr: 'AAL3_ANY' }, policy));
    assert.ok(providerProvedMfa({ amr: ['pwd', 'otp'] }, policy));
    assert.ok(!providerProvedMfa({ amr: ['pwd'] }, policy));
    assert.ok(!providerProvedMfa({ acr: 'AAL1' }, policy));
  });

  it('a provider that did not prove a second factor still links, and says so: Concord asks for its own (ADR 0047)', () => {
    assert.deepEqual(ssoLinkDecision({ sub: 's', email: sam.email, email_verified: true, amr: ['pwd'] }, [sam], policy), { kind: 'link', userId: 'u1', mfaProved: false });
    assert.deepEqual(ssoLinkDecision({ sub: 's', acr: 'AAL3_ANY' }, [{ ...sam, subject: 's' }], policy), { kind: 'signed-in', userId: 'u1', mfaProved: true });
  });
});

describe('single sign-on: just-in-time linking to a pre-created staff record, never creating access', () => {
  it('links by verified e-mail address (any case) once, then by subject', () => {
    assert.deepEqual(ssoLinkDecision({ sub: 's1', email: 'sam.social@COUNCIL.example', email_verified: true, ...mfa }, [sam], policy), { kind: 'link', userId: 'u1', mfaProved: true });
    assert.deepEqual(ssoLinkDecision({ sub: 's1', ...mfa }, [{ ...sam, subject: 's1' }], policy), { kind: 'signed-in', userId: 'u1', mfaProved: true });
  });

  it('refuses an unverified address, a disabled record, a record linked to another subject', () => {
    assert.deepEqual(ssoLinkDecision({ sub: 's1', email: sam.email, email_verified: false, ...mfa }, [sam], policy), { kind: 'refused', reason: 'email-not-verified' });
    assert.deepEqual(ssoLinkDecision({ sub: 's1', email: sam.email, email_verified: true, ...mfa }, [{ ...sam, active: false }], policy), { kind: 'refused', reason: 'disabled' });
    assert.deepEqual(ssoLinkDecision({ sub: 's2', email: sam.email, email_verified: true, ...mfa }, [{ ...sam, subject: 's1' }], policy), { kind: 'refused', reason: 'linked-to-another' });
  });

  it('property: someone with no pre-created record is never let in', () => {
    fc.assert(
      fc.property(fc.string(), fc.emailAddress(), fc.boolean(), (sub, email, verified) => {
        const d = ssoLinkDecision({ sub, email, email_verified: verified, ...mfa }, [], policy);
        return d.kind === 'refused';
      }),
    );
  });
});

describe('single sign-on: linking by subject only', () => {
  it('finds only a record already linked to the subject, never one by e-mail address', () => {
    const bySubject = { ...policy, linkBy: 'subject' as const };
    assert.deepEqual(ssoLinkDecision({ sub: 's1', email: sam.email, email_verified: true, ...mfa }, [sam], bySubject), { kind: 'refused', reason: 'no-account' });
    assert.deepEqual(ssoLinkDecision({ sub: 's1', ...mfa }, [{ ...sam, subject: 's1' }], bySubject), { kind: 'signed-in', userId: 'u1', mfaProved: true });
  });
});

describe('an agency identity provider settings', () => {
  const good = {
    displayName: 'Northshire NHS',
    issuer: 'https://login.microsoftonline.com/tenant/v2.0',
    clientId: 'abc',
    clientSecret: 's',
    mfaAcrValues: '',
    mfaAmrValues: 'mfa, otp\nhwk',
    linkBy: 'email',
  };

  it('accepts https, and plain http only on the loopback address', () => {
    assert.equal(issuerError('https://auth.example.nhs.uk/openam/oauth2/realms/root/realms/oidc'), undefined);
    assert.equal(issuerError('http://127.0.0.1:4000'), undefined);
    assert.match(issuerError('http://idp.example') ?? '', /https/);
    assert.match(issuerError('https://idp.example/?a=1') ?? '', /query/);
    assert.match(issuerError('not a url') ?? '', /full web address/);
  });

  it('splits acr and amr values on commas, spaces and new lines, and needs at least one', () => {
    const parsed = identityProviderSchema.parse(good);
    assert.deepEqual(parsed.mfaAmrValues, ['mfa', 'otp', 'hwk']);
    const none = identityProviderSchema.safeParse({ ...good, mfaAmrValues: ' , ' });
    assert.ok(!none.success);
    assert.deepEqual(
      none.error.issues.map((i) => i.path.join('.')),
      ['mfaAmrValues'],
    );
  });

  it('names the field of each mistake', () => {
    const bad = identityProviderSchema.safeParse({ ...good, displayName: ' ', issuer: 'ftp://x', clientId: '', linkBy: 'phone' });
    assert.ok(!bad.success);
    assert.deepEqual(bad.error.issues.map((i) => i.path.join('.')).sort(), ['clientId', 'displayName', 'issuer', 'linkBy']);
  });
});
