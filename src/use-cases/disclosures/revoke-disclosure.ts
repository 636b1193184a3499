// The sender recalls information that has not been opened yet. Its data key is destroyed, so the
// payload can never be read again; the addressed agency is told it was withdrawn.
import { disclosureTransition, isSenderSide, type DisclosureStatus } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { disclosureFor, shredDisclosureKey } from './_payload.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, notFound, ok, type Outcome } from '../kernel/outcome.ts';
import { noteError } from '../requests/_steps.ts';

export async function revokeDisclosure(deps: Deps, actor: Actor, disclosureId: string, input: { reason?: string | null } = {}): Promise<Outcome<{ revokedAt: Date }>> {
  const reason = input.reason?.trim() || null;
  return deps.db.transaction().execute(async (trx) => {
    const d = await disclosureFor(trx, actor, disclosureId, 'disclosure.revoked', (p) => isSenderSide(actor, p));
    if (!d) return notFound;
    // Lock and re-read the status: an opening may be committing at the same moment.
    const current = await trx.selectFrom('disclosure').select('status').where('partnership_id', '=', actor.partnershipId).where('id', '=', d.id).forUpdate().executeTakeFirstOrThrow();
    if (!disclosureTransition(current.status as DisclosureStatus, 'revoke')) {
      return conflict(current.status === 'opened' ? 'The information has already been opened, so it cannot be recalled. Contact the recipient, or report a correction.' : 'The information can no longer be recalled.');
    }
    const errors = noteError(reason, false, 'reason');
    if (errors.length) return { kind: 'invalid', errors };
    const now = deps.now();
    await trx.updateTable('disclosure').set({ status: 'revoked', revoked_at: now }).where('partnership_id', '=', actor.partnershipId).where('id', '=', d.id).execute();
    await shredDisclosureKey(trx, actor.partnershipId, d.id);
    await appendAudit(trx, auditActor(actor), { action: 'disclosure.revoked', subjectType: 'disclosure', subjectId: d.id, childId: d.child_id, details: { shredded: true, reasonGiven: reason !== null } });
    await notify(trx, now, actor.partnershipId, 'disclosure.revoked', `/disclosures/${d.id}`, { userIds: d.to_user_id ? [d.to_user_id] : [], agency: { agencyId: d.to_agency_id, roles: ['spoc', 'designated_safeguarding_lead'] } });
    return ok({ revokedAt: now });
  });
}
