import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { completeSignIn, signIn } from '../../../src/use-cases/accounts/sign-in.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, makeStaff, makeWorld, TEST_PASSWORD } from '../../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

describe('signing in', () => {
  it('accepts the right password in any letter case of the email address', async () => {
    const w = await makeWorld(t.deps);
    const r = await signIn(t.deps, { email: w.council.email.toUpperCase(), password: TEST_PASSWORD, correlationId: 'c' });
    assert.equal(r.kind, 'ok');
    assert.deepEqual(r.kind === 'ok' && r.value.map((a) => [a.userId, a.partnershipId, a.agencyName]), [[w.council.id, w.partnershipId, 'Council']]);
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
    await completeSignIn(t.deps, { userId: w.school.id, partnershipId: w.partnershipId }, 'c');
    const actions = (await auditOf(t.deps, w.partnershipId)).map((a) => a.action);
    assert.deepEqual(actions, ['user.sign-in-failed', 'user.sign-in-failed', 'user.sign-in-failed', 'user.sign-in-refused', 'user.signed-in']);
  });

  it('opens one account per partnership for a person who works in several, each with its own lock', async () => {
    const a = await makeWorld(t.deps);
    const b = await makeWorld(t.deps);
    const email = `shared-${a.partnershipId.slice(0, 6)}@example.test`;
    const inA = await makeStaff(t.deps, a.partnershipId, a.councilId, ['practitioner'], email);
    const inB = await makeStaff(t.deps, b.partnershipId, b.schoolId, ['practitioner'], email.toUpperCase());
    const r = await signIn(t.deps, { email, password: TEST_PASSWORD, correlationId: 'c' });
    assert.deepEqual(r.kind === 'ok' && r.value.map((x) => x.userId).sort(), [inA.id, inB.id].sort());
  });

  it('asks for both fields', async () => {
    const r = await signIn(t.deps, { email: ' ', password: '', correlationId: 'c' });
    assert.deepEqual(r.kind === 'invalid' && r.errors.map((e) => e.path), ['email', 'password']);
  });
});
