// Local accounts: argon2id password check with a per-account lock after repeated failures.
// The message for a wrong email and a wrong password is the same, so accounts cannot be probed.
// A person who works in several partnerships has an account in each (same e-mail address): the
// accounts whose password matches are returned and the person chooses one (completeSignIn).
import { randomUUID } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { allPartnershipIds } from '../../db/queries/partnerships.ts';
import { findStaffByEmail, recordFailedSignIn, recordSignIn } from '../../db/queries/staff.ts';
import { agencyAccessRefusal } from '../../domain/people.ts';
import { ROLES, type Role } from '../../domain/staff.ts';
import { appendAudit, appendAuditEvents } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { hashPassword } from '../kernel/passwords.ts';
import { type Account, emailFingerprint, type SignInMethod } from './_credentials.ts';

export type { Account } from './_credentials.ts';
export { emailFingerprint } from './_credentials.ts';

const WRONG = 'Enter a correct email address and password';
// A real argon2id hash of a random string, verified against when the account does not exist so the
// response takes as long as for a real account.
let decoy: Promise<string> | undefined;

export interface SignInInput {
  email: string;
  password: string;
  correlationId: string;
}

/** Check the password; returns the accounts it opens (one or more). Nothing is signed in yet: the
 *  second factor (verifySecondFactor, or enrolment) comes next. */
export async function signIn(deps: Deps, input: SignInInput): Promise<Outcome<Account[]>> {
  const errors = [];
  if (!input.email.trim()) errors.push({ path: 'email', message: 'Enter your email address' });
  if (!input.password) errors.push({ path: 'password', message: 'Enter your password' });
  if (errors.length) return invalid(errors);

  const found = await findStaffByEmail(deps.db, input.email);
  const users = found.filter((u) => u.password_hash && u.active);
  if (users.length === 0) {
    decoy ??= hashPassword(randomUUID());
    await verify(await decoy, input.password).catch(() => false);
    await auditUnknownSignIn(deps, input, found);
    return invalid([{ path: 'email', message: WRONG }]);
  }
  const now = deps.now();
  const opened: Account[] = [];
  let locked = false;
  let refusal: string | undefined;
  for (const user of users) {
    const actor = { partnershipId: user.partnership_id, userId: user.id, agencyId: user.agency_id, via: 'web' as const, correlationId: input.correlationId };
    if (user.locked_until && user.locked_until > now) {
      locked = true;
      await appendAudit(deps.db, actor, { action: 'user.sign-in-refused', outcome: 'denied', subjectType: 'staff_user', subjectId: user.id, details: { reason: 'locked' } });
      continue;
    }
    if (await verify(user.password_hash!, input.password).catch(() => false)) {
      // The right password for an account whose agency is suspended or has left: refused with the reason.
      const refused = agencyAccessRefusal(user.agency_membership);
      if (refused) {
        refusal = refused;
        await appendAudit(deps.db, actor, {
          action: 'user.sign-in-refused',
          outcome: 'denied',
          subjectType: 'staff_user',
          subjectId: user.id,
          details: { reason: `agency_${user.agency_membership}` },
        });
        continue;
      }
      opened.push({
        userId: user.id,
        partnershipId: user.partnership_id,
        agencyId: user.agency_id,
        partnershipName: user.partnership_name,
        agencyName: user.agency_name,
        mfaEnrolled: user.totp_enrolled_at !== null,
      });
      continue;
    }
    const failures = user.failed_sign_ins + 1;
    const lock = failures >= deps.login.maxAttempts;
    await deps.db.transaction().execute(async (trx) => {
      await recordFailedSignIn(trx, user.partnership_id, user.id, lock ? 0 : failures, lock ? new Date(now.getTime() + deps.login.lockMinutes * 60_000) : null);
      await appendAudit(trx, actor, { action: 'user.sign-in-failed', outcome: 'denied', subjectType: 'staff_user', subjectId: user.id, details: { locked: lock } });
    });
  }
  if (opened.length) return ok(opened);
  if (refusal) return invalid([{ path: 'email', message: refusal }]);
  if (locked) return invalid([{ path: 'email', message: `This account is locked after too many attempts. Try again in ${deps.login.lockMinutes} minutes or ask your administrator.` }]);
  return invalid([{ path: 'email', message: WRONG }]);
}

/** A failed sign-in that matched no account that can sign in is audited too (issue 11 hardening,
 *  ADR 0041): in the partnership of an account with that address that cannot sign in (disabled, or no password yet), or — for an address no
 *  partnership knows — in every partnership, since the attempt could have been aimed at any. The
 *  address itself is not kept: only its domain and a hash that links repeated attempts. */
async function auditUnknownSignIn(deps: Deps, input: SignInInput, found: Awaited<ReturnType<typeof findStaffByEmail>>) {
  const details = { reason: found.length ? 'account_cannot_sign_in' : 'unknown_email', ...emailFingerprint(input.email) };
  const system = (partnershipId: string, userId: string | null, agencyId: string | null) => ({ partnershipId, userId, agencyId, via: 'web' as const, correlationId: input.correlationId });
  const entry = { action: 'user.sign-in-failed', outcome: found.length ? ('denied' as const) : ('not_found' as const), subjectType: 'staff_user', details };
  await deps.db.transaction().execute(async (trx) => {
    if (found.length) {
      for (const u of found) await appendAudit(trx, system(u.partnership_id, u.id, u.agency_id), { ...entry, subjectId: u.id });
      return;
    }
    for (const partnershipId of await allPartnershipIds(trx)) await appendAuditEvents(trx, system(partnershipId, null, null), [entry]);
  });
}

/** Sign in to one of the accounts `signIn` opened, once its second factor is proved: clears failures
 *  and records the sign-in with how the second factor was proved. Answers the person's roles. */
export async function completeSignIn(deps: Deps, account: Pick<Account, 'userId' | 'partnershipId'>, correlationId: string, method: SignInMethod = 'totp'): Promise<Role[]> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await recordSignIn(trx, account.partnershipId, account.userId, deps.now());
    await appendAudit(
      trx,
      { partnershipId: account.partnershipId, userId: account.userId, agencyId: user.agency_id, via: 'web', correlationId },
      {
        action: 'user.signed-in',
        subjectType: 'staff_user',
        subjectId: account.userId,
        details: { secondFactor: method },
      },
    );
    return user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  });
}
