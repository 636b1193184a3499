import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { INVITATION_DAYS, invitationEmail, invitationExpiry, invitationState, inviteRefusal } from './invitations.ts';

describe('invitations (ADR 0084)', () => {
  it('an invitation is pending until its expiry, unless it was used or withdrawn first', () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date('2020-01-01'), max: new Date('2040-01-01') }),
        fc.integer({ min: -30 * 86_400, max: 30 * 86_400 }),
        fc.boolean(),
        fc.boolean(),
        (sent, offset, used, withdrawn) => {
          const expiresAt = invitationExpiry(sent);
          const now = new Date(sent.getTime() + offset * 1000);
          const state = invitationState({ expiresAt, acceptedAt: used ? sent : null, revokedAt: withdrawn ? sent : null }, now);
          if (used) return state === 'accepted';
          if (withdrawn) return state === 'revoked';
          return state === (now < expiresAt ? 'pending' : 'expired');
        },
      ),
    );
    const sent = new Date('2026-12-01T09:00:00Z');
    assert.equal(invitationExpiry(sent).getTime() - sent.getTime(), INVITATION_DAYS * 86_400_000);
    assert.equal(invitationState({ expiresAt: invitationExpiry(sent), acceptedAt: null, revokedAt: null }, invitationExpiry(sent)), 'expired', 'the expiry instant itself is too late');
  });

  it('only an enabled account of a member agency without a password can be invited', () => {
    assert.equal(inviteRefusal({ active: true, hasPassword: false, agencyMembership: 'member' }), undefined);
    assert.match(inviteRefusal({ active: false, hasPassword: false, agencyMembership: 'member' })!, /disabled/);
    assert.match(inviteRefusal({ active: true, hasPassword: false, agencyMembership: 'suspended' })!, /suspended/);
    assert.match(inviteRefusal({ active: true, hasPassword: true, agencyMembership: 'member' })!, /already set a password/);
  });

  it('the e-mail carries the link and the service, nothing else', () => {
    const { subject, body } = invitationEmail('https://concord.example/invitation/abc');
    assert.equal(subject, 'You have been invited to use Concord');
    assert.match(body, /https:\/\/concord\.example\/invitation\/abc/);
    assert.match(body, /within 7 days/);
  });
});
