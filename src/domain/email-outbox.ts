// The e-mail outbox's rules: an e-mail is written as `pending` with the change it announces, then
// delivered by a job through the configured notifier — `sent` by a provider, or `kept_locally` when
// the local outbox is in use — or, after repeated failures, `failed`. Who may read the outbox, and
// what of a failure may be stored (never a message that could carry an address or other personal
// data: only an error class or code and an HTTP status).
import { type Actor, hasRole, type Role } from './staff.ts';

export const EMAIL_STATUSES = ['pending', 'sent', 'kept_locally', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const emailStatusLabels: Record<EmailStatus, string> = {
  pending: 'Waiting to be sent',
  sent: 'Sent',
  kept_locally: 'Kept in the outbox, not sent',
  failed: 'Not sent: delivery failed',
};

export const isEmailStatus = (s: string): s is EmailStatus => (EMAIL_STATUSES as readonly string[]).includes(s);

/** Attempts at delivery before an e-mail is given up as `failed`. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** The state after a failed attempt: retried later, or `failed` after the last attempt or a permanent refusal. */
export function afterFailedAttempt(attemptsBefore: number, permanent = false): { status: 'pending' | 'failed'; attempts: number } {
  const attempts = attemptsBefore + 1;
  return { status: permanent || attempts >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending', attempts };
}

/** The e-mail outbox is for the partnership's administrators and its business manager. */
export const OUTBOX_ROLES: readonly Role[] = ['administrator', 'partnership_manager'];
export const canReadOutbox = (actor: Pick<Actor, 'roles'>) => hasRole(actor, ...OUTBOX_ROLES);

const CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** An error code or class name that is safe to store, or undefined (anything else might be a message). */
export function safeErrorCode(value: unknown): string | undefined {
  return typeof value === 'string' && CODE.test(value) ? value : undefined;
}

/** The stored text of a failure: "code" or "code (HTTP 503)". */
export function deliveryErrorText(code: string | undefined, status?: number): string {
  const c = safeErrorCode(code) ?? 'Error';
  return Number.isInteger(status) && status! >= 100 && status! <= 599 ? `${c} (HTTP ${status})` : c;
}
