// Single sign-on against a real OpenID Connect provider on loopback (issue 11 part 4; ADR 0019, 0047):
// just-in-time linking to a pre-created, enabled staff record, refusals (audited), the MFA fallback
// when the provider did not prove a second factor, and a state or nonce that does not match.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redirectUriOf } from '../../../src/use-cases/accounts/_single-sign-on.ts';
import { finishSingleSignOn } from '../../../src/use-cases/accounts/finish-single-sign-on.ts';
import { listSignInProviders } from '../../../src/use-cases/accounts/list-sign-in-providers.ts';
import { startSingleSignOn } from '../../../src/use-cases/accounts/start-single-sign-on.ts';
import { setStaffMemberEnabled } from '../../../src/use-cases/staff/disable-staff-member.ts';
import { saveIdentityProvider } from '../../../src/use-cases/staff/save-identity-provider.ts';
import { viewIdentityProvider } from '../../../src/use-cases/staff/view-identity-provider.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, makeStaff, makeWorld } from '../../support/factories.ts';
import { followProviderRedirects, type ProviderPerson, startTestProvider, type TestProvider } from '../../support/oidc-provider.ts';

describe('single sign-on through an agency identity provider', () => {
  let t: TestDb;
  let idp: TestProvider;
  let world: Awaited<ReturnType<typeof makeWorld>>;
  let admin: Awaited<ReturnType<typeof makeStaff>>;
  const person = (over: Partial<ProviderPerson> = {}): ProviderPerson => ({ sub: 'sub-sam', email: 'sam@council.example', email_verified: true, amr: ['pwd', 'mfa'], ...over });

  before(async () => {
    t = await openTestDb();
    world = await makeWorld(t.deps);
    admin = await makeStaff(t.deps, world.partnershipId, world.councilId, ['administrator']);
    idp = await startTestProvider([redirectUriOf(t.deps.publicUrl!)], person());
    const saved = await saveIdentityProvider(t.deps, admin.actor, world.councilId, {
      displayName: 'Council account',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      mfaAmrValues: 'mfa',
      linkBy: 'email',
      enabled: true,
    });
    assert.equal(saved.kind, 'ok');
  });
  after(async () => {
    await idp.close();
    await t.close();
  });

  /** The whole round trip: Concord's authorisation request, the provider, back to Concord. */
  async function signInAtProvider(tamper: (c: { state: string; nonce: string }) => void = () => {}) {
    const started = await startSingleSignOn(t.deps, { provider: `${world.partnershipId}:${world.councilId}` });
    assert.equal(started.kind, 'ok');
    if (started.kind !== 'ok') throw new Error('not started');
    const url = new URL(started.value.url);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(url.searchParams.get('state') && url.searchParams.get('nonce') && url.searchParams.get('code_challenge'));
    const back = await followProviderRedirects(started.value.url, new URL(t.deps.publicUrl!).origin);
    tamper(started.value.pending.checks);
    return finishSingleSignOn(t.deps, { pending: started.value.pending, callbackPath: back.pathname + back.search, correlationId: 'c' });
  }

  it('lists the agency on the sign-in page by its name only', async () => {
    const providers = await listSignInProviders(t.deps);
    assert.deepEqual(
      providers.filter((p) => p.value.startsWith(world.partnershipId)).map((p) => [p.value, p.name]),
      [[`${world.partnershipId}:${world.councilId}`, 'Council account']],
    );
  });

  it('refuses someone the administrator has not added, and audits it; nothing is created', async () => {
    idp.person = person({ sub: 'sub-stranger', email: 'stranger@council.example' });
    const before = await t.deps.db.selectFrom('staff_user').select('id').execute();
    const result = await signInAtProvider();
    assert.equal(result.kind, 'forbidden');
    assert.match(result.kind === 'forbidden' ? result.reason : '', /not linked to anyone in Concord/);
    assert.equal((await t.deps.db.selectFrom('staff_user').select('id').execute()).length, before.length);
    const refused = (await auditOf(t.deps, world.partnershipId)).filter((e) => e.action === 'user.sso-sign-in-refused');
    assert.equal(refused.at(-1)?.outcome, 'denied');
    assert.equal((refused.at(-1)?.details as { reason?: string } | undefined)?.reason, 'no-account');
    assert.doesNotMatch(JSON.stringify(refused.at(-1)?.details), /stranger@/);
  });

  it('links a pre-created record by verified e-mail address, then by subject', async () => {
    const sam = await makeStaff(t.deps, world.partnershipId, world.councilId, ['practitioner'], 'Sam@Council.example', { mfa: false });
    idp.person = person();
    const first = await signInAtProvider();
    assert.equal(first.kind, 'ok');
    if (first.kind !== 'ok') return;
    assert.equal(first.value.account.userId, sam.id);
    assert.equal(first.value.mfaProved, true);
    const row = await t.deps.db.selectFrom('staff_user').select('sso_subject').where('id', '=', sam.id).executeTakeFirstOrThrow();
    assert.equal(row.sso_subject, 'sub-sam');
    assert.ok((await auditOf(t.deps, world.partnershipId)).some((e) => e.action === 'user.sso-linked' && e.subject_id === sam.id));

    // The provider's address for the person changes; the subject still finds them.
    idp.person = person({ email: 'samantha@council.example' });
    const again = await signInAtProvider();
    assert.equal(again.kind === 'ok' && again.value.account.userId, sam.id);
  });

  it('a provider that did not prove a second factor: the sign-in goes on to Concord’s own', async () => {
    idp.person = person({ amr: ['pwd'] });
    const result = await signInAtProvider();
    assert.equal(result.kind, 'ok');
    assert.equal(result.kind === 'ok' && result.value.mfaProved, false);
  });

  it('refuses a state or a nonce that does not match this browser’s, and audits it', async () => {
    idp.person = person();
    const wrongState = await signInAtProvider((c) => {
      c.state = 'another-state';
    });
    assert.equal(wrongState.kind, 'forbidden');
    const wrongNonce = await signInAtProvider((c) => {
      c.nonce = 'another-nonce';
    });
    assert.equal(wrongNonce.kind, 'forbidden');
    const failed = (await auditOf(t.deps, world.partnershipId)).filter((e) => e.action === 'user.sso-sign-in-failed');
    assert.equal(failed.length, 2);
    assert.ok(failed.every((e) => e.outcome === 'denied'));
  });

  it('refuses a disabled person, and audits it', async () => {
    const sam = await t.deps.db.selectFrom('staff_user').select('id').where('sso_subject', '=', 'sub-sam').executeTakeFirstOrThrow();
    assert.equal((await setStaffMemberEnabled(t.deps, admin.actor, sam.id, false)).kind, 'ok');
    idp.person = person();
    const result = await signInAtProvider();
    assert.equal(result.kind, 'forbidden');
    assert.match(result.kind === 'forbidden' ? result.reason : '', /disabled/);
    const refused = (await auditOf(t.deps, world.partnershipId)).filter((e) => e.action === 'user.sso-sign-in-refused');
    assert.equal(refused.at(-1)?.subject_id, sam.id);
  });
});

