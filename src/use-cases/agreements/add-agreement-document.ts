// Record a document of an agreement: the signed agreement, an agency's summary security document
// (Haringey 2006 s.7.2 "attached as an appendix to the protocol"), a privacy impact assessment, a
// local procedure. Concord records what the document is and where it is held, not its contents.
// The partnership manager records any; a party's nominated officer records its own agency's.
import { randomUUID } from 'node:crypto';
import { insertAgreementDocument } from '../../db/queries/agreements.ts';
import { addDocumentSchema, canManageAgreements, canSignFor } from '../../domain/agreements.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { agreementFor, packOf } from './_agreements.ts';

export async function addAgreementDocument(deps: Deps, actor: Actor, agreementId: string, input: unknown): Promise<Outcome<{ documentId: string }>> {
  const parsed = addDocumentSchema.safeParse(input ?? {});
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.document-added');
    if (!agreement) return notFound;
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const d = parsed.data;
    if (d.agencyId && !agreement.party_agency_ids.includes(d.agencyId)) return invalid([{ path: 'agencyId', message: 'Select an agency that is party to this agreement' }]);
    const allowed = canManageAgreements(actor) || (d.agencyId !== undefined && canSignFor(actor, packOf(deps, agreement), d.agencyId));
    if (!allowed) return invalid([{ path: 'agencyId', message: 'You can record documents for your own agency, as its nominated officer' }]);
    const id = randomUUID();
    await insertAgreementDocument(trx, {
      partnership_id: actor.partnershipId,
      id,
      agreement_id: agreement.id,
      agency_id: d.agencyId ?? null,
      kind: d.kind,
      title: d.title,
      reference: d.reference,
      added_by: actor.userId,
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'agreement.document-added',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { documentId: id, kind: d.kind, agencyId: d.agencyId ?? null },
    });
    return ok({ documentId: id });
  });
}
