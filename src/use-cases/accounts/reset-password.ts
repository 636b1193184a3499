// Choosing a new password from a reset link: the link must be unused, unexpired and for an active
// account; the new password meets the NCSC policy. Using it ends every session of the account and
// revokes its API keys, and uses up every other outstanding link, in one transaction (ADR 0018).
import { findUsablePasswordReset, setPasswordHash, usePasswordReset } from '../../db/queries/credentials.ts';
import { passwordProblem } from '../../domain/credentials.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { type FieldError, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { hashPassword } from '../kernel/passwords.ts';
import { accountActor, endOtherAccess, hashResetToken } from './_credentials.ts';

/** Whether a reset link can still be used (the page shows the form, or says the link has expired). */
export async function passwordResetLinkUsable(deps: Deps, token: string): Promise<boolean> {
  if (!token || token.length > 100) return false;
  return (await findUsablePasswordReset(deps.db, hashResetToken(token), deps.now())) !== undefined;
}

export async function resetPassword(deps: Deps, input: { token: string; newPassword: string; confirmPassword: string; correlationId: string }): Promise<Outcome<undefined>> {
  if (!input.token || input.token.length > 100) return notFound;
  const now = deps.now();
  const reset = await findUsablePasswordReset(deps.db, hashResetToken(input.token), now);
  if (!reset) return notFound;
  const errors: FieldError[] = [];
  const problem = passwordProblem(input.newPassword ?? '', { email: reset.email });
  if (problem) errors.push({ path: 'newPassword', message: problem });
  else if (input.newPassword !== input.confirmPassword) errors.push({ path: 'confirmPassword', message: 'The passwords do not match. Enter the same new password twice' });
  if (errors.length) return invalid(errors);
  const hash = await hashPassword(input.newPassword);
  const actor = accountActor({ partnershipId: reset.partnership_id, userId: reset.user_id, agencyId: reset.agency_id }, input.correlationId);
  const done = await deps.db.transaction().execute(async (trx) => {
    if (!(await usePasswordReset(trx, reset.partnership_id, reset.id, reset.user_id, now))) return false;
    await setPasswordHash(trx, reset.partnership_id, reset.user_id, hash, now);
    await appendAudit(trx, actor, { action: 'user.password-reset', subjectType: 'staff_user', subjectId: reset.user_id, details: { resetId: reset.id } });
    await endOtherAccess(trx, actor, reset.user_id, now, 'password-reset');
    return true;
  });
  return done ? ok(undefined) : notFound;
}
