// Red-team findings (issue 11): a denied attempt to open another person's notification, and a
// failed sign-in for an unknown e-mail address, must leave an audit event.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { notify } from '../../src/use-cases/kernel/notify.ts';
import { Client, useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { auditOf, makeStaff, makeWorld } from '../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

describe('refused attempts are audited', () => {
  it('opening someone else’s notification through the page is "Page not found" and audited as denied', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    await deps.db.transaction().execute((trx) => notify(trx, deps.now(), w.partnershipId, 'request.received', '/requests/1', { userIds: [w.council.id] }));
    const note = await deps.db.selectFrom('notification').select('id').where('user_id', '=', w.council.id).executeTakeFirstOrThrow();
    const c = new Client(ctx.app);
    await c.signIn(w.school.email);
    const res = await c.get(`/notifications/${note.id}/open`);
    assert.equal(res.statusCode, 404);
    const denied = (await auditOf(deps, w.partnershipId)).filter((e) => e.action === 'notification.opened');
    assert.equal(denied.length, 1);
    assert.equal(denied[0]!.outcome, 'denied');
    assert.equal(denied[0]!.actor_user_id, w.school.id);
    assert.equal(denied[0]!.subject_id, note.id);
  });

  it('a sign-in for an unknown e-mail address is audited in every partnership, keeping only its domain and a hash', async () => {
    const { deps } = ctx.t;
    const a = await makeWorld(deps);
    const b = await makeWorld(deps);
    const c = new Client(ctx.app);
    await c.get('/sign-in');
    const res = await c.post('/sign-in', { email: 'Nobody.Known@Elsewhere.example', password: 'guess' });
    assert.equal(res.statusCode, 400);
    for (const w of [a, b]) {
      const events = (await auditOf(deps, w.partnershipId)).filter((e) => e.action === 'user.sign-in-failed');
      assert.equal(events.length, 1, 'one event in each partnership');
      const e = events[0]!;
      assert.equal(e.outcome, 'not_found');
      assert.equal(e.actor_user_id, null);
      const details = e.details as Record<string, unknown>;
      assert.equal(details.reason, 'unknown_email');
      assert.equal(details.emailDomain, 'elsewhere.example');
      assert.match(String(details.emailHash), /^[0-9a-f]{16}$/);
      assert.doesNotMatch(JSON.stringify(e), /nobody/i, 'the address is not kept');
    }
  });

  it('a sign-in to a disabled account is audited in its partnership as denied', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    const gone = await makeStaff(deps, w.partnershipId, w.councilId);
    await deps.db.updateTable('staff_user').set({ active: false }).where('id', '=', gone.id).execute();
    const c = new Client(ctx.app);
    await c.get('/sign-in');
    await c.post('/sign-in', { email: gone.email, password: 'guess' });
    const events = (await auditOf(deps, w.partnershipId)).filter((e) => e.action === 'user.sign-in-failed');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.outcome, 'denied');
    assert.equal(events[0]!.subject_id, gone.id);
  });
});
