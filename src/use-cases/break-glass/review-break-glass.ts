// The child's lead agency reviews break-glass access afterwards: appropriate, or not appropriate
// with a note — which may open a breach report in the breach register (ADR 0050).
import { updateBreakGlass } from '../../db/queries/break-glass.ts';
import { breakGlassReviewSchema, canReviewBreakGlass } from '../../domain/break-glass.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { openBreach } from '../kernel/breaches.ts';
import type { Deps } from '../kernel/deps.ts';
import { BREAK_GLASS, reach } from '../kernel/gateway.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs, unsealAs } from '../kernel/sealed.ts';

export async function reviewBreakGlass(deps: Deps, actor: Actor, id: string, input: Record<string, unknown>): Promise<Outcome<{ breachId: string | null }>> {
  const parsed = breakGlassReviewSchema.safeParse(input);
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, BREAK_GLASS, id, 'break-glass.reviewed', (r) => canReviewBreakGlass(actor, r.lead_agency_ids));
    if (!row) return notFound;
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    if (row.status !== 'granted') return conflict('Only access that was given can be reviewed.');
    if (row.review_outcome) return conflict('This access has already been reviewed.');
    const { outcome, note, reportBreach } = parsed.data;
    const now = deps.now();
    const sealed = unsealAs(deps.keyring, 'break-glass', row.id, row.sealed);
    let breachId: string | null = null;
    if (reportBreach) {
      const opened = await openBreach(deps, trx, actor, {
        kind: 'reported',
        narrative: { what: 'Emergency (break-glass) access to a child’s record was reviewed as not appropriate.', how: note ?? '' },
        identifiedAt: now,
        occurredAt: row.decided_at,
        childIds: [row.child_id],
        disclosures: [],
        details: { breakGlassId: row.id },
      });
      breachId = opened.breachId;
    }
    await updateBreakGlass(trx, actor.partnershipId, row.id, {
      review_outcome: outcome,
      reviewed_by: actor.userId,
      reviewed_at: now,
      breach_id: breachId,
      sealed: JSON.stringify(sealAs(deps.keyring, 'break-glass', row.id, { reason: sealed.reason, reviewNote: note })),
    });
    await appendAudit(trx, auditActor(actor), { action: 'break-glass.reviewed', subjectType: 'break-glass', subjectId: row.id, childId: row.child_id, details: { outcome, breachId } });
    return ok({ breachId });
  });
}
