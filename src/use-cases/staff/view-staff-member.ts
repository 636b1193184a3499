// One staff member, for their administrator: details, roles, status, checks and training, and their
// latest invitation (ADR 0084).
import { latestInvitationOf } from '../../db/queries/invitations.ts';
import { type StaffUserRow, staffChecksOf } from '../../db/queries/staff.ts';
import { type InvitationState, invitationState } from '../../domain/invitations.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { reachStaffMember, type StaffCheckRow } from './_staff.ts';

export interface StaffInvitation {
  sentAt: Date;
  expiresAt: Date;
  state: InvitationState;
}

export async function viewStaffMember(deps: Deps, actor: Actor, userId: string): Promise<Outcome<{ member: StaffUserRow; checks: StaffCheckRow[]; invitation: StaffInvitation | null }>> {
  return deps.db.transaction().execute(async (trx) => {
    const member = await reachStaffMember(trx, actor, userId, 'staff.viewed');
    if (!member) return notFound;
    const checks = await staffChecksOf(trx, actor.partnershipId, member.id);
    const latest = await latestInvitationOf(trx, actor.partnershipId, member.id);
    const invitation = latest
      ? { sentAt: latest.created_at, expiresAt: latest.expires_at, state: invitationState({ expiresAt: latest.expires_at, acceptedAt: latest.accepted_at, revokedAt: latest.revoked_at }, deps.now()) }
      : null;
    await appendAudit(trx, auditActor(actor), { action: 'staff.viewed', subjectType: 'staff_user', subjectId: member.id });
    return ok({ member, checks, invitation });
  });
}
