// The partnership manager suspends an agency, reinstates it, or records that it has left the
// partnership. A suspended or departed agency can no longer be sent information (sendBlockers in
// src/domain/disclosures.ts names the reason); leaving is final: its staff are disabled and their
// sessions and API keys end with it.
import { z } from 'zod';
import { setAgencyMembership } from '../../db/queries/partnerships.ts';
import { listStaffUsers, setStaffUserActive } from '../../db/queries/staff.ts';
import { hasControlCharacter } from '../../domain/input.ts';
import { canManageAgencies, type Membership, type MembershipChange, membershipAfter, membershipLabels } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { revokeCredentials } from '../kernel/credentials.ts';
import type { Deps } from '../kernel/deps.ts';
import { AGENCY, reach } from '../kernel/gateway.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';

export const reasonSchema = z
  .string({ error: 'Enter the reason' })
  .trim()
  .min(1, 'Enter the reason, for example the decision of the partnership board')
  .max(500, 'The reason must be 500 characters or fewer')
  .refine((v) => !hasControlCharacter(v), 'The reason contains a character that is not allowed');

export async function changeAgencyMembership(deps: Deps, actor: Actor, agencyId: string, change: MembershipChange, input: { reason?: unknown }): Promise<Outcome<{ membership: Membership }>> {
  const reason = change === 'reinstate' ? { success: true as const, data: null } : reasonSchema.safeParse(input.reason);
  const action = `agency.${change === 'suspend' ? 'suspended' : change === 'reinstate' ? 'reinstated' : 'left'}`;
  return deps.db.transaction().execute(async (trx) => {
    const agency = await reach(trx, actor, AGENCY, agencyId, action, () => canManageAgencies(actor));
    if (!agency) return notFound;
    if (!reason.success) return invalid(fieldErrors(reason.error.issues).map((e) => ({ ...e, path: 'reason' })));
    if (agency.id === actor.agencyId && change !== 'reinstate') return conflict('You cannot suspend or remove your own agency.');
    const to = membershipAfter(agency.membership as Membership, change);
    if (!to)
      return conflict(
        `${agency.name} is ${membershipLabels[agency.membership as Membership].toLowerCase()}: it cannot be ${change === 'leave' ? 'recorded as leaving' : change === 'suspend' ? 'suspended' : 'reinstated'}.`,
      );
    const now = deps.now();
    await setAgencyMembership(trx, actor.partnershipId, agency.id, to, reason.data, now);
    let revoked = 0;
    if (to === 'left') {
      // Nobody works in the partnership for an agency that has left it: its staff are disabled.
      for (const s of await listStaffUsers(trx, actor.partnershipId, agency.id)) {
        if (s.active) await setStaffUserActive(trx, actor.partnershipId, s.id, false, now);
        const r = await revokeCredentials(trx, actor.partnershipId, s.id, now);
        revoked += r.sessions + r.apiKeys;
      }
    }
    await appendAudit(trx, auditActor(actor), {
      action,
      subjectType: 'agency',
      subjectId: agency.id,
      details: { from: agency.membership, to, ...(to === 'left' ? { credentialsRevoked: revoked } : {}) },
    });
    return ok({ membership: to });
  });
}
