// Finishing setting up an authenticator app: the person enters the code their app shows, which
// proves the app holds the secret; the account is then enrolled and gets ten single-use recovery
// codes, shown once (only their hashes are kept). ADR 0017.
import { confirmTotpEnrolment as confirm, findCredentials, replaceRecoveryCodes } from '../../db/queries/credentials.ts';
import { normaliseTotpCode } from '../../domain/credentials.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { totpStepOf } from '../kernel/totp.ts';
import { type AccountRef, accountActor, hashRecoveryCode, newRecoveryCodes, unsealTotpSecret } from './_credentials.ts';

export async function confirmTotpEnrolment(
  deps: Deps,
  account: Pick<AccountRef, 'partnershipId' | 'userId'>,
  input: { code: string; correlationId: string },
): Promise<Outcome<{ recoveryCodes: string[] }>> {
  const digits = normaliseTotpCode(input.code ?? '');
  if (!input.code?.trim()) return invalid([{ path: 'code', message: 'Enter the 6-digit code from your authenticator app' }]);
  if (!digits) return invalid([{ path: 'code', message: 'The code must be 6 digits, like 123 456' }]);
  const user = await findCredentials(deps.db, account.partnershipId, account.userId);
  if (!user?.active || !user.totp_secret) return notFound;
  if (user.totp_enrolled_at) return conflict('An authenticator app is already set up for this account');
  const now = deps.now();
  const step = await totpStepOf(unsealTotpSecret(deps.keyring, user.id, user.totp_secret), digits, now);
  if (step === undefined) return invalid([{ path: 'code', message: 'The code is not correct. Check the time on your phone is right, then enter the code your app shows now' }]);
  const codes = newRecoveryCodes();
  const actor = accountActor({ partnershipId: user.partnership_id, userId: user.id, agencyId: user.agency_id }, input.correlationId);
  const done = await deps.db.transaction().execute(async (trx) => {
    if (!(await confirm(trx, user.partnership_id, user.id, now, step))) return false;
    await replaceRecoveryCodes(trx, user.partnership_id, user.id, codes.map(hashRecoveryCode), now);
    await appendAudit(trx, actor, { action: 'user.mfa-enrolled', subjectType: 'staff_user', subjectId: user.id, details: { method: 'totp', recoveryCodes: codes.length } });
    return true;
  });
  if (!done) return conflict('An authenticator app is already set up for this account');
  return ok({ recoveryCodes: codes });
}
