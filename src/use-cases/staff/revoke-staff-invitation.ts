// An administrator withdraws a member of staff's invitation (sent to the wrong address, or no
// longer needed): the link stops working at once and its page says it was withdrawn. Audited.
import { revokeOpenInvitations } from '../../db/queries/invitations.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { reachStaffMember } from './_staff.ts';

export async function revokeStaffInvitation(deps: Deps, actor: Actor, userId: string): Promise<Outcome<{ userId: string }>> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const member = await reachStaffMember(trx, actor, userId, 'staff.invitation-revoked');
    if (!member) return notFound;
    const revoked = await revokeOpenInvitations(trx, actor.partnershipId, member.id, now, actor.userId);
    if (!revoked) return conflict('There is no invitation waiting to be used.');
    await appendAudit(trx, auditActor(actor), { action: 'staff.invitation-revoked', subjectType: 'staff_user', subjectId: member.id, details: { revoked } });
    return ok({ userId: member.id });
  });
}
