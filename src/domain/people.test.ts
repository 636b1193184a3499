import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sendBlockers, sendBlockerText } from './disclosures.ts';
import {
  agencyAccessRefusal,
  apiKeyExpiresAt,
  assignableRoles,
  canAdministerStaffOf,
  changesCredentials,
  checkStatus,
  isApiKeyLive,
  landingPage,
  MEMBERSHIPS,
  type MembershipChange,
  mayWorkWithChildren,
  membershipAfter,
  missingRoles,
  roleAssignmentError,
  staffCheckSchema,
  staffDetailsSchema,
} from './people.ts';
import { ROLES, type Role } from './staff.ts';

describe('who administers staff', () => {
  it('an agency administrator administers only their own agency; the partnership manager any', () => {
    assert.equal(canAdministerStaffOf({ agencyId: 'a', roles: ['administrator'] }, 'a'), true);
    assert.equal(canAdministerStaffOf({ agencyId: 'a', roles: ['administrator'] }, 'b'), false);
    assert.equal(canAdministerStaffOf({ agencyId: 'a', roles: ['partnership_manager'] }, 'b'), true);
    assert.equal(canAdministerStaffOf({ agencyId: 'a', roles: ['spoc', 'practitioner'] }, 'a'), false);
  });

  it('an administrator gives any role but partnership manager, which only the partnership manager gives', () => {
    assert.ok(!assignableRoles({ roles: ['administrator'] }).includes('partnership_manager'));
    assert.deepEqual(assignableRoles({ roles: ['partnership_manager'] }), [...ROLES]);
    assert.match(roleAssignmentError({ roles: ['administrator'] }, ['practitioner', 'partnership_manager']) ?? '', /Partnership manager/);
    assert.equal(roleAssignmentError({ roles: ['administrator'] }, ['partnership_manager'], ['partnership_manager']), undefined, 'keeping a role they hold already is allowed');
  });

  it('names the roles an agency is missing (Wirral 2022 App. 2 s.4.3, s.5.1; Sandwell 2022 App. 1), a Caldicott guardian for health', () => {
    assert.deepEqual(missingRoles([['spoc', 'practitioner'], ['ig_lead']], 'education'), ['designated_safeguarding_lead', 'manager']);
    assert.deepEqual(missingRoles([['spoc', 'designated_safeguarding_lead', 'ig_lead', 'manager']], 'health'), ['caldicott_guardian']);
  });
});

describe('separation of duties', () => {
  it('administration roles alone give no sight of children; any casework role as well does', () => {
    assert.equal(mayWorkWithChildren({ roles: ['administrator'] }), false);
    assert.equal(mayWorkWithChildren({ roles: ['partnership_manager', 'administrator'] }), false);
    fc.assert(fc.property(fc.subarray([...ROLES], { minLength: 1 }), (roles: Role[]) => mayWorkWithChildren({ roles }) === roles.some((r) => r !== 'administrator' && r !== 'partnership_manager')));
  });
});

