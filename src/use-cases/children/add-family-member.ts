// Record a family member or carer of a child, with whether they hold parental responsibility
// (who may consent for a child who is not competent: Derby 2015 s.3; Sandwell 2022 App. 2).
import { randomUUID } from 'node:crypto';
import { insertFamilyMember } from '../../db/queries/children.ts';
import { familyMemberSchema } from '../../domain/children.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { reachChild } from '../kernel/gateway.ts';
import { fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';

export async function addFamilyMember(deps: Deps, actor: Actor, childId: string, input: unknown): Promise<Outcome<{ familyMemberId: string }>> {
  return deps.db.transaction().execute(async (trx) => {
    const child = await reachChild(trx, actor, childId, 'family-member.created');
    if (!child) return notFound;
    const parsed = familyMemberSchema.safeParse(input);
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const f = parsed.data;
    const id = randomUUID();
    await insertFamilyMember(trx, {
      partnership_id: actor.partnershipId,
      id,
      child_id: child.id,
      given_name: f.givenName,
      family_name: f.familyName,
      relationship: f.relationship,
      parental_responsibility: f.parentalResponsibility,
      is_carer: f.isCarer,
      lives_with_child: f.livesWithChild,
      date_of_birth: f.dateOfBirth,
      address: f.address,
      postcode: f.postcode,
      phone: f.phone,
      created_by: actor.userId,
      created_at: deps.now(),
    });
    await appendAudit(trx, auditActor(actor), { action: 'family-member.created', subjectType: 'family_member', subjectId: id, childId: child.id });
    return ok({ familyMemberId: id });
  });
}
