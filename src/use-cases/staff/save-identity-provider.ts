// An agency's administrator sets its identity provider for single sign-on (issue 11 part 4, ADR
// 0047): issuer, client id, client secret (sealed; left blank to keep the saved one), the acr and amr
// values that mean multi-factor authentication, and how a first sign-in finds its staff record.
// Audited, without the secret.
import { findIdentityProvider, saveIdentityProvider as save } from '../../db/queries/identity-providers.ts';
import { identityProviderSchema } from '../../domain/sso.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';
import { type IdentityProviderView, identityProviderView, reachOwnAgency } from './_identity-provider.ts';

export interface SaveIdentityProviderInput {
  displayName?: unknown;
  issuer?: unknown;
  clientId?: unknown;
  clientSecret?: unknown;
  /** A list, or text separated by commas, spaces or new lines. */
  mfaAcrValues?: unknown;
  mfaAmrValues?: unknown;
  linkBy?: unknown;
  enabled?: unknown;
}

const asText = (v: unknown) => (Array.isArray(v) ? v.join(' ') : v);

export async function saveIdentityProvider(deps: Deps, actor: Actor, agencyId: string, input: SaveIdentityProviderInput): Promise<Outcome<IdentityProviderView>> {
  const parsed = identityProviderSchema.safeParse({ ...input, mfaAcrValues: asText(input.mfaAcrValues), mfaAmrValues: asText(input.mfaAmrValues) });
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const agency = await reachOwnAgency(trx, actor, agencyId, 'identity-provider.saved');
    if (!agency) return notFound;
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const d = parsed.data;
    const existing = await findIdentityProvider(trx, actor.partnershipId, agency.id);
    if (!d.clientSecret && !existing) return invalid([{ path: 'clientSecret', message: 'Enter the client secret the identity provider gave for Concord' }]);
    const secret = d.clientSecret ? JSON.stringify(sealAs(deps.keyring, 'identity-provider-secret', agency.id, { secret: d.clientSecret })) : JSON.stringify(existing!.client_secret);
    await save(trx, {
      partnership_id: actor.partnershipId,
      agency_id: agency.id,
      display_name: d.displayName,
      issuer: d.issuer,
      client_id: d.clientId,
      client_secret: secret,
      mfa_acr_values: d.mfaAcrValues,
      mfa_amr_values: d.mfaAmrValues,
      link_by: d.linkBy,
      enabled: d.enabled,
      updated_at: now,
      updated_by: actor.userId,
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'identity-provider.saved',
      subjectType: 'agency',
      subjectId: agency.id,
      details: { issuer: d.issuer, clientId: d.clientId, secretChanged: Boolean(d.clientSecret), mfaAcrValues: d.mfaAcrValues, mfaAmrValues: d.mfaAmrValues, linkBy: d.linkBy, enabled: d.enabled },
    });
    return ok(identityProviderView(agency, await findIdentityProvider(trx, actor.partnershipId, agency.id)));
  });
}
