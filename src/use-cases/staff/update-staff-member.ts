// An administrator changes a staff member's details and roles. A change of e-mail address or roles
// ends the person's sessions and API keys in the same transaction (_credentials.ts), so the new
// roles apply from their next sign-in and nothing issued under the old ones keeps working.
import { emailInUse, updateStaffUser } from '../../db/queries/staff.ts';
import { changesCredentials, roleAssignmentError, staffDetailsSchema } from '../../domain/people.ts';
import { type Actor, ROLES, type Role } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { revokeCredentials } from '../kernel/credentials.ts';
import type { Deps } from '../kernel/deps.ts';
import { fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { reachStaffMember } from './_staff.ts';

export interface UpdateStaffInput {
  email?: unknown;
  displayName?: unknown;
  jobTitle?: unknown;
  roles?: unknown;
}

export async function updateStaffMember(deps: Deps, actor: Actor, userId: string, input: UpdateStaffInput): Promise<Outcome<{ userId: string; revoked: boolean }>> {
  const parsed = staffDetailsSchema.safeParse({ email: input.email, displayName: input.displayName, jobTitle: input.jobTitle ?? undefined, roles: input.roles });
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const member = await reachStaffMember(trx, actor, userId, 'staff.updated');
    if (!member) return notFound;
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const d = parsed.data;
    const errors = [];
    const roleError = roleAssignmentError(actor, d.roles, member.roles);
    if (roleError) errors.push({ path: 'roles', message: roleError });
    // An administrator cannot take away a role they could not give (a partnership manager's).
    const kept = member.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r) && !d.roles.includes(r as Role));
    const removedError = kept.length ? roleAssignmentError(actor, kept) : undefined;
    if (removedError) errors.push({ path: 'roles', message: removedError.replace('give', 'take away') });
    if (member.id === actor.userId && member.roles.some((r) => (r === 'administrator' || r === 'partnership_manager') && !d.roles.includes(r))) {
      errors.push({ path: 'roles', message: 'You cannot remove your own administration role: ask another administrator' });
    }
    if (d.email !== member.email.toLowerCase() && (await emailInUse(trx, actor.partnershipId, d.email, member.id)))
      errors.push({ path: 'email', message: 'Someone in this partnership already has this email address' });
    if (errors.length) return invalid(errors);
    const revoke = changesCredentials({ email: member.email, roles: member.roles }, d);
    await updateStaffUser(trx, actor.partnershipId, member.id, {
      email: d.email,
      display_name: d.displayName,
      job_title: d.jobTitle,
      roles: d.roles,
      ...(revoke ? { credentials_changed_at: now } : {}),
    });
    const revoked = revoke ? await revokeCredentials(trx, actor.partnershipId, member.id, now) : undefined;
    await appendAudit(trx, auditActor(actor), {
      action: 'staff.updated',
      subjectType: 'staff_user',
      subjectId: member.id,
      details: { rolesBefore: member.roles, rolesAfter: d.roles, emailChanged: d.email !== member.email.toLowerCase(), ...(revoked ? { revoked } : {}) },
    });
    return ok({ userId: member.id, revoked: revoke });
  });
}