describe('an agency identity provider settings', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.close());

  it('only the agency’s own administrator sees and sets them; others get not found, audited', async () => {
    const w = await makeWorld(t.deps);
    const admin = await makeStaff(t.deps, w.partnershipId, w.councilId, ['administrator']);
    const manager = await makeStaff(t.deps, w.partnershipId, w.councilId, ['partnership_manager']);
    const schoolAdmin = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['administrator']);
    assert.equal((await viewIdentityProvider(t.deps, admin.actor, w.councilId)).kind, 'ok');
    for (const actor of [w.council.actor, manager.actor, schoolAdmin.actor]) {
      assert.equal((await viewIdentityProvider(t.deps, actor, w.councilId)).kind, 'not_found');
      assert.equal((await saveIdentityProvider(t.deps, actor, w.councilId, {})).kind, 'not_found');
    }
    const denied = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.action === 'identity-provider.saved' && e.outcome === 'denied');
    assert.equal(denied.length, 3);
  });

  it('validates each field, needs a secret the first time, seals it and keeps it when left blank', async () => {
    const w = await makeWorld(t.deps);
    const admin = await makeStaff(t.deps, w.partnershipId, w.councilId, ['administrator']);
    const bad = await saveIdentityProvider(t.deps, admin.actor, w.councilId, { displayName: '', issuer: 'http://idp.example', clientId: '', linkBy: 'x' });
    assert.equal(bad.kind, 'invalid');
    assert.deepEqual(bad.kind === 'invalid' && bad.errors.map((e) => e.path).sort(), ['clientId', 'displayName', 'issuer', 'linkBy']);
    const good = { displayName: 'Council', issuer: 'https://login.microsoftonline.com/tenant/v2.0', clientId: 'app', mfaAcrValues: 'urn:x', linkBy: 'subject', enabled: true };
    const noSecret = await saveIdentityProvider(t.deps, admin.actor, w.councilId, good);
    assert.deepEqual(noSecret.kind === 'invalid' && noSecret.errors.map((e) => e.path), ['clientSecret']);
    assert.equal((await saveIdentityProvider(t.deps, admin.actor, w.councilId, { ...good, clientSecret: 'very-secret-value' })).kind, 'ok');
    assert.equal((await saveIdentityProvider(t.deps, admin.actor, w.councilId, { ...good, clientId: 'app2' })).kind, 'ok');
    const row = await t.deps.db.selectFrom('identity_provider').selectAll().where('agency_id', '=', w.councilId).executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(row.client_secret), /very-secret-value/);
    assert.equal(row.client_id, 'app2');
    const view = await viewIdentityProvider(t.deps, admin.actor, w.councilId);
    assert.equal(view.kind === 'ok' && view.value.hasSecret, true);
    assert.doesNotMatch(JSON.stringify(view), /very-secret-value/);
    const audit = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.action === 'identity-provider.saved' && e.outcome === 'ok');
    assert.deepEqual(
      audit.map((e) => (e.details as { secretChanged: boolean }).secretChanged),
      [true, false],
    );
  });
});
