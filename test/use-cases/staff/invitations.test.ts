// Invitations by e-mail on a real database (ADR 0084): the e-mail names nobody and carries a link
// whose token is stored only as a hash; the link works once, for 7 days; a new invitation stops the
// old link; a withdrawn, used or expired link says so; only the person's administrator can invite,
// at most five times a day; everything is audited in the transaction that does it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { INVITATION_DAYS } from '../../../src/domain/invitations.ts';
import { acceptInvitation, invitationLinkState } from '../../../src/use-cases/accounts/accept-invitation.ts';
import type { Deps } from '../../../src/use-cases/kernel/deps.ts';
import { addStaffMember } from '../../../src/use-cases/staff/add-staff-member.ts';
import { importStaff } from '../../../src/use-cases/staff/import-staff.ts';
import { inviteStaffMember } from '../../../src/use-cases/staff/invite-staff-member.ts';
import { revokeStaffInvitation } from '../../../src/use-cases/staff/revoke-staff-invitation.ts';
import { viewStaffMember } from '../../../src/use-cases/staff/view-staff-member.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, makeStaff, makeWorld } from '../../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const GOOD = 'plum kettle orbit lantern';
const at = (deps: Deps, ms: number): Deps => ({ ...deps, now: () => new Date(deps.now().getTime() + ms) });

/** The token in the newest invitation e-mail to `email`. */
async function tokenFor(deps: Deps, email: string): Promise<string> {
  const mail = await deps.db
    .selectFrom('email_outbox')
    .select(['body'])
    .where('to_address', '=', email)
    .where('template', '=', 'staff-invitation')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const m = /\/invitation\/([A-Za-z0-9_-]{40,})/.exec(mail.body);
  assert.ok(m, 'the e-mail holds the link');
  return m[1]!;
}

async function addInvited(deps: Deps, admin: Awaited<ReturnType<typeof makeStaff>>, email: string) {
  const added = await addStaffMember(deps, admin.actor, { email, displayName: 'Imogen Invitee', jobTitle: 'Family support worker', roles: ['practitioner'], invite: true });
  if (added.kind !== 'ok') assert.fail(JSON.stringify(added));
  assert.equal(added.value.invited, true);
  return added.value.userId;
}

