// Credentials: the password policy, recovery codes, multi-factor freshness and reset-link rules.
// Pure rules, no I/O and no clock (time is a parameter).
//
// The password policy follows the NCSC's password guidance ("Password administration for system
// owners", 2018, and the Cyber Essentials requirements): a minimum length, a deny list of the most
// common passwords, and NO composition rules (no demands for digits, capitals or symbols), no
// forced expiry. Length is what makes a password strong; composition rules make people choose
// predictable ones. ADR 0018.
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** At least 12 characters: NCSC's minimum is 8 with a deny list; Concord holds child-protection
 *  information and every account also has a second factor, so 12 (the length of three random words). */
export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any pass phrase, short enough that hashing it is cheap. */
export const PASSWORD_MAX_LENGTH = 256;

export interface PasswordContext {
  /** The account's e-mail address: a password built from it is refused. */
  email?: string;
}

const deny = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));
/** Words that make a password guessable for this service in particular. */
const SERVICE_WORDS = ['concord', 'safeguarding', 'password'];

/** The single most useful thing to tell the person about a proposed password, or undefined if it may be used. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | undefined {
  if (!password) return 'Enter a new password';
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Your password must be ${PASSWORD_MIN_LENGTH} characters or more`;
  if (length > PASSWORD_MAX_LENGTH) return `Your password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  if (/[\u0000-\u001f\u007f]/.test(password)) return 'Your password must not contain control characters';
  const folded = password.toLowerCase();
  const squashed = folded.replace(/[\s\-_.]+/g, '');
  if (deny.has(folded) || deny.has(squashed) || deny.has(squashed.replace(/\d+$/, ''))) return 'This password is too common. Choose a different one, for example three random words';
  if (new Set(folded).size <= 2) return 'This password is too easy to guess. Choose a different one, for example three random words';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && squashed.includes(local.replace(/[\s\-_.]+/g, ''))) return 'Your password must not contain your email address';
  if (SERVICE_WORDS.some((w) => squashed.replace(/\d+/g, '') === w || squashed.replace(/\d+/g, '') === `${w}${w}`))
    return 'This password is too common. Choose a different one, for example three random words';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Recovery codes: ten single-use codes shown once at enrolment, for when the authenticator is lost.

export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i

/** A recovery code from random bytes: 12 characters in three groups ("abcd-efgh-jkmn"), about 59 bits. */
export function recoveryCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < 12) throw new Error('a recovery code needs 12 random bytes');
  const chars = [...bytes.subarray(0, 12)].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8, 12).join('')}`;
}

/** What the person typed, as a stored recovery code is hashed: lower case, no spaces or dashes. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, '');
}

/** Whether what was typed looks like a recovery code rather than a six-digit authenticator code. */
export const looksLikeRecoveryCode = (input: string) => /^[a-z0-9]{12}$/.test(normaliseRecoveryCode(input)) && /[a-z]/.test(normaliseRecoveryCode(input));

/** A six-digit authenticator code, allowing spaces ("123 456"). */
export function normaliseTotpCode(input: string): string | undefined {
  const digits = input.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
}

// ---------------------------------------------------------------------------------------------
// TOTP (RFC 6238): 30-second steps; one step either side is accepted for clock drift, and a code is
// accepted once (a step at or before the last accepted one is refused, so an observed code cannot be
// replayed).

export const TOTP_STEP_SECONDS = 30;
export const TOTP_TOLERANCE_STEPS = 1;

export const totpStep = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);

/** Whether a verified code's step may be accepted after `lastStep`. */
export const isFreshTotpStep = (step: number, lastStep: number | null) => lastStep === null || step > lastStep;

// ---------------------------------------------------------------------------------------------
// Step-up: sensitive actions (creating an API key, exports, administration) need a second factor
// proved recently, not only a session that may have been left open (NCSC cloud principle 10,
// ContactPoint's re-authentication for sensitive actions).

export const STEP_UP_MINUTES = 15;

export function stepUpFresh(mfaAt: number | undefined, now: Date, minutes = STEP_UP_MINUTES): boolean {
  return mfaAt !== undefined && now.getTime() - mfaAt >= 0 && now.getTime() - mfaAt <= minutes * 60_000;
}

// ---------------------------------------------------------------------------------------------
// Password reset links: single use, short-lived, and never revealing whether an account exists.

export const RESET_LINK_MINUTES = 30;

export const resetLinkExpiry = (now: Date) => new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);

/** The e-mail with the link: no name, no agency, nothing about children (DESIGN "Security defaults"). */
export function resetEmail(link: string): { subject: string; body: string } {
  return {
    subject: 'Reset your Concord password',
    body: [
      'Someone asked to reset the password for your Concord account.',
      '',
      `To choose a new password, open this link within ${RESET_LINK_MINUTES} minutes. It works once:`,
      link,
      '',
      'You will still need your authenticator app or a recovery code to sign in.',
      '',
      'If you did not ask for this, you can ignore this e-mail; your password has not changed. Tell your agency administrator if it happens again.',
    ].join('\n'),
  };
}

/** Only relative paths inside Concord may be a "return to" after step-up (no open redirect). */
export function safeReturnPath(value: string | undefined): string {
  return value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/children';
}
