// Single sign-on, second leg (ADR 0019, ADR 0047): the identity provider sent the person back with a
// code. The code is redeemed with the PKCE verifier, and the ID token checked (signature, issuer,
// audience, expiry, the nonce; the state against this session's); then the domain's
// `ssoLinkDecision` finds the pre-created, enabled staff record — linking the subject to it the
// first time — or refuses, and nothing is ever created. Every outcome is audited. The account comes
// back with whether the provider proved a second factor (acr/amr); if not, Concord asks for its own.
import { findIdentityProvider, linkSsoSubject, signInAccount, ssoCandidates } from '../../db/queries/identity-providers.ts';
import { REFUSAL_TEXT, type SsoClaims, ssoLinkDecision } from '../../domain/sso.ts';
import { type AuditActor, appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { redeemCode } from '../kernel/oidc.ts';
import { forbidden, type Outcome, ok } from '../kernel/outcome.ts';
import { type Account, emailFingerprint } from './_credentials.ts';
import { connectionOf, type PendingSingleSignOn, redirectUriOf } from './_single-sign-on.ts';

export interface FinishSingleSignOnInput {
  pending: PendingSingleSignOn;
  /** The path and query the provider sent the browser back to (code, state). */
  callbackPath: string;
  correlationId: string;
}

const NOT_COMPLETED = 'Signing in with your organisation’s account did not complete. Start again from the sign-in page.';

export async function finishSingleSignOn(deps: Deps, input: FinishSingleSignOnInput): Promise<Outcome<{ account: Account; mfaProved: boolean }>> {
  const { partnershipId, agencyId } = input.pending;
  const system: AuditActor = { partnershipId, userId: null, agencyId: null, via: 'web', correlationId: input.correlationId };
  const provider = await findIdentityProvider(deps.db, partnershipId, agencyId);
  if (!provider?.enabled || !deps.publicUrl) return forbidden(NOT_COMPLETED);

  let claims: SsoClaims;
  try {
    const redirectUri = redirectUriOf(deps.publicUrl);
    claims = await redeemCode(connectionOf(deps, provider), new URL(input.callbackPath, redirectUri), redirectUri, input.pending.checks);
  } catch (e) {
    // A wrong state or nonce, a refused or replayed code, an ID token that does not check out, or the person cancelled at the provider.
    const reason = (e as { code?: string }).code ?? 'rejected';
    await appendAudit(deps.db, system, { action: 'user.sso-sign-in-failed', outcome: 'denied', subjectType: 'agency', subjectId: agencyId, details: { reason: reason.slice(0, 60) } });
    return forbidden(NOT_COMPLETED);
  }

  return deps.db.transaction().execute(async (trx) => {
    const candidates = await ssoCandidates(trx, partnershipId, agencyId, claims.sub, claims.email);
    const decision = ssoLinkDecision(
      claims,
      candidates.map((c) => ({ userId: c.id, email: c.email, active: c.active, subject: c.sso_subject })),
      { mfaAcrValues: provider.mfa_acr_values, mfaAmrValues: provider.mfa_amr_values, linkBy: provider.link_by === 'subject' ? 'subject' : 'email' },
    );
    if (decision.kind === 'refused') {
      const known = candidates.find((c) => c.sso_subject === claims.sub) ?? candidates[0];
      await appendAudit(trx, known ? { ...system, userId: known.id, agencyId } : system, {
        action: 'user.sso-sign-in-refused',
        outcome: 'denied',
        subjectType: 'staff_user',
        subjectId: known?.id,
        // Not the address itself: its domain and a hash that links repeated attempts (ADR 0041).
        details: { reason: decision.reason, agencyId, ...(claims.email ? emailFingerprint(claims.email) : {}) },
      });
      return forbidden(REFUSAL_TEXT[decision.reason]);
    }
    const actor = { ...system, userId: decision.userId, agencyId };
    if (decision.kind === 'link') {
      await linkSsoSubject(trx, partnershipId, decision.userId, claims.sub);
      await appendAudit(trx, actor, { action: 'user.sso-linked', subjectType: 'staff_user', subjectId: decision.userId, details: { agencyId, by: 'verified-email' } });
    }
    const row = await signInAccount(trx, partnershipId, decision.userId);
    if (!row) return forbidden(NOT_COMPLETED);
    await appendAudit(trx, actor, {
      action: 'user.sso-verified',
      subjectType: 'staff_user',
      subjectId: decision.userId,
      details: { agencyId, providerProvedMfa: decision.mfaProved, ...(claims.acr ? { acr: claims.acr.slice(0, 100) } : {}), amr: (claims.amr ?? []).slice(0, 10) },
    });
    return ok({
      account: {
        userId: row.id,
        partnershipId: row.partnership_id,
        agencyId: row.agency_id,
        partnershipName: row.partnership_name,
        agencyName: row.agency_name,
        mfaEnrolled: row.totp_enrolled_at !== null,
      },
      mfaProved: decision.mfaProved,
    });
  });
}
