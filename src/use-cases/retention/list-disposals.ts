// An agency's disposition review: records whose retention has ended, awaiting its IG lead; those
// approved, deferred or on legal hold; recent tombstones; its certificates of disposal; and copies
// of information it sent that recipients have disposed of under their own schedule (the originator
// sees that they did — Southampton 2010 s.8). IG leads only; listing is audited. Nothing here
// holds personal data: kinds, ids, dates, rules.
import { certificatesForAgency, disposedByRecipients, type ReviewRow, reviewsForAgency } from '../../db/queries/retention.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';

export interface DisposalsView {
  pending: ReviewRow[];
  approved: ReviewRow[];
  deferred: ReviewRow[];
  held: ReviewRow[];
  disposed: ReviewRow[];
  certificates: Awaited<ReturnType<typeof certificatesForAgency>>;
  disposedByRecipients: Awaited<ReturnType<typeof disposedByRecipients>>;
}

export async function listDisposals(deps: Deps, actor: Actor): Promise<Outcome<DisposalsView>> {
  if (!actor.roles.includes('ig_lead')) return notFound;
  return deps.db.transaction().execute(async (trx) => {
    const rows = await reviewsForAgency(trx, actor.partnershipId, actor.agencyId, ['pending', 'approved', 'deferred', 'held']);
    const disposed = await reviewsForAgency(trx, actor.partnershipId, actor.agencyId, ['disposed'], 100);
    const view: DisposalsView = {
      pending: rows.filter((r) => r.status === 'pending'),
      approved: rows.filter((r) => r.status === 'approved'),
      deferred: rows.filter((r) => r.status === 'deferred'),
      held: rows.filter((r) => r.status === 'held'),
      disposed,
      certificates: await certificatesForAgency(trx, actor.partnershipId, actor.agencyId),
      disposedByRecipients: await disposedByRecipients(trx, actor.partnershipId, actor.agencyId),
    };
    await appendAudit(trx, auditActor(actor), { action: 'disposal.review-listed', subjectType: 'disposal-review', details: { pending: view.pending.length, held: view.held.length } });
    return ok(view);
  });
}
