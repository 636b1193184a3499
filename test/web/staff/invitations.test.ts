// Invitations through the real application (ADR 0084): the administrator adds someone and invites
// them; the invitee's link moves into the session, they choose a password, set up their
// authenticator app and are signed in; the link then says it has been used. A withdrawn or unknown
// link has its own clear page; another agency's administrator gets "Page not found".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { makeStaff, makeWorld } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

const linkFor = async (email: string) => {
  const mail = await ctx.t.deps.db.selectFrom('email_outbox').select('body').where('to_address', '=', email).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const m = /https?:\/\/[^/\s]+(\/invitation\/[A-Za-z0-9_-]+)/.exec(mail.body);
  assert.ok(m, 'the e-mail holds the link');
  return m[1]!;
};

describe('invitations', () => {
  it('an administrator invites a new member of staff, who sets a password and an authenticator app and is signed in', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const c = new Client(ctx.app);
    await c.signIn(admin.email);
    const form = await c.get('/staff/new');
    assert.match(form.body, /name="invite" type="checkbox" value="yes" checked/);
    const added = await c.post('/staff/new', { displayName: 'Iona Invited', email: 'iona.invited@council.test', roles: ['practitioner'], invite: 'yes' });
    assert.equal(added.statusCode, 303);
    const page = await c.get(added.headers.location as string);
    assert.match(page.body, /was added and sent an invitation by email/);
    assert.match(page.body, /Invitation sent/);
    assert.match(page.body, /Link works until/);
    assert.match(page.body, /Withdraw the invitation/);

    const link = await linkFor('iona.invited@council.test');
    const invitee = new Client(ctx.app);
    const opened = await invitee.get(link);
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/invitation', 'the token leaves the address bar');
    const accept = await invitee.get('/invitation');
    assert.equal(accept.statusCode, 200);
    assert.match(accept.body, /Set up your Concord account/);
    const weak = await invitee.post('/invitation', { newPassword: 'short', confirmPassword: 'short' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /<title>Error: Set up your Concord account/);
    assert.match(weak.body, /Your password must be 12 characters or more/);
    const done = await invitee.post('/invitation', { newPassword: 'quiet meadow copper kite', confirmPassword: 'quiet meadow copper kite' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/sign-in/set-up-authenticator');
    const codes = await invitee.secondFactor('iona.invited@council.test', '/sign-in/set-up-authenticator');
    assert.match(codes.body, /Save your recovery codes/);
    assert.equal((await invitee.get('/children')).statusCode, 200, 'signed in');

    const reused = new Client(ctx.app);
    await reused.get(link);
    const used = await reused.get('/invitation');
    assert.equal(used.statusCode, 410);
    assert.match(used.body, /This invitation has already been used/);
    const after = await c.get(added.headers.location as string);
    assert.match(after.body, /Invitation accepted/);
    assert.match(after.body, /They have already set a password/);
  });

  it('a withdrawn invitation and an unknown link each say so; another agency’s administrator cannot invite', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const c = new Client(ctx.app);
    await c.signIn(admin.email);
    await c.get('/staff/new');
    const added = await c.post('/staff/new', { displayName: 'Wendy Withdrawn', email: 'wendy.withdrawn@council.test', roles: ['practitioner'] });
    const userId = String(added.headers.location).split('/').pop()!;
    const page = await c.get(`/staff/${userId}`);
    assert.match(page.body, /No invitation sent/);
    assert.equal((await c.post(`/staff/${userId}/invite`, {})).statusCode, 303);
    const link = await linkFor('wendy.withdrawn@council.test');
    await c.get(`/staff/${userId}`);
    const withdrawn = await c.post(`/staff/${userId}/invitation/revoke`, {});
    assert.equal(withdrawn.headers.location, `/staff/${userId}#invitation`);
    assert.match((await c.get(`/staff/${userId}`)).body, /Invitation withdrawn/);
    const again = await c.post(`/staff/${userId}/invitation/revoke`, {});
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /There is no invitation waiting to be used/);

    const invitee = new Client(ctx.app);
    await invitee.get(link);
    const gone = await invitee.get('/invitation');
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /This invitation has been withdrawn/);
    const unknown = new Client(ctx.app);
    await unknown.get('/invitation/not-a-real-token');
    const notValid = await unknown.get('/invitation');
    assert.equal(notValid.statusCode, 404);
    assert.match(notValid.body, /This invitation link is not valid/);

    const schoolAdmin = await makeStaff(deps, w.partnershipId, w.schoolId, ['administrator']);
    const other = new Client(ctx.app);
    await other.signIn(schoolAdmin.email);
    await other.get('/staff');
    const refused = await other.post(`/staff/${userId}/invite`, {});
    assert.equal(refused.statusCode, 404);
  });
});
