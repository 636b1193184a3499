// Single sign-on by OpenID Connect, the rules (the flow is in src/use-cases/identity-providers/;
// docs/accounts-and-sign-in.md): an agency's provider settings, whether the identity provider proved
// a second factor, and which pre-created staff record a sign-in links to. Just-in-time linking never
// creates access: a person the agency's administrator has not added gets no account (issue 11 part
// 4; ADR 0019). A provider that did not prove a second factor does not stop the sign-in: Concord asks
// for its own (ADR 0047).
import { z } from 'zod';
import { type Actor, hasRole } from './staff.ts';

/** An agency's identity provider settings that these rules read. */
export interface SsoPolicy {
  /** How a first sign-in finds its staff record: by the address the provider has verified, or only by a subject already recorded on it. */
  linkBy?: LinkBy;
  /** `acr` values that mean the provider used multi-factor authentication (for NHS CIS2, an AAL3 level; for Entra ID, a conditional-access context). */
  mfaAcrValues: readonly string[];
  /** `amr` values that mean the same (RFC 8176: `mfa`, `otp`, `hwk`, `swk`, `fido`…). */
  mfaAmrValues: readonly string[];
}

export const DEFAULT_MFA_AMR = ['mfa', 'otp', 'hwk', 'swk', 'fido', 'sc'] as const;

/** The ID token's claims these rules read. */
export interface SsoClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  acr?: string;
  amr?: readonly string[];
}

/** Whether the provider says it used a second factor: an `acr` or an `amr` value the agency accepts. */
export function providerProvedMfa(claims: Pick<SsoClaims, 'acr' | 'amr'>, policy: SsoPolicy): boolean {
  if (claims.acr && policy.mfaAcrValues.includes(claims.acr)) return true;
  return (claims.amr ?? []).some((m) => policy.mfaAmrValues.includes(m));
}

/** A staff record of the agency the provider belongs to. */
export interface LinkCandidate {
  userId: string;
  email: string;
  active: boolean;
  /** The provider subject already linked to this record, if any. */
  subject: string | null;
}

export type RefusalReason = 'no-account' | 'email-not-verified' | 'disabled' | 'linked-to-another';

export type LinkDecision =
  /** `mfaProved`: whether the provider proved a second factor; if not, Concord asks for its own. */
  { kind: 'signed-in'; userId: string; mfaProved: boolean } | { kind: 'link'; userId: string; mfaProved: boolean } | { kind: 'refused'; reason: RefusalReason };

/**
 * Which staff record this sign-in is: the one already linked to the subject; otherwise (when the
 * agency links by e-mail) the one whose e-mail address the provider has verified, if it is not
 * linked to another subject (link it now); otherwise nobody — an account is never created by
 * signing in.
 */
export function ssoLinkDecision(claims: SsoClaims, candidates: readonly LinkCandidate[], policy: SsoPolicy): LinkDecision {
  const mfaProved = providerProvedMfa(claims, policy);
  const linked = candidates.find((c) => c.subject === claims.sub);
  if (linked) return linked.active ? { kind: 'signed-in', userId: linked.userId, mfaProved } : { kind: 'refused', reason: 'disabled' };
  if (policy.linkBy === 'subject') return { kind: 'refused', reason: 'no-account' };
  const email = claims.email?.trim().toLowerCase();
  const byEmail = email ? candidates.find((c) => c.email.trim().toLowerCase() === email) : undefined;
  if (!byEmail) return { kind: 'refused', reason: 'no-account' };
  if (claims.email_verified !== true) return { kind: 'refused', reason: 'email-not-verified' };
  if (!byEmail.active) return { kind: 'refused', reason: 'disabled' };
  if (byEmail.subject !== null) return { kind: 'refused', reason: 'linked-to-another' };
  return { kind: 'link', userId: byEmail.userId, mfaProved };
}

/** What the person is told when a sign-in is refused: specific enough to act on, nothing about anyone else's account. */
export const REFUSAL_TEXT: Record<RefusalReason, string> = {
  'no-account': 'Your organisation’s account is not linked to anyone in Concord. Ask your agency’s Concord administrator to add you, then try again.',
  'email-not-verified': 'Your organisation has not confirmed your email address, so Concord cannot find your account. Ask your agency’s Concord administrator.',
  disabled: 'Your Concord account has been disabled. Ask your agency’s Concord administrator.',
  'linked-to-another': 'Your Concord account is already linked to a different organisation account. Ask your agency’s Concord administrator.',
};

// --- an agency's identity provider settings ---------------------------------------------------

export const LINK_BY = ['email', 'subject'] as const;
export type LinkBy = (typeof LINK_BY)[number];

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** An issuer is an https address with no query or fragment (OpenID Connect Discovery 1.0 s.2); plain
 *  http only on this machine's loopback, for a provider run beside Concord in tests and development. */
export function issuerError(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter the issuer as a full web address, like https://login.microsoftonline.com/your-tenant-id/v2.0';
  }
  if (url.search || url.hash || url.username || url.password) return 'The issuer address must not have a query, a fragment or a user name in it';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return undefined;
  return 'The issuer address must start with https://';
}

/** acr or amr values as typed: separated by commas, spaces or new lines; each without spaces. */
const valueList = (label: string) =>
  z
    .string()
    .max(2000, `${label} must be 2000 characters or fewer`)
    .transform((s) => [...new Set(s.split(/[\s,]+/).filter(Boolean))])
    .refine((list) => list.every((v) => v.length <= 200), `Each of the ${label.toLowerCase()} must be 200 characters or fewer`)
    .refine((list) => list.length <= 20, `Enter 20 ${label.toLowerCase()} or fewer`);

/** The settings form (web and API): the client secret may be left blank to keep the one already saved. */
export const identityProviderSchema = z
  .object({
    displayName: z.string().trim().min(1, 'Enter the name people will see on the sign-in page, like the organisation’s name').max(80, 'The name must be 80 characters or fewer'),
    issuer: z
      .string()
      .trim()
      .min(1, 'Enter the issuer address')
      .max(500, 'The issuer address must be 500 characters or fewer')
      .refine((v) => !issuerError(v), { error: (i) => issuerError(String(i.input)) ?? '' }),
    clientId: z.string().trim().min(1, 'Enter the client (application) ID Concord is registered with').max(200, 'The client ID must be 200 characters or fewer'),
    clientSecret: z.string().max(500, 'The client secret must be 500 characters or fewer').default(''),
    mfaAcrValues: valueList('Accepted acr values').default([]),
    mfaAmrValues: valueList('Accepted amr values').default([...DEFAULT_MFA_AMR]),
    linkBy: z.enum(LINK_BY, { error: 'Select how a first sign-in finds the person’s Concord account' }),
    enabled: z.boolean().default(true),
  })
  .refine((d) => d.mfaAcrValues.length + d.mfaAmrValues.length > 0, {
    path: ['mfaAmrValues'],
    message: 'Enter at least one acr or amr value that means the provider used multi-factor authentication',
  });

export type IdentityProviderSettings = z.output<typeof identityProviderSchema>;

/** An agency's identity provider is its own administrator's to set (issue 11 part 4): not another agency's, nor the partnership manager's. */
export const canManageIdentityProvider = (actor: Pick<Actor, 'agencyId' | 'roles'>, agencyId: string): boolean => hasRole(actor, 'administrator') && actor.agencyId === agencyId;
