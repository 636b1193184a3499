// Who a signed-in staff member (by session or API key) is, and what they may do.
import type { StaffWithAgencyRow } from '../../db/queries/staff.ts';
import { agencyAccessRefusal } from '../../domain/people.ts';
import { ROLES, type Role } from '../../domain/staff.ts';

export interface StaffMember {
  userId: string;
  partnershipId: string;
  partnershipName: string;
  pack: string;
  agencyId: string;
  agencyName: string;
  displayName: string;
  email: string;
  roles: Role[];
}

/** Shape a staff row (with agency and partnership names) for the web and API; inactive staff, and
 *  staff of an agency that is suspended or has left the partnership, are nobody (agencyAccessRefusal). */
export function staffMemberFrom(row: StaffWithAgencyRow): StaffMember | undefined {
  if (!row.active || agencyAccessRefusal(row.agency_membership)) return undefined;
  return {
    userId: row.id,
    partnershipId: row.partnership_id,
    partnershipName: row.partnership_name,
    pack: row.partnership_pack,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    displayName: row.display_name,
    email: row.email,
    roles: row.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
  };
}
