// A consultation for the source agency's IG lead: which handling agency asks, by when, and the
// entries of the response that came from the source agency (only those: the rest is the handling
// agency's). Reading them unseals personal data, audited in the same transaction.
import type { ConsultationRow } from '../../db/queries/rights.ts';
import { canAnswerConsultation } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { RIGHTS_CONSULTATION, reach } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs } from '../kernel/sealed.ts';
import { type AccessEntry, readAccess } from './_access.ts';

export interface ConsultationView {
  consultation: Omit<ConsultationRow, 'sealed'>;
  reasons: string | null;
  entries: AccessEntry[];
}

export async function viewConsultation(deps: Deps, actor: Actor, consultationId: string): Promise<Outcome<ConsultationView>> {
  return deps.db.transaction().execute(async (trx) => {
    const c = await reach(trx, actor, RIGHTS_CONSULTATION, consultationId, 'rights-consultation.viewed', (c) => canAnswerConsultation(actor, { sourceAgencyId: c.source_agency_id }));
    if (!c?.child_id) return notFound;
    const access = await readAccess(deps, trx, { partnership_id: actor.partnershipId, agency_id: c.handling_agency_id, agency_name: c.handling_agency_name, child_id: c.child_id });
    const entries = access.entries.filter((e) => e.sourceAgencyId === actor.agencyId);
    await appendAudit(trx, auditActor(actor), {
      action: 'rights-consultation.viewed',
      subjectType: 'rights-consultation',
      subjectId: c.id,
      childId: c.child_id,
      details: { requestId: c.request_id, entries: entries.length },
    });
    const { sealed, ...consultation } = c;
    return ok({ consultation, reasons: sealed ? unsealAs(deps.keyring, 'rights-consultation', c.id, sealed).reasons : null, entries });
  });
}
