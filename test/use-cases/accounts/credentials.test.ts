// The second factor, enrolment, changing and resetting a password, and what a credential change
// ends (ADR 0017, ADR 0018) — on a real database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verify } from '@node-rs/argon2';
import { changePassword } from '../../../src/use-cases/accounts/change-password.ts';
import { confirmTotpEnrolment } from '../../../src/use-cases/accounts/confirm-totp-enrolment.ts';
import { createApiKey } from '../../../src/use-cases/accounts/create-api-key.ts';
import { requestPasswordReset } from '../../../src/use-cases/accounts/request-password-reset.ts';
import { passwordResetLinkUsable, resetPassword } from '../../../src/use-cases/accounts/reset-password.ts';
import { startTotpEnrolment } from '../../../src/use-cases/accounts/start-totp-enrolment.ts';
import { verifySecondFactor } from '../../../src/use-cases/accounts/verify-second-factor.ts';
import { saveWebSession } from '../../../src/use-cases/accounts/web-sessions.ts';
import { totpCode } from '../../../src/use-cases/kernel/totp.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, makeStaff, makeWorld, TEST_PASSWORD, TEST_TOTP_SECRET } from '../../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const sign = (code: string, purpose: 'sign-in' | 'step-up' = 'sign-in') => ({ code, purpose, correlationId: 'test' });
const later = (seconds: number) => {
  t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000);
};
const sessionsOf = (userId: string) => t.deps.db.selectFrom('web_session').select('id').where('user_id', '=', userId).execute();
const liveKeysOf = (userId: string) => t.deps.db.selectFrom('api_key').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).execute();

describe('the second factor', () => {
  it('accepts the authenticator code once: the same code again is a replay and is refused', async () => {
    const w = await makeWorld(t.deps);
    const code = await totpCode(TEST_TOTP_SECRET, t.deps.now());
    assert.deepEqual(await verifySecondFactor(t.deps, w.council.actor, sign(code)), { kind: 'ok', value: { method: 'totp' } });
    const replay = await verifySecondFactor(t.deps, w.council.actor, sign(code));
    assert.equal(replay.kind, 'invalid');
    later(30);
    assert.equal((await verifySecondFactor(t.deps, w.council.actor, sign(await totpCode(TEST_TOTP_SECRET, t.deps.now())))).kind, 'ok', 'the next step’s code is accepted');
    const actions = (await auditOf(t.deps, w.partnershipId)).map((e) => `${e.action}:${e.outcome}`);
    assert.deepEqual(actions, ['user.second-factor-verified:ok', 'user.second-factor-failed:denied', 'user.second-factor-verified:ok']);
  });

  it('refuses a code for another time, and wrong codes lock the account like wrong passwords', async () => {
    const w = await makeWorld(t.deps);
    const old = await totpCode(TEST_TOTP_SECRET, new Date(t.deps.now().getTime() - 5 * 60_000));
    for (let i = 0; i < 3; i += 1) assert.equal((await verifySecondFactor(t.deps, w.council.actor, sign(i === 0 ? old : '123456'))).kind, 'invalid');
    const locked = await verifySecondFactor(t.deps, w.council.actor, sign(await totpCode(TEST_TOTP_SECRET, t.deps.now())));
    assert.equal(locked.kind, 'invalid');
    assert.match(locked.kind === 'invalid' ? locked.errors[0]!.message : '', /locked/);
  });

  it('a sign-in whose password was checked before a password change starts again', async () => {
    const w = await makeWorld(t.deps);
    const checkedAt = t.deps.now();
    later(1);
    await changePassword(t.deps, w.council.actor, { currentPassword: TEST_PASSWORD, newPassword: 'kettle orbit tulip', confirmPassword: 'kettle orbit tulip' });
    const r = await verifySecondFactor(t.deps, w.council.actor, { ...sign(await totpCode(TEST_TOTP_SECRET, t.deps.now())), passwordCheckedAt: checkedAt });
    assert.ok(r.kind === 'invalid' && /password has changed/.test(r.errors[0]!.message));
  });

  it('an account that has not set up an authenticator cannot pass the second factor', async () => {
    const w = await makeWorld(t.deps);
    const fresh = await makeStaff(t.deps, w.partnershipId, w.councilId, ['practitioner'], undefined, { mfa: false });
    assert.equal((await verifySecondFactor(t.deps, fresh.actor, sign(await totpCode(TEST_TOTP_SECRET, t.deps.now())))).kind, 'invalid');
  });
});

