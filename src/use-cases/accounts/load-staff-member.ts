// Resolve the signed-in staff member (for a session) into who they are and what they may do.
import { findStaffWithAgency } from '../../db/queries/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { type StaffMember, staffMemberFrom } from './_staff-member.ts';

export type { StaffMember } from './_staff-member.ts';

export async function loadStaffMember(deps: Deps, partnershipId: string, userId: string): Promise<StaffMember | undefined> {
  const row = await findStaffWithAgency(deps.db, partnershipId, userId);
  return row ? staffMemberFrom(row) : undefined;
}
