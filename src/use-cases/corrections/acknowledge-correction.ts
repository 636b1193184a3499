// A receiving agency acknowledges a correction of information it holds, so the originator knows
// the correction has been taken into its records.
import { acknowledgeDelivery, lockDelivery } from '../../db/queries/corrections.ts';
import { canOpenDisclosure } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DISCLOSURE, isUuid, reach } from '../kernel/gateway.ts';
import { conflict, notFound, type Outcome, ok } from '../kernel/outcome.ts';

export async function acknowledgeCorrection(deps: Deps, actor: Actor, disclosureId: string, correctionId: string): Promise<Outcome<{ acknowledgedAt: Date }>> {
  return deps.db.transaction().execute(async (trx) => {
    const d = await reach(trx, actor, DISCLOSURE, disclosureId, 'correction.acknowledged', (r) => canOpenDisclosure(actor, r.parties));
    if (!d) return notFound;
    const delivery = isUuid(correctionId) ? await lockDelivery(trx, scopeOf(actor), correctionId, d.id) : undefined;
    if (!delivery) return notFound;
    if (delivery.acknowledged_at) return conflict('This correction has already been acknowledged.');
    const now = deps.now();
    await acknowledgeDelivery(trx, scopeOf(actor), correctionId, d.id, actor.userId, now);
    await appendAudit(trx, auditActor(actor), { action: 'correction.acknowledged', subjectType: 'correction', subjectId: correctionId, childId: d.child_id, details: { disclosureId: d.id } });
    return ok({ acknowledgedAt: now });
  });
}