describe('setting up an authenticator app', () => {
  it('keeps the same key until confirmed, then enrols with ten single-use recovery codes', async () => {
    const w = await makeWorld(t.deps);
    const s = await makeStaff(t.deps, w.partnershipId, w.councilId, ['practitioner'], undefined, { mfa: false });
    const first = await startTotpEnrolment(t.deps, s.actor);
    const again = await startTotpEnrolment(t.deps, s.actor);
    assert.ok(first.kind === 'ok' && again.kind === 'ok');
    assert.equal(first.value.secretForTyping, again.value.secretForTyping, 'reloading shows the same key');
    assert.match(first.value.qrSvg, /^<svg role="img" aria-label="QR code for your authenticator app"/);
    assert.match(first.value.uri, /^otpauth:\/\/totp\/Concord:/);
    const stored = await t.deps.db.selectFrom('staff_user').select(['totp_secret', 'totp_enrolled_at']).where('id', '=', s.id).executeTakeFirstOrThrow();
    assert.ok(stored.totp_secret && !JSON.stringify(stored.totp_secret).includes(first.value.secretForTyping.replace(/ /g, '')), 'the key is sealed');
    assert.equal(stored.totp_enrolled_at, null);

    const key = first.value.secretForTyping.replace(/ /g, '');
    assert.equal((await confirmTotpEnrolment(t.deps, s.actor, { code: '12345', correlationId: 'x' })).kind, 'invalid');
    const wrong = await confirmTotpEnrolment(t.deps, s.actor, { code: '000000', correlationId: 'x' });
    assert.equal(wrong.kind, 'invalid');
    const done = await confirmTotpEnrolment(t.deps, s.actor, { code: await totpCode(key, t.deps.now()), correlationId: 'x' });
    assert.ok(done.kind === 'ok');
    assert.equal(done.value.recoveryCodes.length, 10);
    assert.equal(new Set(done.value.recoveryCodes).size, 10);
    assert.equal((await startTotpEnrolment(t.deps, s.actor)).kind, 'conflict', 'a second enrolment cannot replace the first');

    // A recovery code works once, typed however.
    const rc = done.value.recoveryCodes[0]!;
    assert.deepEqual(await verifySecondFactor(t.deps, s.actor, sign(rc.toUpperCase().replace(/-/g, ' '))), { kind: 'ok', value: { method: 'recovery-code' } });
    assert.equal((await verifySecondFactor(t.deps, s.actor, sign(rc))).kind, 'invalid', 'used once');
    const codes = await t.deps.db.selectFrom('recovery_code').select('code_hash').where('user_id', '=', s.id).execute();
    assert.ok(
      codes.every((c) => !done.value.recoveryCodes.some((r) => c.code_hash.includes(r.replace(/-/g, '')))),
      'only hashes are stored',
    );
    assert.ok((await auditOf(t.deps, w.partnershipId)).some((e) => e.action === 'user.mfa-enrolled' && e.subject_id === s.id));
  });
});

describe('changing a password (NCSC policy; ends other sessions and API keys)', () => {
  it('checks the current password and the policy, with a message per field, and changes nothing', async () => {
    const w = await makeWorld(t.deps);
    const r = await changePassword(t.deps, w.council.actor, { currentPassword: 'wrong', newPassword: 'password1234', confirmPassword: 'password1234' });
    assert.ok(r.kind === 'invalid');
    assert.deepEqual(
      r.errors.map((e) => e.path),
      ['currentPassword', 'newPassword'],
    );
    const mismatch = await changePassword(t.deps, w.council.actor, { currentPassword: TEST_PASSWORD, newPassword: 'kettle orbit tulip', confirmPassword: 'kettle orbit tulips' });
    assert.ok(mismatch.kind === 'invalid' && mismatch.errors[0]!.path === 'confirmPassword');
    const row = await t.deps.db.selectFrom('staff_user').select('password_hash').where('id', '=', w.council.id).executeTakeFirstOrThrow();
    assert.ok(await verify(row.password_hash!, TEST_PASSWORD), 'unchanged');
  });

  it('changes it, keeps the session in use, ends every other session and revokes every API key', async () => {
    const w = await makeWorld(t.deps);
    const expiresAt = new Date(t.deps.now().getTime() + 3_600_000);
    for (const id of ['here', 'phone', 'laptop']) await saveWebSession(t.deps, id, { data: {}, expiresAt, userId: w.council.id, partnershipId: w.partnershipId });
    await saveWebSession(t.deps, 'someone-else', { data: {}, expiresAt, userId: w.school.id, partnershipId: w.partnershipId });
    await createApiKey(t.deps, w.council.actor, { name: 'Case system' });
    await createApiKey(t.deps, w.school.actor, { name: 'School system' });
    const r = await changePassword(t.deps, w.council.actor, { currentPassword: TEST_PASSWORD, newPassword: 'kettle orbit tulip', confirmPassword: 'kettle orbit tulip', currentSessionId: 'here' });
    assert.equal(r.kind, 'ok');
    assert.equal((await sessionsOf(w.council.id)).length, 1, 'only the session in use remains');
    assert.equal((await liveKeysOf(w.council.id)).length, 0);
    assert.equal((await sessionsOf(w.school.id)).length, 1, 'nobody else is affected');
    assert.equal((await liveKeysOf(w.school.id)).length, 1);
    const events = await auditOf(t.deps, w.partnershipId);
    const ended = events.find((e) => e.action === 'user.access-ended');
    assert.deepEqual(ended?.details, { reason: 'password-changed', sessions: 2, apiKeys: 1 });
    assert.ok(events.some((e) => e.action === 'user.password-changed'));
  });
});

