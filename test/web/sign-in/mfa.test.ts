// Signing in with a second factor, setting one up at first sign-in, step-up before sensitive
// actions, and the password pages — through the real routes (ADR 0017, ADR 0018).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { totpCode } from '../../../src/use-cases/kernel/totp.ts';
import { Client, currentTotpCode, totpKeyFrom, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { auditOf, makeStaff, makeWorld, TEST_PASSWORD } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

describe('signing in with a second factor', () => {
  it('a password alone opens nothing: the code page comes next, and a wrong code is refused with a field error', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.get('/sign-in');
    const res = await c.post('/sign-in', { email: w.council.email, password: TEST_PASSWORD });
    assert.equal(res.headers.location, '/sign-in/code');
    assert.equal((await c.get('/children')).headers.location, '/sign-in', 'not signed in yet');
    const page = await c.get('/sign-in/code');
    assert.match(page.body, /Enter the code from your authenticator app/);
    assert.match(page.body, /autocomplete="one-time-code"/);
    const bad = await c.post('/sign-in/code', { code: '000000' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /href="#code"/);
    const good = await c.post('/sign-in/code', { code: await currentTotpCode(ctx.t, w.council.email) });
    assert.equal(good.headers.location, '/children');
    assert.equal((await c.get('/children')).statusCode, 200);
    const signedIn = (await auditOf(ctx.t.deps, w.partnershipId)).find((e) => e.action === 'user.signed-in');
    assert.deepEqual(signedIn?.details, { secondFactor: 'totp' });
  });

  it('the code page cannot be reached without the password first', async () => {
    const c = new Client(ctx.app);
    assert.equal((await c.get('/sign-in/code')).headers.location, '/sign-in');
    await c.get('/sign-in');
    assert.equal((await c.post('/sign-in/code', { code: '123456' })).headers.location, '/sign-in');
  });

  it('someone without an authenticator app sets one up at first sign-in: QR code, key to type, then recovery codes', async () => {
    const w = await makeWorld(ctx.t.deps);
    const s = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId, ['practitioner'], undefined, { mfa: false });
    const c = new Client(ctx.app);
    await c.get('/sign-in');
    const res = await c.post('/sign-in', { email: s.email, password: TEST_PASSWORD });
    assert.equal(res.headers.location, '/sign-in/set-up-authenticator');
    const page = await c.get('/sign-in/set-up-authenticator');
    assert.match(page.body, /<svg role="img" aria-label="QR code for your authenticator app"/, 'the QR code is inline SVG (no JavaScript, no image request)');
    const key = totpKeyFrom(page.body);
    assert.ok(key && key.length === 32);
    const wrong = await c.post('/sign-in/set-up-authenticator', { code: '12' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /The code must be 6 digits/);
    assert.equal(totpKeyFrom(wrong.body), key, 'the same key is shown again');
    const confirmed = await c.post('/sign-in/set-up-authenticator', { code: await totpCode(key, ctx.t.deps.now()) });
    assert.equal(confirmed.statusCode, 303, 'post-redirect-get');
    assert.equal(confirmed.headers.location, '/sign-in/recovery-codes');
    const done = await c.get('/sign-in/recovery-codes');
    assert.match(done.body, /Save your recovery codes/);
    const reload = await c.get('/sign-in/recovery-codes');
    assert.equal(reload.statusCode, 303, 'the codes are shown once: a reload goes on');
    assert.doesNotMatch(reload.body, /<code>/);
    const codes = [...done.body.matchAll(/<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code>/g)].map((m) => m[1]!);
    assert.equal(codes.length, 10);
    assert.equal((await c.get('/children')).statusCode, 200, 'signed in');

    // Next time: a recovery code instead of the app.
    const again = new Client(ctx.app);
    await again.get('/sign-in');
    await again.post('/sign-in', { email: s.email, password: TEST_PASSWORD });
    await again.get('/sign-in/code');
    assert.equal((await again.post('/sign-in/code', { code: codes[3]! })).headers.location, '/children');
  });
});

describe('step-up before a sensitive action', () => {
  it('creating an API key needs a code proved in the last 15 minutes', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    await c.get('/account/api-keys');
    ctx.t.clock.now = new Date(ctx.t.clock.now.getTime() + 20 * 60_000);
    await c.get('/account/api-keys');
    const asked = await c.post('/account/api-keys', { name: 'Case system' });
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, '/account/confirm-identity?returnTo=%2Faccount%2Fapi-keys');
    assert.equal(await ctx.t.deps.db.selectFrom('api_key').select('id').where('user_id', '=', w.council.id).executeTakeFirst(), undefined, 'no key yet');
    const page = await c.get(asked.headers.location as string);
    assert.match(page.body, /Confirm it is you/);
    const bad = await c.post('/account/confirm-identity', { code: '000000', returnTo: '/account/api-keys' });
    assert.equal(bad.statusCode, 400);
    const ok = await c.post('/account/confirm-identity', { code: await currentTotpCode(ctx.t, w.council.email), returnTo: '/account/api-keys' });
    assert.equal(ok.headers.location, '/account/api-keys');
    await c.get('/account/api-keys');
    const created = await c.post('/account/api-keys', { name: 'Case system' });
    assert.equal(created.headers.location, '/account/api-keys');
    assert.match((await c.get('/account/api-keys')).body, /API key created/);
    assert.ok((await auditOf(ctx.t.deps, w.partnershipId)).some((e) => e.action === 'user.second-factor-verified' && (e.details as { purpose?: string }).purpose === 'step-up'));
  });

  it('returns only to a page inside Concord', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    await c.get('/account/confirm-identity?returnTo=//evil.example');
    const res = await c.post('/account/confirm-identity', { code: await currentTotpCode(ctx.t, w.council.email), returnTo: 'https://evil.example/' });
    assert.equal(res.headers.location, '/children');
  });
});

