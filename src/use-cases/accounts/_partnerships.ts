// The partnerships a signed-in person may switch to: their other accounts (same e-mail address)
// whose password opened at sign-in, re-checked now — still active, with a password, and in an
// agency that has not left its partnership (ADR 0076).
import { findStaffByEmail } from '../../db/queries/staff.ts';
import type { Deps } from '../kernel/deps.ts';

export interface PartnershipAccount {
  userId: string;
  partnershipId: string;
  agencyId: string;
  partnershipName: string;
  agencyName: string;
}

export async function accountsToSwitchTo(db: Deps['db'], email: string, opened: readonly string[], currentPartnershipId: string): Promise<PartnershipAccount[]> {
  const rows = await findStaffByEmail(db, email);
  return rows
    .filter((r) => r.partnership_id !== currentPartnershipId && opened.includes(r.partnership_id) && r.active && r.password_hash !== null && r.agency_membership !== 'left')
    .map((r) => ({ userId: r.id, partnershipId: r.partnership_id, agencyId: r.agency_id, partnershipName: r.partnership_name, agencyName: r.agency_name }));
}
