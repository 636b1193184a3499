// Switch the signed-in person to their account in another partnership (ADR 0076): only one the
// password opened at sign-in, re-checked now (active, in an agency still in its partnership).
// Audited in both partnerships, in one transaction; a refused switch is audited as denied.
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { accountsToSwitchTo, type PartnershipAccount } from './_partnerships.ts';

export interface SwitchInput {
  email: string;
  /** The partnerships whose accounts the password opened at sign-in. */
  opened: readonly string[];
  partnershipId: string;
}

export async function switchPartnership(deps: Deps, actor: Actor, input: SwitchInput): Promise<Outcome<PartnershipAccount>> {
  return deps.db.transaction().execute(async (trx) => {
    const target = (await accountsToSwitchTo(trx, input.email, input.opened, actor.partnershipId)).find((a) => a.partnershipId === input.partnershipId);
    if (!target) {
      if (input.partnershipId !== '') {
        await appendAudit(trx, auditActor(actor), {
          action: 'user.partnership-switch-refused',
          outcome: 'denied',
          subjectType: 'staff_user',
          subjectId: actor.userId,
          details: { reason: 'not_a_member' },
        });
      }
      return invalid([{ path: 'partnershipId', message: 'Select a partnership you work in' }]);
    }
    await appendAudit(trx, auditActor(actor), {
      action: 'user.partnership-switched',
      subjectType: 'staff_user',
      subjectId: actor.userId,
      details: { direction: 'left', partnershipId: target.partnershipId },
    });
    await appendAudit(
      trx,
      { partnershipId: target.partnershipId, userId: target.userId, agencyId: target.agencyId, via: actor.via, correlationId: actor.correlationId },
      { action: 'user.partnership-switched', subjectType: 'staff_user', subjectId: target.userId, details: { direction: 'arrived', partnershipId: actor.partnershipId } },
    );
    return ok(target);
  });
}
