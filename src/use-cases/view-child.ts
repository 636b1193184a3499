// A child's record: details, family and carers, involved agencies and the chronology of
// sharing decisions. Reading it is audited in the same transaction.
import { familyOf, involvedAgencies, type ChildRow } from '../db/queries/children.ts';
import { decisionsForChild } from '../db/queries/decisions.ts';
import type { Actor } from '../domain/staff.ts';
import { auditActor } from './shared/actor.ts';
import { appendAudit } from './shared/audit.ts';
import { visibleChildOrAuditDenial } from './shared/child-access.ts';
import type { Deps } from './shared/deps.ts';
import { notFound, ok, type Outcome } from './shared/outcome.ts';

export interface ChildRecord {
  child: ChildRow;
  family: Awaited<ReturnType<typeof familyOf>>;
  agencies: Awaited<ReturnType<typeof involvedAgencies>>;
  decisions: {
    id: string;
    decidedAt: Date;
    decidedByName: string;
    agencyName: string;
    outcome: string;
    action: string;
    purpose: string;
    consent: string | null;
    recipient: string;
  }[];
}

export async function viewChild(deps: Deps, actor: Actor, childId: string): Promise<Outcome<ChildRecord>> {
  return deps.db.transaction().execute(async (trx) => {
    const child = await visibleChildOrAuditDenial(trx, actor, childId, 'child.viewed');
    if (!child) return notFound;
    const [family, agencies, decisions] = [
      await familyOf(trx, actor.partnershipId, child.id),
      await involvedAgencies(trx, actor.partnershipId, child.id),
      await decisionsForChild(trx, actor.partnershipId, child.id),
    ];
    await appendAudit(trx, auditActor(actor), { action: 'child.viewed', subjectType: 'child', subjectId: child.id, childId: child.id });
    return ok({
      child,
      family,
      agencies,
      decisions: decisions.map((d) => ({
        id: d.id,
        decidedAt: d.decided_at,
        decidedByName: d.decided_by_name,
        agencyName: d.agency_name,
        outcome: d.outcome,
        action: d.action,
        purpose: d.purpose,
        consent: d.consent,
        recipient: d.recipient_agency_name ?? d.recipient_other ?? '',
      })),
    });
  });
}
