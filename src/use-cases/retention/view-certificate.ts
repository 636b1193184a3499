// A certificate of disposal: what kind of record, how many, when, under which rule and by whose
// approval. For its agency's IG lead; anyone else: not found (audited).
import type { CertificateRow } from '../../db/queries/retention.ts';
import { canReviewDisposal } from '../../domain/retention.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DISPOSAL_CERTIFICATE, reach } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';

export async function viewCertificate(deps: Deps, actor: Actor, certificateId: string): Promise<Outcome<CertificateRow>> {
  return deps.db.transaction().execute(async (trx) => {
    const c = await reach(trx, actor, DISPOSAL_CERTIFICATE, certificateId, 'disposal-certificate.viewed', (row) => canReviewDisposal(actor, { agencyId: row.agency_id }));
    if (!c) return notFound;
    await appendAudit(trx, auditActor(actor), { action: 'disposal-certificate.viewed', subjectType: 'disposal-certificate', subjectId: c.id });
    return ok(c);
  });
}
