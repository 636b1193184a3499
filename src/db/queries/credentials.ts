// Credentials: passwords, the TOTP second factor, recovery codes and password-reset links, and
// ending a person's sessions and API keys when a credential changes.
import type { Kysely } from 'kysely';
import type { DB, SealedColumn } from '../schema.ts';

export async function findCredentials(db: Kysely<DB>, partnershipId: string, userId: string) {
  return db
    .selectFrom('staff_user')
    .select(['id', 'partnership_id', 'agency_id', 'email', 'active', 'password_hash', 'password_changed_at', 'totp_secret', 'totp_enrolled_at', 'totp_last_step', 'failed_sign_ins', 'locked_until'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export type CredentialsRow = NonNullable<Awaited<ReturnType<typeof findCredentials>>>;

/** Store a TOTP secret not yet confirmed (enrolment in progress). */
export async function setPendingTotpSecret(db: Kysely<DB>, partnershipId: string, userId: string, sealed: SealedColumn): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ totp_secret: JSON.stringify(sealed), totp_enrolled_at: null, totp_last_step: null })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', userId)
    .where('totp_enrolled_at', 'is', null)
    .execute();
}

/** Set an enrolled TOTP secret outright (demo accounts, test factories). */
export async function setEnrolledTotpSecret(db: Kysely<DB>, partnershipId: string, userId: string, sealed: SealedColumn, at: Date): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ totp_secret: JSON.stringify(sealed), totp_enrolled_at: at, totp_last_step: null })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', userId)
    .execute();
}

export async function confirmTotpEnrolment(db: Kysely<DB>, partnershipId: string, userId: string, at: Date, step: number): Promise<boolean> {
  const res = await db
    .updateTable('staff_user')
    .set({ totp_enrolled_at: at, totp_last_step: step })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', userId)
    .where('totp_enrolled_at', 'is', null)
    .where('totp_secret', 'is not', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Accept a TOTP step once: only moves forward, so two concurrent uses of one code cannot both succeed. */
export async function acceptTotpStep(db: Kysely<DB>, partnershipId: string, userId: string, step: number): Promise<boolean> {
  const res = await db
    .updateTable('staff_user')
    .set({ totp_last_step: step })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Kysely<DB>, partnershipId: string, userId: string, hashes: readonly string[], at: Date): Promise<void> {
  await db.deleteFrom('recovery_code').where('partnership_id', '=', partnershipId).where('user_id', '=', userId).execute();
  if (hashes.length)
    await db
      .insertInto('recovery_code')
      .values(hashes.map((code_hash) => ({ partnership_id: partnershipId, user_id: userId, code_hash, created_at: at })))
      .execute();
}

/** Use a recovery code once; false if it is not one of the person's unused codes. */
export async function useRecoveryCode(db: Kysely<DB>, partnershipId: string, userId: string, hash: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('recovery_code')
    .set({ used_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function unusedRecoveryCodeCount(db: Kysely<DB>, partnershipId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setPasswordHash(db: Kysely<DB>, partnershipId: string, userId: string, hash: string, at: Date): Promise<void> {
  await db.updateTable('staff_user').set({ password_hash: hash, password_changed_at: at }).where('partnership_id', '=', partnershipId).where('id', '=', userId).execute();
}

/** End a person's web sessions (all but `exceptKey`, the one they are using) and revoke their live
 *  API keys; returns how many of each. */
export async function endSessionsAndKeys(db: Kysely<DB>, partnershipId: string, userId: string, at: Date, exceptKey?: string): Promise<{ sessions: number; apiKeys: number }> {
  let del = db.deleteFrom('web_session').where('partnership_id', '=', partnershipId).where('user_id', '=', userId);
  if (exceptKey) del = del.where('id', '<>', exceptKey);
  const sessions = await del.executeTakeFirst();
  const keys = await db.updateTable('api_key').set({ revoked_at: at }).where('partnership_id', '=', partnershipId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), apiKeys: Number(keys.numUpdatedRows) };
}

export async function insertPasswordReset(db: Kysely<DB>, r: { partnershipId: string; id: string; userId: string; tokenHash: string; at: Date; expiresAt: Date }): Promise<void> {
  await db.insertInto('password_reset').values({ partnership_id: r.partnershipId, id: r.id, user_id: r.userId, token_hash: r.tokenHash, created_at: r.at, expires_at: r.expiresAt }).execute();
}

/** A reset link still usable at `at`, with its account. */
export async function findUsablePasswordReset(db: Kysely<DB>, tokenHash: string, at: Date) {
  return db
    .selectFrom('password_reset')
    .innerJoin('staff_user', (j) => j.onRef('staff_user.partnership_id', '=', 'password_reset.partnership_id').onRef('staff_user.id', '=', 'password_reset.user_id'))
    .select(['password_reset.id', 'password_reset.partnership_id', 'password_reset.user_id', 'staff_user.agency_id', 'staff_user.email'])
    .where('password_reset.token_hash', '=', tokenHash)
    .where('password_reset.used_at', 'is', null)
    .where('password_reset.expires_at', '>', at)
    .where('staff_user.active', '=', true)
    .executeTakeFirst();
}

/** Use a reset link (and every other outstanding link of the account); false if it was already used. */
export async function usePasswordReset(db: Kysely<DB>, partnershipId: string, id: string, userId: string, at: Date): Promise<boolean> {
  const res = await db.updateTable('password_reset').set({ used_at: at }).where('partnership_id', '=', partnershipId).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await db.updateTable('password_reset').set({ used_at: at }).where('partnership_id', '=', partnershipId).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  return true;
}

/** Links asked for by one account since `since` (a limit on reset e-mails per account). */
export async function countPasswordResetsSince(db: Kysely<DB>, partnershipId: string, userId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('password_reset')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertEmail(db: Kysely<DB>, e: { partnershipId: string; id: string; to: string; template: string; subject: string; body: string; at: Date }): Promise<void> {
  await db.insertInto('email_outbox').values({ partnership_id: e.partnershipId, id: e.id, to_address: e.to, template: e.template, subject: e.subject, body: e.body, created_at: e.at }).execute();
}
