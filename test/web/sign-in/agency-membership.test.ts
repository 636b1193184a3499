// Staff of a suspended or departed agency cannot sign in or use API keys, and are told why; a person
// who only administers lands on the staff pages after signing in (issue 11 parts 1 and 5, ADR 0044).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../../src/use-cases/accounts/create-api-key.ts';
import { changeAgencyMembership } from '../../../src/use-cases/partnerships/change-agency-membership.ts';
import { Client, currentTotpCode, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { auditOf, makeStaff, makeWorld, TEST_PASSWORD } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

describe('a suspended agency’s staff', () => {
  it('cannot sign in or use an API key, with the reason; reinstated, they can again', async () => {
    const w = await makeWorld(ctx.t.deps);
    const manager = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId, ['partnership_manager']);
    const key = await createApiKey(ctx.t.deps, w.school.actor, { name: 'Integration' });
    assert.equal(key.kind, 'ok');
    const token = key.kind === 'ok' ? key.value.token : '';
    const api = () => ctx.app.inject({ method: 'GET', url: '/api/v1/requests', headers: { authorization: `Bearer ${token}` } });
    assert.equal((await api()).statusCode, 200);

    const suspended = await changeAgencyMembership(ctx.t.deps, manager.actor, w.schoolId, 'suspend', { reason: 'Board decision' });
    assert.equal(suspended.kind, 'ok');

    const c = new Client(ctx.app);
    await c.get('/sign-in');
    const refused = await c.post('/sign-in', { email: w.school.email, password: TEST_PASSWORD });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /membership of the partnership is suspended/);
    const wrong = await c.post('/sign-in', { email: w.school.email, password: 'not the password' });
    assert.doesNotMatch(wrong.body, /suspended/, 'the reason is given only to someone who knows the password');

    const byKey = await api();
    assert.equal(byKey.statusCode, 403);
    assert.match(byKey.json().detail, /suspended/);
    const audit = (await auditOf(ctx.t.deps, w.partnershipId)).filter((e) => e.action === 'user.sign-in-refused');
    assert.deepEqual(
      audit.map((e) => e.details),
      [{ reason: 'agency_suspended' }],
    );

    await changeAgencyMembership(ctx.t.deps, manager.actor, w.schoolId, 'reinstate', {});
    assert.equal((await api()).statusCode, 200);
    assert.equal((await c.post('/sign-in', { email: w.school.email, password: TEST_PASSWORD })).headers.location, '/sign-in/code');
  });

  it('a signed-in session of a suspended agency ends at its next request', async () => {
    const w = await makeWorld(ctx.t.deps);
    const manager = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId, ['partnership_manager']);
    const c = new Client(ctx.app);
    await c.signIn(w.school.email);
    assert.equal((await c.get('/children')).statusCode, 200);
    await changeAgencyMembership(ctx.t.deps, manager.actor, w.schoolId, 'suspend', { reason: 'Board decision' });
    assert.match((await c.get('/children')).headers.location as string, /^\/sign-in/);
  });
});

describe('where a person lands after signing in', () => {
  it('someone who only administers goes to the staff pages; a practitioner to children', async () => {
    const w = await makeWorld(ctx.t.deps);
    const admin = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId, ['administrator']);
    const c = new Client(ctx.app);
    await c.get('/sign-in');
    await c.post('/sign-in', { email: admin.email, password: TEST_PASSWORD });
    await c.get('/sign-in/code');
    const done = await c.post('/sign-in/code', { code: await currentTotpCode(ctx.t, admin.email) });
    assert.equal(done.headers.location, '/staff');
    assert.equal((await c.get('/')).headers.location, '/staff');
    assert.equal((await c.get('/sign-in')).headers.location, '/staff');
    const p = new Client(ctx.app);
    await p.signIn(w.council.email);
    assert.equal((await p.get('/')).headers.location, '/children');
  });
});
