// A receiving agency acknowledges a correction of information it holds, so the originator knows
// the correction has been taken into its records.
import { canOpenDisclosure } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { isUuid } from '../kernel/gateway.ts';
import type { Deps } from '../kernel/deps.ts';
import { disclosureFor } from '../disclosures/_payload.ts';
import { conflict, notFound, ok, type Outcome } from '../kernel/outcome.ts';

export async function acknowledgeCorrection(deps: Deps, actor: Actor, disclosureId: string, correctionId: string): Promise<Outcome<{ acknowledgedAt: Date }>> {
  return deps.db.transaction().execute(async (trx) => {
    const d = await disclosureFor(trx, actor, disclosureId, 'correction.acknowledged', (p) => canOpenDisclosure(actor, p));
    if (!d) return notFound;
    const delivery = isUuid(correctionId)
      ? await trx
          .selectFrom('correction_delivery')
          .select(['acknowledged_at'])
          .where('partnership_id', '=', actor.partnershipId)
          .where('correction_id', '=', correctionId)
          .where('agency_id', '=', actor.agencyId)
          .where('disclosure_id', '=', d.id)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!delivery) return notFound;
    if (delivery.acknowledged_at) return conflict('This correction has already been acknowledged.');
    const now = deps.now();
    await trx
      .updateTable('correction_delivery')
      .set({ acknowledged_by: actor.userId, acknowledged_at: now })
      .where('partnership_id', '=', actor.partnershipId)
      .where('correction_id', '=', correctionId)
      .where('agency_id', '=', actor.agencyId)
      .where('disclosure_id', '=', d.id)
      .execute();
    await appendAudit(trx, auditActor(actor), { action: 'correction.acknowledged', subjectType: 'correction', subjectId: correctionId, childId: d.child_id, details: { disclosureId: d.id } });
    return ok({ acknowledgedAt: now });
  });
}
