// An administrator adds a member of staff to an agency they administer, with their roles. The
// account has no password: the person is invited by e-mail to set one (`invite`, in the same
// transaction; ADR 0084), or signs in through their agency's single sign-on. Wirral 2022 App. 2 s.4.3, s.5.1; Sandwell 2022 App. 1; Haringey 2006 s.8.3.
import { randomUUID } from 'node:crypto';
import { findAgencyMembership, insertStaffUser } from '../../db/queries/partnerships.ts';
import { emailInUse } from '../../db/queries/staff.ts';
import { canAdministerStaffOf, isStaffAdministrator, roleAssignmentError, staffDetailsSchema } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { sendInvitation } from '../kernel/invitations.ts';
import { fieldErrors, forbidden, invalid, type Outcome, ok } from '../kernel/outcome.ts';

export interface AddStaffInput {
  agencyId?: unknown;
  email?: unknown;
  displayName?: unknown;
  jobTitle?: unknown;
  roles?: unknown;
  /** Send the invitation e-mail now. */
  invite?: unknown;
}

export async function addStaffMember(deps: Deps, actor: Actor, input: AddStaffInput): Promise<Outcome<{ userId: string; invited: boolean }>> {
  if (!isStaffAdministrator(actor)) return forbidden('Only administrators and the partnership manager add staff.');
  const agencyId = typeof input.agencyId === 'string' && input.agencyId ? input.agencyId : actor.agencyId;
  const parsed = staffDetailsSchema.safeParse({ email: input.email, displayName: input.displayName, jobTitle: input.jobTitle ?? undefined, roles: input.roles });
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues);
  if (!isUuid(agencyId) || !canAdministerStaffOf(actor, agencyId)) errors.push({ path: 'agencyId', message: 'Select an agency whose staff you manage' });
  const roleError = parsed.success ? roleAssignmentError(actor, parsed.data.roles) : undefined;
  if (roleError) errors.push({ path: 'roles', message: roleError });
  if (errors.length || !parsed.success) return invalid(errors);
  const d = parsed.data;
  const now = deps.now();

  return deps.db.transaction().execute(async (trx) => {
    const agency = await findAgencyMembership(trx, actor.partnershipId, agencyId);
    if (!agency) return invalid([{ path: 'agencyId', message: 'Select an agency whose staff you manage' }]);
    if (agency.membership === 'left') return invalid([{ path: 'agencyId', message: `${agency.name} has left the partnership: staff cannot be added to it` }]);
    if (await emailInUse(trx, actor.partnershipId, d.email)) return invalid([{ path: 'email', message: 'Someone in this partnership already has this email address' }]);
    const userId = randomUUID();
    await insertStaffUser(trx, {
      partnership_id: actor.partnershipId,
      id: userId,
      agency_id: agencyId,
      email: d.email,
      display_name: d.displayName,
      job_title: d.jobTitle,
      roles: d.roles,
      password_hash: null,
      created_at: now,
    });
    await appendAudit(trx, auditActor(actor), { action: 'staff.added', subjectType: 'staff_user', subjectId: userId, details: { agencyId, roles: d.roles } });
    // A suspended agency's staff cannot sign in, so they are invited once it is reinstated.
    const invited =
      input.invite === true && agency.membership === 'member'
        ? await sendInvitation(trx, auditActor(actor), { partnershipId: actor.partnershipId, userId, email: d.email }, { now, publicUrl: deps.publicUrl })
        : false;
    return ok({ userId, invited });
  });
}