describe('staff details', () => {
  it('lower-cases the address, removes duplicate roles and explains each error', () => {
    const ok = staffDetailsSchema.safeParse({ email: ' Sam@Example.ORG ', displayName: 'Sam', roles: ['spoc', 'practitioner', 'spoc'] });
    assert.deepEqual(ok.success && ok.data, { email: 'sam@example.org', displayName: 'Sam', jobTitle: null, roles: ['practitioner', 'spoc'] });
    const bad = staffDetailsSchema.safeParse({ email: 'nope', displayName: ' ', roles: [] });
    assert.deepEqual(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.')).sort(), ['displayName', 'email', 'roles']);
  });

  it('a change of address or roles revokes credentials; a change of name does not', () => {
    assert.equal(changesCredentials({ email: 'a@x', roles: ['spoc'] }, { email: 'A@X', roles: ['spoc'] }), false);
    assert.equal(changesCredentials({ email: 'a@x', roles: ['spoc'] }, { email: 'a@x', roles: ['spoc', 'practitioner'] }), true);
    assert.equal(changesCredentials({ email: 'a@x', roles: ['spoc'] }, { email: 'b@x', roles: ['spoc'] }), true);
  });
});

describe('an agency’s membership', () => {
  it('member ⇄ suspended, either → left, and leaving is final', () => {
    assert.equal(membershipAfter('member', 'suspend'), 'suspended');
    assert.equal(membershipAfter('suspended', 'reinstate'), 'member');
    assert.equal(membershipAfter('suspended', 'leave'), 'left');
    for (const c of ['suspend', 'reinstate', 'leave'] as MembershipChange[]) assert.equal(membershipAfter('left', c), undefined);
    assert.equal(membershipAfter('member', 'reinstate'), undefined);
    for (const m of MEMBERSHIPS) assert.ok(m);
  });

  it('a suspended or departed recipient blocks sending, with its own reason', () => {
    const actor = { userId: 'u1', agencyId: 'a1' };
    const decision = {
      agencyId: 'a1',
      decidedBy: 'u1',
      action: 'shared',
      recipientAgencyId: 'a2',
      recipientStanding: 'not_party' as const,
      sentDisclosureId: null,
      withdrawn: false,
      approvalStatus: 'not_needed',
      decidedLevel: 'minimum' as const,
      explicitConsentLevels: [],
      explicitConsentCovered: false,
    };
    assert.deepEqual(sendBlockers(actor, { ...decision, recipientMembership: 'suspended' }), ['recipient_suspended']);
    assert.deepEqual(sendBlockers(actor, { ...decision, recipientMembership: 'left' }), ['recipient_left']);
    assert.match(sendBlockerText.recipient_suspended, /suspended/);
    assert.match(sendBlockerText.recipient_left, /left the partnership/);
    assert.deepEqual(sendBlockers(actor, { ...decision, recipientStanding: 'in_force', recipientMembership: 'member' }), []);
  });
});

describe('checks and training (Wirral 2022 App. 2 s.7.1; Southampton 2010 s.18 items 5, 20; Sandwell 2022 s.10.1)', () => {
  it('is missing, current, due within 60 days, or expired', () => {
    assert.equal(checkStatus(undefined, '2026-12-03'), 'missing');
    assert.equal(checkStatus({ expiresOn: null }, '2026-12-03'), 'current');
    assert.equal(checkStatus({ expiresOn: '2027-06-01' }, '2026-12-03'), 'current');
    assert.equal(checkStatus({ expiresOn: '2027-01-15' }, '2026-12-03'), 'due');
    assert.equal(checkStatus({ expiresOn: '2026-12-03' }, '2026-12-03'), 'expired');
  });

  it('needs a real completion date and an expiry after it', () => {
    const bad = staffCheckSchema.safeParse({ kind: 'information_sharing_training', completedOn: '2026-02-30', expiresOn: '' });
    assert.deepEqual(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.')), ['completedOn']);
    const before = staffCheckSchema.safeParse({ kind: 'pre_employment_check', completedOn: '2026-05-01', expiresOn: '2026-04-01' });
    assert.deepEqual(before.success ? [] : before.error.issues.map((i) => i.path.join('.')), ['expiresOn']);
  });
});

describe('API keys expire', () => {
  it('are live until revoked or expired', () => {
    const created = new Date('2026-12-01T00:00:00Z');
    const expiresAt = apiKeyExpiresAt(created);
    assert.equal(isApiKeyLive({ revokedAt: null, expiresAt }, new Date(expiresAt.getTime() - 1)), true);
    assert.equal(isApiKeyLive({ revokedAt: null, expiresAt }, expiresAt), false);
    assert.equal(isApiKeyLive({ revokedAt: created, expiresAt }, created), false);
    assert.equal(isApiKeyLive({ revokedAt: null, expiresAt: null }, created), true);
  });
});

describe('a suspended or departed agency', () => {
  it('refuses its staff with the reason; a member agency does not', () => {
    assert.match(agencyAccessRefusal('suspended') ?? '', /suspended/);
    assert.match(agencyAccessRefusal('left') ?? '', /left the partnership/);
    assert.equal(agencyAccessRefusal('member'), undefined);
  });
});

describe('where a person lands after signing in', () => {
  it('only administering sends them to the staff pages; any casework role to children', () => {
    assert.equal(landingPage({ roles: ['administrator'] }), '/staff');
    assert.equal(landingPage({ roles: ['partnership_manager', 'administrator'] }), '/staff');
    assert.equal(landingPage({ roles: ['administrator', 'practitioner'] }), '/children');
    assert.equal(landingPage({ roles: ['ig_lead'] }), '/children');
  });
});
