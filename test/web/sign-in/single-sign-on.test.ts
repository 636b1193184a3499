// Single sign-on through the real routes and a real OpenID Connect provider on loopback (issue 11
// part 4; ADR 0019, ADR 0047): the sign-in page offers the agency's provider, the provider sends the
// person back, and the session goes on exactly as after a password — signed in when the provider
// proved a second factor, to Concord's own code page when it did not. And the administrator's page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redirectUriOf } from '../../../src/use-cases/accounts/start-single-sign-on.ts';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { auditOf, makeStaff, makeWorld } from '../../support/factories.ts';
import { followProviderRedirects, type ProviderPerson, startTestProvider, type TestProvider } from '../../support/oidc-provider.ts';

let ctx: ReturnType<typeof useTestApp>;
let idp: TestProvider;
let world: Awaited<ReturnType<typeof makeWorld>>;
let admin: Awaited<ReturnType<typeof makeStaff>>;
const person = (over: Partial<ProviderPerson> = {}): ProviderPerson => ({ sub: 'sub-kim', email: 'kim@council.example', email_verified: true, amr: ['pwd', 'mfa'], ...over });

describe('single sign-on', () => {
  ctx = useTestApp(openTestDb, { before, after });
  before(async () => {
    world = await makeWorld(ctx.t.deps);
    admin = await makeStaff(ctx.t.deps, world.partnershipId, world.councilId, ['administrator']);
    idp = await startTestProvider([redirectUriOf(ctx.t.deps.publicUrl!)], person());
  });
  after(() => idp.close());

  /** The administrator sets the agency's provider through the settings page. */
  async function configure(c: Client, over: Record<string, string> = {}) {
    await c.get(`/agencies/${world.councilId}/identity-provider`);
    return c.post(`/agencies/${world.councilId}/identity-provider`, {
      displayName: 'Council account',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      mfaAcrValues: '',
      mfaAmrValues: 'mfa',
      linkBy: 'email',
      enabled: 'yes',
      ...over,
    });
  }

  /** From the sign-in page, through the provider, back to Concord's callback. */
  async function signInWithOrganisation(c: Client) {
    assert.match((await c.get('/sign-in')).body, /href="\/sign-in\/organisation"/);
    const page = await c.get('/sign-in/organisation');
    const href = new RegExp(`href="(/sign-in/organisation/${world.partnershipId}/${world.councilId})"`).exec(page.body)?.[1];
    assert.ok(href, 'the organisation is listed');
    const leave = await c.get(href);
    assert.equal(leave.statusCode, 303);
    const to = new URL(leave.headers.location as string);
    assert.equal(to.origin, idp.issuer);
    assert.doesNotMatch(to.search, /kim|council\.example/i, 'no personal data in the address');
    const back = await followProviderRedirects(to.href, new URL(ctx.t.deps.publicUrl!).origin);
    return c.get(back.pathname + back.search);
  }

  describe('the agency administrator’s single sign-on page', () => {
    it('shows the redirect address, refuses bad input with the error summary, and saves', async () => {
      const c = new Client(ctx.app);
      await c.signIn(admin.email);
      const page = await c.get(`/agencies/${world.councilId}/identity-provider`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /\/sign-in\/organisation\/callback/);
      const bad = await configure(c, { issuer: 'http://idp.example', clientSecret: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /govuk-error-summary/);
      assert.match(bad.body, /href="#issuer"/);
      const good = await configure(c);
      assert.equal(good.statusCode, 303);
      assert.match((await c.get(good.headers.location as string)).body, /switched on/);
    });

    it('is not found for anyone but the agency’s own administrator', async () => {
      const c = new Client(ctx.app);
      await c.signIn(world.council.email);
      assert.equal((await c.get(`/agencies/${world.councilId}/identity-provider`)).statusCode, 404);
      const schoolAdmin = await makeStaff(ctx.t.deps, world.partnershipId, world.schoolId, ['administrator']);
      const s = new Client(ctx.app);
      await s.signIn(schoolAdmin.email);
      assert.equal((await s.get(`/agencies/${world.councilId}/identity-provider`)).statusCode, 404);
    });
  });

  describe('signing in with the organisation’s account', () => {
    it('links a pre-created account and signs in when the provider proved a second factor', async () => {
      const kim = await makeStaff(ctx.t.deps, world.partnershipId, world.councilId, ['practitioner'], 'kim@council.example', { mfa: false });
      idp.person = person();
      const c = new Client(ctx.app);
      const back = await signInWithOrganisation(c);
      assert.equal(back.statusCode, 303);
      assert.equal(back.headers.location, '/children');
      assert.equal((await c.get('/children')).statusCode, 200);
      const events = (await auditOf(ctx.t.deps, world.partnershipId)).filter((e) => e.actor_user_id === kim.id).map((e) => e.action);
      assert.deepEqual(events.slice(0, 3), ['user.sso-linked', 'user.sso-verified', 'user.signed-in']);
    });

    it('asks for Concord’s own second factor when the provider did not prove one', async () => {
      const lee = await makeStaff(ctx.t.deps, world.partnershipId, world.councilId, ['practitioner'], 'lee@council.example');
      idp.person = person({ sub: 'sub-lee', email: lee.email, amr: ['pwd'] });
      const c = new Client(ctx.app);
      const back = await signInWithOrganisation(c);
      assert.equal(back.headers.location, '/sign-in/code');
      assert.equal((await c.get('/children')).headers.location, '/sign-in', 'not signed in yet');
      await c.secondFactor(lee.email, '/sign-in/code');
      assert.equal((await c.get('/children')).statusCode, 200);
    });

    it('refuses, clearly, someone the agency has not added', async () => {
      idp.person = person({ sub: 'sub-unknown', email: 'unknown@council.example' });
      const c = new Client(ctx.app);
      const back = await signInWithOrganisation(c);
      assert.equal(back.statusCode, 403);
      assert.match(back.body, /Ask your agency’s Concord administrator to add you/);
      assert.equal((await c.get('/children')).headers.location, '/sign-in');
    });

    it('refuses a callback this browser did not start (no state in its session)', async () => {
      const c = new Client(ctx.app);
      const res = await c.get('/sign-in/organisation/callback?code=abc&state=xyz');
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Start again from the sign-in page/);
    });
  });
});
