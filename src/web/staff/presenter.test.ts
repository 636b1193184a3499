import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invitationView } from './presenter.ts';

describe('the invitation section of a person’s page (ADR 0084)', () => {
  const member = { active: true, has_password: false, agency_membership: 'member' };
  it('offers a first invitation, then a new one or withdrawing it while it is open', () => {
    const none = invitationView(member, null);
    assert.equal(none.canSend, true);
    assert.equal(none.sendLabel, 'Send an invitation');
    assert.equal(none.canRevoke, false);
    assert.equal(none.rows.length, 1);
    const open = invitationView(member, { state: 'pending', sentAt: new Date('2026-12-01T09:00:00Z'), expiresAt: new Date('2026-12-08T09:00:00Z') });
    assert.equal(open.sendLabel, 'Send a new invitation');
    assert.equal(open.canRevoke, true);
    assert.deepEqual(
      open.rows.map((r) => r.key.text),
      ['Status', 'Sent', 'Link works until'],
    );
  });

  it('says why no invitation can be sent to someone with a password or a disabled account', () => {
    const accepted = invitationView({ ...member, has_password: true }, { state: 'accepted', sentAt: new Date(), expiresAt: new Date() });
    assert.equal(accepted.canSend, false);
    assert.equal(accepted.canRevoke, false);
    assert.match(accepted.cannotSend!, /already set a password/);
    assert.match(invitationView({ ...member, active: false }, null).cannotSend!, /disabled/);
  });
});
