// An administrator disables a member of staff (they have left, or must not use Concord for now), or
// enables them again. Disabling ends their sessions and API keys in the same transaction; the
// account and everything they did stay, for the audit trail.
import { setStaffUserActive } from '../../db/queries/staff.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { revokeCredentials } from '../kernel/credentials.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { reachStaffMember } from './_staff.ts';

export async function setStaffMemberEnabled(deps: Deps, actor: Actor, userId: string, enabled: boolean): Promise<Outcome<{ userId: string }>> {
  const action = enabled ? 'staff.enabled' : 'staff.disabled';
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const member = await reachStaffMember(trx, actor, userId, action);
    if (!member) return notFound;
    if (!enabled && member.id === actor.userId) return conflict('You cannot disable your own account: ask another administrator.');
    if (member.active === enabled) return conflict(enabled ? 'This account is already enabled.' : 'This account is already disabled.');
    await setStaffUserActive(trx, actor.partnershipId, member.id, enabled, now);
    // Enabling again issues nothing: the person signs in afresh. Both end whatever is left.
    const revoked = await revokeCredentials(trx, actor.partnershipId, member.id, now);
    await appendAudit(trx, auditActor(actor), { action, subjectType: 'staff_user', subjectId: member.id, details: { revoked } });
    return ok({ userId: member.id });
  });
}
