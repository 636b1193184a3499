// The sender recalls information that has not been opened yet. Its data key is destroyed, so the
// payload can never be read again; the addressed agency is told it was withdrawn.
import { lockDisclosureStatus, revokeAndShred } from '../../db/queries/disclosures.ts';
import { type DisclosureStatus, disclosureTransition, isSenderSide } from '../../domain/disclosures.ts';
import { noteError } from '../../domain/exchange.ts';
import { type Actor, AGENCY_LEAD_ROLES } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DISCLOSURE, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';

export async function revokeDisclosure(deps: Deps, actor: Actor, disclosureId: string, input: { reason?: string | null } = {}): Promise<Outcome<{ revokedAt: Date }>> {
  const reason = input.reason?.trim() || null;
  return deps.db.transaction().execute(async (trx) => {
    const d = await reach(trx, actor, DISCLOSURE, disclosureId, 'disclosure.revoked', (r) => isSenderSide(actor, r.parties));
    if (!d) return notFound;
    // Lock and re-read the status: an opening may be committing at the same moment.
    const status = (await lockDisclosureStatus(trx, actor.partnershipId, d.id)) as DisclosureStatus;
    if (!disclosureTransition(status, 'revoke')) {
      return conflict(
        status === 'opened' ? 'The information has already been opened, so it cannot be recalled. Contact the recipient, or report a correction.' : 'The information can no longer be recalled.',
      );
    }
    const errors = noteError(reason, false, 'reason');
    if (errors.length) return invalid(errors);
    const now = deps.now();
    await revokeAndShred(trx, actor.partnershipId, d.id, now);
    await appendAudit(trx, auditActor(actor), {
      action: 'disclosure.revoked',
      subjectType: 'disclosure',
      subjectId: d.id,
      childId: d.child_id,
      details: { shredded: true, reasonGiven: reason !== null },
    });
    await notify(trx, now, actor.partnershipId, 'disclosure.revoked', `/disclosures/${d.id}`, {
      userIds: d.to_user_id ? [d.to_user_id] : [],
      agency: { agencyId: d.to_agency_id, roles: AGENCY_LEAD_ROLES },
    });
    return ok({ revokedAt: now });
  });
}
