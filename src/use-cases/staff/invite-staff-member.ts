// An administrator sends a member of staff an invitation by e-mail, or sends it again (the earlier
// link stops working): a single-use link, valid for 7 days, to choose a password and set up the
// authenticator app (ADR 0084). Only someone who has not set a password yet, whose account is
// enabled and whose agency is a member, can be invited; at most five invitations a day per person.
import { inviteRefusal } from '../../domain/invitations.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import type { Deps } from '../kernel/deps.ts';
import { sendInvitation } from '../kernel/invitations.ts';
import { conflict, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { reachStaffMember } from './_staff.ts';

export async function inviteStaffMember(deps: Deps, actor: Actor, userId: string): Promise<Outcome<{ userId: string }>> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const member = await reachStaffMember(trx, actor, userId, 'staff.invited');
    if (!member) return notFound;
    const refusal = inviteRefusal({ active: member.active, hasPassword: Boolean(member.has_password), agencyMembership: member.agency_membership });
    if (refusal) return conflict(refusal);
    const sent = await sendInvitation(trx, auditActor(actor), { partnershipId: member.partnership_id, userId: member.id, email: member.email }, { now, publicUrl: deps.publicUrl, resent: true });
    if (!sent) return conflict('They have been sent five invitations in the last 24 hours. Wait before sending another.');
    return ok({ userId: member.id });
  });
}
