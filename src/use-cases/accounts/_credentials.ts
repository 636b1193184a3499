// Shared by the credential verbs: how secrets are stored (hashes, sealed TOTP secrets), the audit
// actor of a person who is not signed in yet, and ending a person's other sessions and API keys
// when a credential changes (DESIGN "Security defaults"; ADR 0018).
import { createHash, randomBytes } from 'node:crypto';
import { normaliseRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodeFrom } from '../../domain/credentials.ts';
import type { AuditActor } from '../kernel/audit.ts';
import { appendAudit } from '../kernel/audit.ts';
import { revokeCredentials } from '../kernel/credentials.ts';
import type { Tx } from '../kernel/deps.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** How a web session id is stored: only its SHA-256, so a copy of the database cannot take over a session. */
export const sessionKey = (sessionId: string) => sha256(sessionId);

/** Recovery codes and reset tokens are long random values, so a plain SHA-256 is enough to store them. */
export const hashRecoveryCode = (code: string) => sha256(`recovery:${normaliseRecoveryCode(code)}`);
export const hashResetToken = (token: string) => sha256(`reset:${token}`);

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFrom(randomBytes(12)));
}

export const newResetToken = () => randomBytes(32).toString('base64url');

export { sealTotpSecret, unsealTotpSecret } from '../kernel/totp.ts';

/** An account a sign-in has opened (password, or the agency's identity provider); nothing is signed in until its second factor is proved. */
export interface Account {
  userId: string;
  partnershipId: string;
  agencyId: string;
  partnershipName: string;
  agencyName: string;
  /** Whether the person has set up their authenticator app; if not, they do so before going on (ADR 0017). */
  mfaEnrolled: boolean;
}

/** How a sign-in proved a second factor: Concord's own, or the agency's identity provider (ADR 0047). */
export type SignInMethod = 'totp' | 'recovery-code' | 'totp-enrolment' | 'identity-provider';

/** The e-mail address's domain and a short hash of the whole (lower-cased): enough to see a pattern
 *  of attempts without keeping an address someone may have mistyped. */
export function emailFingerprint(email: string): { emailDomain: string; emailHash: string } {
  const normalised = email.trim().toLowerCase();
  const at = normalised.lastIndexOf('@');
  return { emailDomain: at >= 0 ? normalised.slice(at + 1).slice(0, 100) : '', emailHash: createHash('sha256').update(`concord sign-in ${normalised}`).digest('hex').slice(0, 16) };
}

/** Someone acting on their own account, signed in or not yet. */
export interface AccountRef {
  partnershipId: string;
  userId: string;
  agencyId: string;
}

export const accountActor = (a: AccountRef, correlationId: string, via: AuditActor['via'] = 'web'): AuditActor => ({
  partnershipId: a.partnershipId,
  userId: a.userId,
  agencyId: a.agencyId,
  via,
  correlationId,
});

/** A credential changed: end the person's other sessions and revoke every live API key, audited
 *  in the same transaction (the change, the revocation and the record commit together). */
export async function endOtherAccess(trx: Tx, actor: AuditActor, userId: string, at: Date, reason: string, keepSessionId?: string): Promise<void> {
  const ended = await revokeCredentials(trx, actor.partnershipId, userId, at, keepSessionId ? sessionKey(keepSessionId) : undefined);
  await appendAudit(trx, actor, { action: 'user.access-ended', subjectType: 'staff_user', subjectId: userId, details: { reason, sessions: ended.sessions, apiKeys: ended.apiKeys } });
}
