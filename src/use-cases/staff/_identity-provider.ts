// Shared by the identity provider verbs: reaching an agency for its own administrator (anyone else
// is answered not found, audited by the gateway), and the settings as shown — never the secret.
import type { IdentityProviderRow } from '../../db/queries/identity-providers.ts';
import { canManageIdentityProvider, DEFAULT_MFA_AMR, type LinkBy } from '../../domain/sso.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Tx } from '../kernel/deps.ts';
import { AGENCY, reach } from '../kernel/gateway.ts';

export const reachOwnAgency = (trx: Tx, actor: Actor, agencyId: string, attempted: string) => reach(trx, actor, AGENCY, agencyId, attempted, (row) => canManageIdentityProvider(actor, row.id));

export interface IdentityProviderView {
  agencyId: string;
  agencyName: string;
  configured: boolean;
  displayName: string;
  issuer: string;
  clientId: string;
  /** Whether a client secret is saved (it is never shown). */
  hasSecret: boolean;
  mfaAcrValues: string[];
  mfaAmrValues: string[];
  linkBy: LinkBy;
  enabled: boolean;
  updatedAt: Date | null;
}

export function identityProviderView(agency: { id: string; name: string }, row: IdentityProviderRow | undefined): IdentityProviderView {
  return {
    agencyId: agency.id,
    agencyName: agency.name,
    configured: row !== undefined,
    displayName: row?.display_name ?? agency.name,
    issuer: row?.issuer ?? '',
    clientId: row?.client_id ?? '',
    hasSecret: row !== undefined,
    mfaAcrValues: row?.mfa_acr_values ?? [],
    mfaAmrValues: row?.mfa_amr_values ?? [...DEFAULT_MFA_AMR],
    linkBy: row?.link_by === 'subject' ? 'subject' : 'email',
    enabled: row?.enabled ?? false,
    updatedAt: row?.updated_at ?? null,
  };
}
