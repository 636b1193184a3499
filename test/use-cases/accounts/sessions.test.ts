import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { destroySessionsOf, purgeExpiredSessions } from '../../../src/use-cases/accounts/web-sessions.ts';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { auditOf, makeWorld } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

describe('sessions', () => {
  it('are stored server-side by hash only, and signing out revokes them', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const rows = await ctx.t.deps.db.selectFrom('web_session').select(['id', 'user_id']).where('user_id', '=', w.council.id).execute();
    assert.equal(rows.length, 1);
    const cookieValue = decodeURIComponent(c.cookie.split('concord_session=')[1]!.split(';')[0]!);
    assert.ok(!cookieValue.includes(rows[0]!.id), 'the stored id is not the cookie value');
    const stolen = c.cookie;
    await c.post('/sign-out', {});
    const replay = await ctx.app.inject({ method: 'GET', url: '/children', headers: { cookie: stolen } });
    assert.equal(replay.statusCode, 302, 'a signed-out session cannot be replayed');
    assert.ok((await auditOf(ctx.t.deps, w.partnershipId)).some((e) => e.action === 'user.signed-out'));
  });

  it('time out after the idle period', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    ctx.t.clock.now = new Date(ctx.t.clock.now.getTime() + 29 * 60_000);
    assert.equal((await c.get('/children')).statusCode, 200);
    ctx.t.clock.now = new Date(ctx.t.clock.now.getTime() + 31 * 60_000);
    const res = await c.get('/children');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/sign-in?expired=1');
  });

  it('can all be revoked for a person, and expired ones are purged', async () => {
    const w = await makeWorld(ctx.t.deps);
    const a = new Client(ctx.app);
    const b = new Client(ctx.app);
    await a.signIn(w.school.email);
    await b.signIn(w.school.email);
    assert.equal(await destroySessionsOf(ctx.t.deps, w.partnershipId, w.school.id), 2);
    assert.equal((await a.get('/children')).statusCode, 302);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    ctx.t.clock.now = new Date(ctx.t.clock.now.getTime() + 13 * 3_600_000);
    assert.ok((await purgeExpiredSessions(ctx.t.deps)) >= 1);
    const left = await ctx.t.deps.db.selectFrom('web_session').select('id').where('expires_at', '<=', ctx.t.clock.now).execute();
    assert.equal(left.length, 0);
  });
});
