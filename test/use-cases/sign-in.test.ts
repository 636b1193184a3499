import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../../src/use-cases/sign-in.ts';
import { auditOf, makeWorld, TEST_PASSWORD } from '../support/factories.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

describe('signing in', () => {
  it('accepts the right password in any letter case of the email address', async () => {
    const w = await makeWorld(t.deps);
    const r = await signIn(t.deps, { email: w.council.email.toUpperCase(), password: TEST_PASSWORD, correlationId: 'c' });
    assert.deepEqual(r, { kind: 'ok', value: { userId: w.council.id, partnershipId: w.partnershipId } });
  });

  it('gives the same error for an unknown account and a wrong password', async () => {
    const w = await makeWorld(t.deps);
    const unknown = await signIn(t.deps, { email: 'nobody@example.test', password: 'x', correlationId: 'c' });
    const wrong = await signIn(t.deps, { email: w.council.email, password: 'wrong', correlationId: 'c' });
    assert.deepEqual(unknown, wrong);
    assert.equal(wrong.kind, 'invalid');
  });

  it('locks the account after the configured number of failures, then unlocks after the lock period', async () => {
    const w = await makeWorld(t.deps);
    for (let i = 0; i < 3; i++) await signIn(t.deps, { email: w.school.email, password: 'wrong', correlationId: 'c' });
    const locked = await signIn(t.deps, { email: w.school.email, password: TEST_PASSWORD, correlationId: 'c' });
    assert.equal(locked.kind, 'invalid');
    assert.match(locked.kind === 'invalid' ? locked.errors[0]!.message : '', /locked/);
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    const later = await signIn(t.deps, { email: w.school.email, password: TEST_PASSWORD, correlationId: 'c' });
    assert.equal(later.kind, 'ok');
    const actions = (await auditOf(t.deps, w.partnershipId)).map((a) => a.action);
    assert.deepEqual(actions, ['user.sign-in-failed', 'user.sign-in-failed', 'user.sign-in-failed', 'user.sign-in-refused', 'user.signed-in']);
  });

  it('asks for both fields', async () => {
    const r = await signIn(t.deps, { email: ' ', password: '', correlationId: 'c' });
    assert.deepEqual(r.kind === 'invalid' && r.errors.map((e) => e.path), ['email', 'password']);
  });
});