describe('invitations by e-mail', () => {
  it('adding with an invitation writes an e-mail that names nobody, stores only the token’s hash, and audits both in one go', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const email = 'imogen.invitee@council.test';
    const userId = await addInvited(deps, admin, email);
    const mail = await deps.db.selectFrom('email_outbox').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
    assert.equal(mail.subject, 'You have been invited to use Concord');
    for (const personal of ['Imogen', 'Invitee', 'Council', 'Family support', 'practitioner']) assert.ok(!mail.body.includes(personal), `no "${personal}" in the e-mail`);
    assert.match(mail.body, new RegExp(`within ${INVITATION_DAYS} days`));
    const token = await tokenFor(deps, email);
    const row = await deps.db.selectFrom('staff_invitation').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, token);
    assert.ok(!row.token_hash.includes(token));
    assert.notEqual(row.token_hash, createHash('sha256').update(token).digest('base64url'), 'hashed with its own prefix');
    assert.equal(row.expires_at.getTime() - row.created_at.getTime(), INVITATION_DAYS * 86_400_000);
    const actions = (await auditOf(deps, w.partnershipId)).filter((e) => e.subject_id === userId).map((e) => e.action);
    assert.deepEqual(actions, ['staff.added', 'staff.invited']);
    const view = await viewStaffMember(deps, admin.actor, userId);
    assert.equal(view.kind === 'ok' && view.value.invitation?.state, 'pending');
  });

  it('the invitee chooses a password under the policy; the link then works no more, and the account waits for its authenticator app', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const email = 'ivor.invitee@council.test';
    const userId = await addInvited(deps, admin, email);
    const token = await tokenFor(deps, email);
    assert.equal(await invitationLinkState(deps, token), 'pending');
    assert.equal(await invitationLinkState(deps, `${token}x`), 'unknown');
    assert.equal(await invitationLinkState(deps, ''), 'unknown');

    const weak = await acceptInvitation(deps, { token, newPassword: 'password123', confirmPassword: 'password123', correlationId: 'c' });
    assert.equal(weak.kind, 'invalid');
    const mismatch = await acceptInvitation(deps, { token, newPassword: GOOD, confirmPassword: `${GOOD}!`, correlationId: 'c' });
    assert.deepEqual(mismatch.kind === 'invalid' && mismatch.errors.map((e) => e.path), ['confirmPassword']);
    const before = await deps.db.selectFrom('staff_user').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
    assert.equal(before.password_hash, null, 'nothing half-written by a refused password');

    const accepted = await acceptInvitation(deps, { token, newPassword: GOOD, confirmPassword: GOOD, correlationId: 'c' });
    if (accepted.kind !== 'ok') assert.fail(JSON.stringify(accepted));
    assert.equal(accepted.value.userId, userId);
    assert.equal(accepted.value.mfaEnrolled, false, 'the authenticator app is set up next');
    const user = await deps.db.selectFrom('staff_user').select(['password_hash', 'password_changed_at']).where('id', '=', userId).executeTakeFirstOrThrow();
    assert.ok(user.password_hash?.startsWith('$argon2id$'));
    assert.equal(await invitationLinkState(deps, token), 'accepted');
    const again = await acceptInvitation(deps, { token, newPassword: GOOD, confirmPassword: GOOD, correlationId: 'c' });
    assert.deepEqual(again, { kind: 'conflict', reason: 'accepted' });
    const accept = (await auditOf(deps, w.partnershipId)).find((e) => e.action === 'staff.invitation-accepted');
    assert.equal(accept?.actor_user_id, userId);
    // With a password set, there is nobody to invite any more.
    const reinvite = await inviteStaffMember(deps, admin.actor, userId);
    assert.equal(reinvite.kind, 'conflict');
  });

  it('a new invitation stops the earlier link; a withdrawn link says so; a link expires after 7 days', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const email = 'ursula.unhurried@council.test';
    const userId = await addInvited(deps, admin, email);
    const first = await tokenFor(deps, email);
    assert.equal((await inviteStaffMember(at(deps, 1000), admin.actor, userId)).kind, 'ok');
    const second = await tokenFor(deps, email);
    assert.notEqual(first, second);
    assert.equal(await invitationLinkState(deps, first), 'revoked');
    assert.equal(await invitationLinkState(deps, second), 'pending');

    const late = at(deps, INVITATION_DAYS * 86_400_000 + 60_000);
    assert.equal(await invitationLinkState(late, second), 'expired');
    assert.deepEqual(await acceptInvitation(late, { token: second, newPassword: GOOD, confirmPassword: GOOD, correlationId: 'c' }), { kind: 'conflict', reason: 'expired' });
    const nearlyLate = at(deps, INVITATION_DAYS * 86_400_000 - 60_000);
    assert.equal(await invitationLinkState(nearlyLate, second), 'pending');

    assert.equal((await revokeStaffInvitation(deps, admin.actor, userId)).kind, 'ok');
    assert.equal(await invitationLinkState(deps, second), 'revoked');
    assert.deepEqual(await revokeStaffInvitation(deps, admin.actor, userId), { kind: 'conflict', reason: 'There is no invitation waiting to be used.' });
    const actions = (await auditOf(deps, w.partnershipId)).filter((e) => e.subject_id === userId).map((e) => e.action);
    assert.deepEqual(actions, ['staff.added', 'staff.invited', 'staff.invited', 'staff.invitation-revoked']);
  });

  it('another agency’s administrator cannot invite or withdraw (not found, audited as denied); at most five invitations a day; a disabled account is refused', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const schoolAdmin = await makeStaff(deps, w.partnershipId, w.schoolId, ['administrator']);
    const userId = await addInvited(deps, admin, 'rita.repeat@council.test');
    assert.equal((await inviteStaffMember(deps, schoolAdmin.actor, userId)).kind, 'not_found');
    assert.equal((await revokeStaffInvitation(deps, schoolAdmin.actor, userId)).kind, 'not_found');
    const denied = (await auditOf(deps, w.partnershipId)).filter((e) => e.actor_user_id === schoolAdmin.id).map((e) => `${e.action}:${e.outcome}`);
    assert.deepEqual(denied, ['staff.invited:denied', 'staff.invitation-revoked:denied']);
    const practitioner = await makeStaff(deps, w.partnershipId, w.councilId, ['practitioner']);
    assert.equal((await inviteStaffMember(deps, practitioner.actor, userId)).kind, 'not_found');

    for (let i = 0; i < 4; i++) assert.equal((await inviteStaffMember(deps, admin.actor, userId)).kind, 'ok');
    const sixth = await inviteStaffMember(deps, admin.actor, userId);
    assert.equal(sixth.kind, 'conflict');
    const mails = await deps.db.selectFrom('email_outbox').select('id').where('to_address', '=', 'rita.repeat@council.test').execute();
    assert.equal(mails.length, 5);
    assert.equal((await inviteStaffMember(at(deps, 86_400_000 + 1000), admin.actor, userId)).kind, 'ok', 'a day later, another may be sent');

    const other = await addStaffMember(deps, admin.actor, { email: 'dora.disabled@council.test', displayName: 'Dora', roles: ['practitioner'] });
    if (other.kind !== 'ok') assert.fail('not added');
    assert.equal(other.value.invited, false);
    await deps.db.updateTable('staff_user').set({ active: false }).where('id', '=', other.value.userId).execute();
    const refused = await inviteStaffMember(deps, admin.actor, other.value.userId);
    assert.equal(refused.kind === 'conflict' && refused.reason, 'This account is disabled. Enable it before sending an invitation.');
  });

  it('a disabled account’s invitation no longer works', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const userId = await addInvited(deps, admin, 'della.disabled@council.test');
    const token = await tokenFor(deps, 'della.disabled@council.test');
    await deps.db.updateTable('staff_user').set({ active: false }).where('id', '=', userId).execute();
    assert.equal(await invitationLinkState(deps, token), 'revoked');
    assert.equal((await acceptInvitation(deps, { token, newPassword: GOOD, confirmPassword: GOOD, correlationId: 'c' })).kind, 'conflict');
  });

  it('a CSV import may invite everyone it adds, in its one transaction; a dry run sends nothing', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const csv = 'email,name,job_title,roles,agency\nabe.import@council.test,Abe Import,,practitioner,\nbea.import@council.test,Bea Import,,spoc,\n';
    const dry = await importStaff(deps, admin.actor, { csv, dryRun: true, invite: true });
    assert.equal(dry.kind === 'ok' && dry.value.invited, 0);
    const before = await deps.db.selectFrom('email_outbox').select('id').where('to_address', 'in', ['abe.import@council.test', 'bea.import@council.test']).execute();
    assert.equal(before.length, 0);
    const real = await importStaff(deps, admin.actor, { csv, dryRun: false, invite: true });
    assert.equal(real.kind === 'ok' && real.value.invited, 2);
    for (const e of ['abe.import@council.test', 'bea.import@council.test']) assert.equal(await invitationLinkState(deps, await tokenFor(deps, e)), 'pending');
  });
});
