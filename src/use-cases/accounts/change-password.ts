// Changing one's own password: the current password, then a new one that meets the NCSC policy
// (domain/credentials.ts passwordProblem), entered twice. The change ends the person's other
// sessions and revokes their API keys in the same transaction (ADR 0018); the session they are
// using stays signed in.
import { verify } from '@node-rs/argon2';
import { findCredentials, setPasswordHash } from '../../db/queries/credentials.ts';
import { passwordProblem } from '../../domain/credentials.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { type FieldError, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { hashPassword } from '../kernel/passwords.ts';
import { endOtherAccess } from './_credentials.ts';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
  /** The session the change is made in: it stays signed in; every other one ends. */
  currentSessionId?: string;
}

export async function changePassword(deps: Deps, actor: Actor, input: ChangePasswordInput): Promise<Outcome<undefined>> {
  const user = await findCredentials(deps.db, actor.partnershipId, actor.userId);
  if (!user?.active) return notFound;
  const errors: FieldError[] = [];
  if (!input.currentPassword) errors.push({ path: 'currentPassword', message: 'Enter your current password' });
  else if (!user.password_hash || !(await verify(user.password_hash, input.currentPassword).catch(() => false)))
    errors.push({ path: 'currentPassword', message: 'Your current password is not correct' });
  const problem = passwordProblem(input.newPassword ?? '', { email: user.email });
  if (problem) errors.push({ path: 'newPassword', message: problem });
  else if (input.newPassword === input.currentPassword) errors.push({ path: 'newPassword', message: 'Your new password must be different from your current password' });
  else if (input.newPassword !== input.confirmPassword) errors.push({ path: 'confirmPassword', message: 'The passwords do not match. Enter the same new password twice' });
  if (errors.length) {
    await appendAudit(deps.db, auditActor(actor), {
      action: 'user.password-change-refused',
      outcome: 'invalid',
      subjectType: 'staff_user',
      subjectId: actor.userId,
      details: { fields: errors.map((e) => e.path) },
    });
    return invalid(errors);
  }
  const hash = await hashPassword(input.newPassword);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, actor.partnershipId, actor.userId, hash, now);
    await appendAudit(trx, auditActor(actor), { action: 'user.password-changed', subjectType: 'staff_user', subjectId: actor.userId });
    await endOtherAccess(trx, auditActor(actor), actor.userId, now, 'password-changed', input.currentSessionId);
  });
  return ok(undefined);
}
