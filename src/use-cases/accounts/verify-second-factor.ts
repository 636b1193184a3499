// The second factor: a code from the person's authenticator app (TOTP, accepted once) or one of
// their single-use recovery codes. Used at sign-in and for step-up before a sensitive action.
// Wrong codes count towards the same lock as wrong passwords, so the six digits cannot be guessed.
// ADR 0017.
import { acceptTotpStep, findCredentials, useRecoveryCode } from '../../db/queries/credentials.ts';
import { recordFailedSignIn } from '../../db/queries/staff.ts';
import { looksLikeRecoveryCode, normaliseTotpCode } from '../../domain/credentials.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { totpStepOf } from '../kernel/totp.ts';
import { type AccountRef, accountActor, hashRecoveryCode, unsealTotpSecret } from './_credentials.ts';

export type SecondFactorMethod = 'totp' | 'recovery-code';

export interface SecondFactorInput {
  code: string;
  purpose: 'sign-in' | 'step-up';
  correlationId: string;
  /** At sign-in: when the password was checked. If it has changed since (a reset), the sign-in starts again. */
  passwordCheckedAt?: Date;
}

const WRONG = 'The code is not correct or has already been used. Enter the code your authenticator app shows now, or a recovery code';

export async function verifySecondFactor(deps: Deps, account: Pick<AccountRef, 'partnershipId' | 'userId'>, input: SecondFactorInput): Promise<Outcome<{ method: SecondFactorMethod }>> {
  const code = (input.code ?? '').trim();
  if (!code) return invalid([{ path: 'code', message: 'Enter the 6-digit code from your authenticator app' }]);
  if (code.length > 40) return invalid([{ path: 'code', message: WRONG }]);
  const now = deps.now();
  const user = await findCredentials(deps.db, account.partnershipId, account.userId);
  if (!user?.active || !user.totp_secret || !user.totp_enrolled_at) return invalid([{ path: 'code', message: WRONG }]);
  if (input.passwordCheckedAt && user.password_changed_at && user.password_changed_at > input.passwordCheckedAt)
    return invalid([{ path: 'code', message: 'Your password has changed. Sign in again with your new password' }]);
  const actor = accountActor({ partnershipId: user.partnership_id, userId: user.id, agencyId: user.agency_id }, input.correlationId);
  if (user.locked_until && user.locked_until > now) {
    await appendAudit(deps.db, actor, { action: 'user.sign-in-refused', outcome: 'denied', subjectType: 'staff_user', subjectId: user.id, details: { reason: 'locked', purpose: input.purpose } });
    return invalid([{ path: 'code', message: `This account is locked after too many attempts. Try again in ${deps.login.lockMinutes} minutes or ask your administrator.` }]);
  }

  return deps.db.transaction().execute(async (trx) => {
    let method: SecondFactorMethod | undefined;
    if (looksLikeRecoveryCode(code)) {
      if (await useRecoveryCode(trx, user.partnership_id, user.id, hashRecoveryCode(code), now)) method = 'recovery-code';
    } else {
      const digits = normaliseTotpCode(code);
      const step = digits ? await totpStepOf(unsealTotpSecret(deps.keyring, user.id, user.totp_secret!), digits, now) : undefined;
      // Accepted once: a step at or before the last accepted one is a replay (domain isFreshTotpStep, enforced in the update).
      if (step !== undefined && (await acceptTotpStep(trx, user.partnership_id, user.id, step))) method = 'totp';
    }
    if (method) {
      await appendAudit(trx, actor, { action: 'user.second-factor-verified', subjectType: 'staff_user', subjectId: user.id, details: { method, purpose: input.purpose } });
      return ok({ method });
    }
    const failures = user.failed_sign_ins + 1;
    const lock = failures >= deps.login.maxAttempts;
    await recordFailedSignIn(trx, user.partnership_id, user.id, lock ? 0 : failures, lock ? new Date(now.getTime() + deps.login.lockMinutes * 60_000) : null);
    await appendAudit(trx, actor, { action: 'user.second-factor-failed', outcome: 'denied', subjectType: 'staff_user', subjectId: user.id, details: { purpose: input.purpose, locked: lock } });
    return invalid([{ path: 'code', message: WRONG }]);
  });
}