describe('changing and resetting a password through the pages', () => {
  it('changing the password signs the person out everywhere else', async () => {
    const w = await makeWorld(ctx.t.deps);
    const here = new Client(ctx.app);
    const elsewhere = new Client(ctx.app);
    await here.signIn(w.council.email);
    await elsewhere.signIn(w.council.email);
    await here.get('/account/password');
    const weak = await here.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'short', confirmPassword: 'short' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /Your password must be 12 characters or more/);
    assert.match(weak.body, /href="#newPassword"/);
    const res = await here.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'kettle orbit tulip', confirmPassword: 'kettle orbit tulip' });
    assert.equal(res.headers.location, '/account/password');
    assert.match((await here.get('/account/password')).body, /Your password has been changed/);
    assert.equal((await here.get('/children')).statusCode, 200, 'this session goes on');
    assert.equal((await elsewhere.get('/children')).statusCode, 302, 'the other session has ended');
  });

  it('a reset link from the outbox leads to a new password; the link is taken out of the address', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.get('/sign-in/forgot-password');
    const posted = await c.post('/sign-in/forgot-password', { email: w.school.email });
    assert.equal(posted.headers.location, '/sign-in/forgot-password/sent', 'post-redirect-get');
    assert.match((await c.get('/sign-in/forgot-password/sent')).body, /Check your email/);
    const unknown = await c.post('/sign-in/forgot-password', { email: 'nobody@example.test' });
    assert.equal(unknown.headers.location, posted.headers.location, 'the same answer for an unknown address');
    const mail = await ctx.t.deps.db.selectFrom('email_outbox').select('body').where('to_address', '=', w.school.email).executeTakeFirstOrThrow();
    const link = new URL(/(http\S+\/sign-in\/reset-password\/\S+)/.exec(mail.body)![1]!);
    const follow = await c.get(link.pathname);
    assert.equal(follow.headers.location, '/sign-in/reset-password', 'the token moves into the session');
    const form = await c.get('/sign-in/reset-password');
    assert.match(form.body, /Choose a new password/);
    const mismatch = await c.post('/sign-in/reset-password', { newPassword: 'kettle orbit tulip', confirmPassword: 'kettle orbit' });
    assert.equal(mismatch.statusCode, 400);
    assert.match(mismatch.body, /The passwords do not match/);
    const done = await c.post('/sign-in/reset-password', { newPassword: 'kettle orbit tulip', confirmPassword: 'kettle orbit tulip' });
    assert.equal(done.headers.location, '/sign-in?passwordReset=1');
    const after = new Client(ctx.app);
    await after.signIn(w.school.email, 'kettle orbit tulip');
    assert.equal((await after.get('/children')).statusCode, 200, 'the new password and the second factor sign in');
    const reuse = new Client(ctx.app);
    await reuse.get(link.pathname);
    assert.equal((await reuse.get('/sign-in/reset-password')).statusCode, 404, 'the link works once');
  });
});
