// Single sign-on by OpenID Connect, the rules only (the flow is not wired yet; see
// docs/accounts-and-sign-in.md): whether the identity provider proved a second factor, and which
// pre-created staff record a sign-in links to. Just-in-time linking never creates access: a person
// the agency's administrator has not added gets no account (issue 11 part 4; ADR 0019).

/** An agency's identity provider settings that these rules read. */
export interface SsoPolicy {
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

export type LinkDecision =
  | { kind: 'signed-in'; userId: string }
  | { kind: 'link'; userId: string }
  | { kind: 'refused'; reason: 'no-mfa' | 'no-account' | 'email-not-verified' | 'disabled' | 'linked-to-another' };

/**
 * Which staff record this sign-in is: the one already linked to the subject; otherwise the one
 * whose e-mail address the provider has verified, if it is not linked to another subject (link it
 * now); otherwise nobody — an account is never created by signing in.
 */
export function ssoLinkDecision(claims: SsoClaims, candidates: readonly LinkCandidate[], policy: SsoPolicy): LinkDecision {
  if (!providerProvedMfa(claims, policy)) return { kind: 'refused', reason: 'no-mfa' };
  const linked = candidates.find((c) => c.subject === claims.sub);
  if (linked) return linked.active ? { kind: 'signed-in', userId: linked.userId } : { kind: 'refused', reason: 'disabled' };
  const email = claims.email?.trim().toLowerCase();
  const byEmail = email ? candidates.find((c) => c.email.trim().toLowerCase() === email) : undefined;
  if (!byEmail) return { kind: 'refused', reason: 'no-account' };
  if (claims.email_verified !== true) return { kind: 'refused', reason: 'email-not-verified' };
  if (!byEmail.active) return { kind: 'refused', reason: 'disabled' };
  if (byEmail.subject !== null) return { kind: 'refused', reason: 'linked-to-another' };
  return { kind: 'link', userId: byEmail.userId };
}
