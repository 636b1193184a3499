// Local accounts: argon2id password check with a per-account lock after repeated failures.
// The message for a wrong email and a wrong password is the same, so accounts cannot be probed.
import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { findStaffByEmail } from '../db/queries/staff.ts';
import { appendAudit } from './shared/audit.ts';
import type { Deps } from './shared/deps.ts';
import { invalid, ok, type Outcome } from './shared/outcome.ts';

const WRONG = 'Enter a correct email address and password';
// A real argon2id hash of a random string, verified against when the account does not exist so the
// response takes as long as for a real account.
let decoy: Promise<string> | undefined;

export interface SignInInput {
  email: string;
  password: string;
  correlationId: string;
}

export interface SignedIn {
  userId: string;
  partnershipId: string;
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function signIn(deps: Deps, input: SignInInput): Promise<Outcome<SignedIn>> {
  const errors = [];
  if (!input.email.trim()) errors.push({ path: 'email', message: 'Enter your email address' });
  if (!input.password) errors.push({ path: 'password', message: 'Enter your password' });
  if (errors.length) return invalid(errors);

  const user = await findStaffByEmail(deps.db, input.email);
  if (!user || !user.password_hash || !user.active) {
    decoy ??= hashPassword(randomUUID());
    await verify(await decoy, input.password).catch(() => false);
    return invalid([{ path: 'email', message: WRONG }]);
  }
  const now = deps.now();
  const actor = { partnershipId: user.partnership_id, userId: user.id, agencyId: user.agency_id, via: 'web' as const, correlationId: input.correlationId };

  if (user.locked_until && user.locked_until > now) {
    await appendAudit(deps.db, actor, { action: 'user.sign-in-refused', outcome: 'denied', subjectType: 'staff_user', subjectId: user.id, details: { reason: 'locked' } });
    return invalid([{ path: 'email', message: `This account is locked after too many attempts. Try again in ${deps.login.lockMinutes} minutes or ask your administrator.` }]);
  }

  const good = await verify(user.password_hash, input.password).catch(() => false);
  return deps.db.transaction().execute(async (trx) => {
    if (!good) {
      const failures = user.failed_sign_ins + 1;
      const lock = failures >= deps.login.maxAttempts;
      await trx
        .updateTable('staff_user')
        .set({ failed_sign_ins: lock ? 0 : failures, locked_until: lock ? new Date(now.getTime() + deps.login.lockMinutes * 60_000) : null })
        .where('partnership_id', '=', user.partnership_id)
        .where('id', '=', user.id)
        .execute();
      await appendAudit(trx, actor, { action: 'user.sign-in-failed', outcome: 'denied', subjectType: 'staff_user', subjectId: user.id, details: { locked: lock } });
      return invalid([{ path: 'email', message: WRONG }]);
    }
    await trx
      .updateTable('staff_user')
      .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: now })
      .where('partnership_id', '=', user.partnership_id)
      .where('id', '=', user.id)
      .execute();
    await appendAudit(trx, actor, { action: 'user.signed-in', subjectType: 'staff_user', subjectId: user.id });
    return ok({ userId: user.id, partnershipId: user.partnership_id });
  });
}
