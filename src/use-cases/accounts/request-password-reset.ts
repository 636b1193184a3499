// "Forgotten your password?": a single-use link, valid for 30 minutes, e-mailed through the outbox
// to the account's address. The answer is the same whether or not the address has an account, so
// accounts cannot be probed; the e-mail carries no name or other personal data. At most three
// links an hour per account, so the outbox cannot be used to flood someone. A reset sets only the
// password: signing in still needs the second factor (ADR 0018).
import { randomUUID } from 'node:crypto';
import { countPasswordResetsSince, insertEmail, insertPasswordReset } from '../../db/queries/credentials.ts';
import { findStaffByEmail } from '../../db/queries/staff.ts';
import { resetEmail, resetLinkExpiry } from '../../domain/credentials.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { accountActor, hashResetToken, newResetToken } from './_credentials.ts';

export const RESET_LINKS_PER_HOUR = 3;

export async function requestPasswordReset(deps: Deps, input: { email: string; correlationId: string }): Promise<Outcome<undefined>> {
  const email = (input.email ?? '').trim();
  if (!email) return invalid([{ path: 'email', message: 'Enter your email address' }]);
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) return invalid([{ path: 'email', message: 'Enter an email address in the correct format, like name@example.org' }]);
  const now = deps.now();
  const base = (deps.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  for (const user of await findStaffByEmail(deps.db, email)) {
    if (!user.active || !user.password_hash) continue;
    const actor = accountActor({ partnershipId: user.partnership_id, userId: user.id, agencyId: user.agency_id }, input.correlationId);
    await deps.db.transaction().execute(async (trx) => {
      if ((await countPasswordResetsSince(trx, user.partnership_id, user.id, new Date(now.getTime() - 3_600_000))) >= RESET_LINKS_PER_HOUR) {
        await appendAudit(trx, actor, { action: 'user.password-reset-refused', outcome: 'denied', subjectType: 'staff_user', subjectId: user.id, details: { reason: 'too-many-links' } });
        return;
      }
      const token = newResetToken();
      const id = randomUUID();
      await insertPasswordReset(trx, { partnershipId: user.partnership_id, id, userId: user.id, tokenHash: hashResetToken(token), at: now, expiresAt: resetLinkExpiry(now) });
      const { subject, body } = resetEmail(`${base}/sign-in/reset-password/${token}`);
      await insertEmail(trx, { partnershipId: user.partnership_id, id: randomUUID(), to: user.email, template: 'password-reset', subject, body, at: now });
      await appendAudit(trx, actor, { action: 'user.password-reset-requested', subjectType: 'password_reset', subjectId: id });
    });
  }
  return ok(undefined);
}
