// The handling agency's IG lead withholds an entry of an access response, item by item, with the
// reason that goes on the schedule (third-party information, serious harm, crime prevention).
// Information another agency supplied is withheld only once that agency has been consulted —
// answered, or its deadline passed (Sandwell 2022 s.11.1).
import { consultationsFor, withholdItem as withholdItemRow } from '../../db/queries/rights.ts';
import { withholdError, withholdSchema } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';
import { readAccess } from './_access.ts';
import { rightsRequestFor } from './_steps.ts';

export async function withholdItem(deps: Deps, actor: Actor, requestId: string, input: unknown): Promise<Outcome<{ itemRef: string }>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await rightsRequestFor(trx, actor, requestId, 'rights-request.item-withheld');
    if (!row) return notFound;
    if (row.kind !== 'access' || !row.child_id) return conflict('Only an access response has items to withhold.');
    if (row.status !== 'open') return conflict('Items can be withheld only while the request is open.');
    const parsed = withholdSchema.safeParse(input ?? {});
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const v = parsed.data;
    const now = deps.now();
    const access = await readAccess(deps, trx, { ...row, child_id: row.child_id });
    const entry = access.entries.find((e) => e.ref === v.itemRef);
    if (!entry) return invalid([{ path: 'itemRef', message: 'Select an item in this response' }]);
    const consultations = (await consultationsFor(trx, row.partnership_id, row.id)).map((c) => ({ sourceAgencyId: c.source_agency_id, answeredAt: c.answered_at, dueAt: c.due_at }));
    const error = withholdError({ ref: entry.ref, sourceAgencyId: entry.sourceAgencyId }, row.agency_id, consultations, now);
    if (error) return conflict(error);
    await withholdItemRow(trx, {
      partnership_id: row.partnership_id,
      request_id: row.id,
      item_ref: entry.ref,
      reason: v.reason,
      source_agency_id: entry.sourceAgencyId === row.agency_id ? null : entry.sourceAgencyId,
      withheld_by: actor.userId,
      withheld_at: now,
      sealed: JSON.stringify(sealAs(deps.keyring, 'rights-withheld', `${row.id}:${entry.ref}`, { note: v.note })),
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'rights-request.item-withheld',
      subjectType: 'rights-request',
      subjectId: row.id,
      childId: row.child_id,
      details: { itemRef: entry.ref, reason: v.reason, sourceAgencyId: entry.sourceAgencyId },
    });
    return ok({ itemRef: entry.ref });
  });
}
