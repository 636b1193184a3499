// The organisations whose staff can sign in through their own identity provider, for the sign-in
// page's "Sign in with your organisation's account" (ADR 0047). Names only: nothing about anyone.
import { enabledIdentityProviders } from '../../db/queries/identity-providers.ts';
import type { Deps } from '../kernel/deps.ts';

export interface SignInProvider {
  /** Partnership and agency, as the form's value (posted, never in an address). */
  value: string;
  name: string;
  partnershipName: string;
}

export async function listSignInProviders(deps: Deps): Promise<SignInProvider[]> {
  const rows = await enabledIdentityProviders(deps.db);
  return rows.map((r) => ({ value: `${r.partnership_id}:${r.agency_id}`, name: r.display_name, partnershipName: r.partnership_name }));
}
