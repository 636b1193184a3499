// A recipient returns or refuses a disclosure: sent by mistake, about a different child, or not
// expected (Wirral 2022 App. 2 s.3.7: the front door may refuse information gathered or shared
// improperly; App. 2 s.5.8: the agency that has it tells the owner at once). The recipient's copy
// is destroyed with its data key, an incident is opened on the breach register — led by the owner
// of the information or the agency in breach, as the pack says — and the sender is told.
import { z } from 'zod';
import { disclosureParties, markDisclosureReturned } from '../../db/queries/breaches.ts';
import { RETURN_REASONS, returnReasonLabels } from '../../domain/breaches.ts';
import { canOpenDisclosure, disclosureLifecycle } from '../../domain/disclosures.ts';
import { optionalText } from '../../domain/fields.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { openBreach } from '../kernel/breaches.ts';
import type { Deps } from '../kernel/deps.ts';
import { DISCLOSURE, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';

export const returnDisclosureSchema = z
  .object({
    reason: z.enum(RETURN_REASONS, { error: 'Select why you are returning the information' }),
    note: optionalText(),
  })
  .strict();

export async function returnDisclosure(deps: Deps, actor: Actor, disclosureId: string, input: unknown): Promise<Outcome<{ breachId: string }>> {
  return deps.db.transaction().execute(async (trx) => {
    const d = await reach(trx, actor, DISCLOSURE, disclosureId, 'disclosure.returned', (row) => canOpenDisclosure(actor, row.parties));
    if (!d) return notFound;
    const parsed = returnDisclosureSchema.safeParse(input ?? {});
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    // Locks the row: only information still held (sent or opened) can be returned, once.
    if (!(await markDisclosureReturned(trx, actor.partnershipId, d.id, disclosureLifecycle.transitions.return.from))) {
      return conflict('This information can no longer be returned: it has been returned, withdrawn or has expired.');
    }
    const now = deps.now();
    const [involved] = await disclosureParties(trx, actor.partnershipId, [d.id]);
    const { reason, note } = parsed.data;
    const opened = await openBreach(deps, trx, actor, {
      kind: 'returned_disclosure',
      narrative: { what: `Information received and returned: ${returnReasonLabels[reason]}.`, how: note ?? 'Returned by the receiving agency through Concord.' },
      identifiedAt: now,
      occurredAt: d.sent_at,
      childIds: [],
      disclosures: [involved!],
      details: { returnedDisclosure: d.id, reason },
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'disclosure.returned',
      subjectType: 'disclosure',
      subjectId: d.id,
      childId: d.child_id,
      details: { reason, shredded: true, breachId: opened.breachId },
    });
    await notify(trx, now, actor.partnershipId, 'disclosure.returned', `/disclosures/${d.id}`, { userIds: [d.from_user_id] }, actor.userId);
    return ok({ breachId: opened.breachId });
  });
}
