// Record a pre-employment check (Wirral 2022 App. 2 s.7.1) or information-sharing training
// (Southampton 2010 s.18 items 5, 20; Sandwell 2022 s.10.1) for a member of staff, with the date it
// was completed and when it expires. Each record is kept; the latest of each kind counts.
import { randomUUID } from 'node:crypto';
import { insertStaffCheck } from '../../db/queries/staff.ts';
import { staffCheckSchema } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { reachStaffMember } from './_staff.ts';

export async function recordStaffCheck(deps: Deps, actor: Actor, userId: string, input: unknown): Promise<Outcome<{ checkId: string }>> {
  const parsed = staffCheckSchema.safeParse(input);
  return deps.db.transaction().execute(async (trx) => {
    const member = await reachStaffMember(trx, actor, userId, 'staff-check.recorded');
    if (!member) return notFound;
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const c = parsed.data;
    const checkId = randomUUID();
    await insertStaffCheck(trx, {
      partnership_id: actor.partnershipId,
      id: checkId,
      user_id: member.id,
      kind: c.kind,
      completed_on: c.completedOn,
      expires_on: c.expiresOn,
      note: c.note,
      recorded_by: actor.userId,
      recorded_at: deps.now(),
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'staff-check.recorded',
      subjectType: 'staff_user',
      subjectId: member.id,
      details: { kind: c.kind, completedOn: c.completedOn, expiresOn: c.expiresOn },
    });
    return ok({ checkId });
  });
}
