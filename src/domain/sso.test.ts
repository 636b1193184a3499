import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_MFA_AMR, type LinkCandidate, providerProvedMfa, type SsoPolicy, ssoLinkDecision } from './sso.ts';

const policy: SsoPolicy = { mfaAcrValues: ['AAL3_ANY'], mfaAmrValues: DEFAULT_MFA_AMR };
const sam: LinkCandidate = { userId: 'u1', email: 'Sam.Social@council.example', active: true, subject: null };
const mfa = { amr: ['pwd', 'mfa'] };

describe('single sign-on: the provider must prove a second factor (acr/amr)', () => {
  it('accepts an accepted acr or amr value, and refuses a password alone', () => {
    assert.ok(providerProvedMfa({ acr: 'AAL3_ANY' }, policy));
    assert.ok(providerProvedMfa({ amr: ['pwd', 'otp'] }, policy));
    assert.ok(!providerProvedMfa({ amr: ['pwd'] }, policy));
    assert.ok(!providerProvedMfa({ acr: 'AAL1' }, policy));
    assert.deepEqual(ssoLinkDecision({ sub: 's', email: sam.email, email_verified: true, amr: ['pwd'] }, [sam], policy), { kind: 'refused', reason: 'no-mfa' });
  });
});

describe('single sign-on: just-in-time linking to a pre-created staff record, never creating access', () => {
  it('links by verified e-mail address (any case) once, then by subject', () => {
    assert.deepEqual(ssoLinkDecision({ sub: 's1', email: 'sam.social@COUNCIL.example', email_verified: true, ...mfa }, [sam], policy), { kind: 'link', userId: 'u1' });
    assert.deepEqual(ssoLinkDecision({ sub: 's1', ...mfa }, [{ ...sam, subject: 's1' }], policy), { kind: 'signed-in', userId: 'u1' });
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
