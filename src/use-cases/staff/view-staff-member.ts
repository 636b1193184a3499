// One staff member, for their administrator: details, roles, status and checks and training.
import { type StaffUserRow, staffChecksOf } from '../../db/queries/staff.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { reachStaffMember, type StaffCheckRow } from './_staff.ts';

export async function viewStaffMember(deps: Deps, actor: Actor, userId: string): Promise<Outcome<{ member: StaffUserRow; checks: StaffCheckRow[] }>> {
  return deps.db.transaction().execute(async (trx) => {
    const member = await reachStaffMember(trx, actor, userId, 'staff.viewed');
    if (!member) return notFound;
    const checks = await staffChecksOf(trx, actor.partnershipId, member.id);
    await appendAudit(trx, auditActor(actor), { action: 'staff.viewed', subjectType: 'staff_user', subjectId: member.id });
    return ok({ member, checks });
  });
}
