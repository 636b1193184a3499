// Shared by the staff verbs: reaching a staff member for their administrator (out of scope is not
// found, audited by the gateway), and the view of one person.
import type { StaffUserRow, staffChecksOf } from '../../db/queries/staff.ts';
import { canAdministerStaffOf } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Tx } from '../kernel/deps.ts';
import { reach, STAFF_MEMBER } from '../kernel/gateway.ts';

/** The staff member if the actor administers their agency; otherwise audited and undefined. */
export const reachStaffMember = (trx: Tx, actor: Actor, userId: string, attempted: string): Promise<StaffUserRow | undefined> =>
  reach(trx, actor, STAFF_MEMBER, userId, attempted, (row) => canAdministerStaffOf(actor, row.agency_id));

export type StaffCheckRow = Awaited<ReturnType<typeof staffChecksOf>>[number];
