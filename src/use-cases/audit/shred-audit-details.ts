// Crypto-shred the details of audit events (for example search criteria naming a child, once the
// partnership's retention period for them has passed): delete each event's secret salt and replace
// its details with a marker. The leaf committed only to H(salt || details), so the tree — and every
// checkpoint and proof — stays verifiable from the stored commitment, while the details can no
// longer be read or confirmed by guessing. Only information-governance leads may do this; it is
// itself audited, naming the events (not their contents).
import { lockSequencer, shredEventDetails } from '../../db/queries/audit-log.ts';
import { SHREDDED_DETAILS_JSON } from '../../domain/audit-leaf.ts';
import { type Actor, hasRole } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';

export async function shredAuditDetails(deps: Deps, actor: Actor, input: { eventIds: string[]; reason: string }): Promise<Outcome<{ shredded: number }>> {
  if (!hasRole(actor, 'ig_lead')) return notFound;
  const ids = [...new Set(input.eventIds)];
  const reason = input.reason.trim();
  const errors = [];
  if (ids.length === 0 || ids.length > 10_000 || !ids.every((id) => /^[1-9]\d{0,18}$/.test(id))) errors.push({ path: 'eventIds', message: 'Give between 1 and 10,000 event ids' });
  if (reason.length < 5 || reason.length > 500) errors.push({ path: 'reason', message: 'Give the reason (for example the retention rule), in 5 to 500 characters' });
  if (errors.length) return invalid(errors);
  return deps.db.transaction().execute(async (trx) => {
    // Never between the sequencer reading an event and storing its salt.
    await lockSequencer(trx);
    const shredded = await shredEventDetails(trx, actor.partnershipId, ids, SHREDDED_DETAILS_JSON);
    await appendAudit(trx, auditActor(actor), { action: 'audit-details.shredded', subjectType: 'audit-event', details: { eventIds: ids, reason, shredded } });
    return ok({ shredded });
  });
}