describe('resetting a forgotten password by an e-mailed link', () => {
  const linkIn = (body: string) => /\/sign-in\/reset-password\/([A-Za-z0-9_-]+)/.exec(body)?.[1];

  it('answers the same for an unknown address, and sends nothing', async () => {
    const before = await t.deps.db.selectFrom('email_outbox').select('id').execute();
    assert.equal((await requestPasswordReset(t.deps, { email: 'nobody@example.test', correlationId: 'x' })).kind, 'ok');
    assert.equal((await t.deps.db.selectFrom('email_outbox').select('id').execute()).length, before.length);
    assert.equal((await requestPasswordReset(t.deps, { email: 'not an address', correlationId: 'x' })).kind, 'invalid');
  });

  it('e-mails a single-use link through the outbox, with no personal data, that ends every session and API key', async () => {
    const w = await makeWorld(t.deps);
    assert.equal((await requestPasswordReset(t.deps, { email: w.council.email.toUpperCase(), correlationId: 'x' })).kind, 'ok');
    const mail = await t.deps.db.selectFrom('email_outbox').selectAll().where('partnership_id', '=', w.partnershipId).executeTakeFirstOrThrow();
    assert.equal(mail.to_address, w.council.email);
    assert.equal(mail.template, 'password-reset');
    assert.ok(!mail.body.includes(w.council.email) && !mail.body.includes('Staff'), 'no name or address in the body');
    const token = linkIn(mail.body);
    assert.ok(token && token.length >= 40);
    const stored = await t.deps.db.selectFrom('password_reset').select('token_hash').where('user_id', '=', w.council.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token, 'only a hash of the token is kept');

    await saveWebSession(t.deps, 'old', { data: {}, expiresAt: new Date(t.deps.now().getTime() + 3_600_000), userId: w.council.id, partnershipId: w.partnershipId });
    await createApiKey(t.deps, w.council.actor, { name: 'Case system' });
    assert.ok(await passwordResetLinkUsable(t.deps, token));
    const weak = await resetPassword(t.deps, { token, newPassword: 'qwertyuiop123', confirmPassword: 'qwertyuiop123', correlationId: 'x' });
    assert.ok(weak.kind === 'invalid' && /too common/.test(weak.errors[0]!.message));
    assert.equal((await resetPassword(t.deps, { token, newPassword: 'kettle orbit tulip', confirmPassword: 'kettle orbit tulip', correlationId: 'x' })).kind, 'ok');
    const row = await t.deps.db.selectFrom('staff_user').select('password_hash').where('id', '=', w.council.id).executeTakeFirstOrThrow();
    assert.ok(await verify(row.password_hash!, 'kettle orbit tulip'));
    assert.equal((await sessionsOf(w.council.id)).length, 0);
    assert.equal((await liveKeysOf(w.council.id)).length, 0);
    assert.equal((await resetPassword(t.deps, { token, newPassword: 'another kettle orbit', confirmPassword: 'another kettle orbit', correlationId: 'x' })).kind, 'not_found', 'used once');
    assert.ok(!(await passwordResetLinkUsable(t.deps, token)));
  });

  it('a link expires after 30 minutes, and at most three are sent an hour', async () => {
    const w = await makeWorld(t.deps);
    for (let i = 0; i < 4; i += 1) await requestPasswordReset(t.deps, { email: w.council.email, correlationId: 'x' });
    const mails = await t.deps.db.selectFrom('email_outbox').select('body').where('partnership_id', '=', w.partnershipId).execute();
    assert.equal(mails.length, 3);
    assert.ok((await auditOf(t.deps, w.partnershipId)).some((e) => e.action === 'user.password-reset-refused'));
    later(31 * 60);
    const token = linkIn(mails[0]!.body)!;
    assert.equal((await resetPassword(t.deps, { token, newPassword: 'kettle orbit tulip', confirmPassword: 'kettle orbit tulip', correlationId: 'x' })).kind, 'not_found');
  });
});
