// The holder answers a request for a document (Haringey 2006 s.7.4): it provides it — recorded as a
// document of the agreement, as every agreement document is (what it is and where it is held) — or
// declines, with its reason. Only the holder's nominated officer answers, once (ADR 0089). The
// agency that asked is told.
import { randomUUID } from 'node:crypto';
import { insertAgreementDocument, lockDocumentRequest, answerDocumentRequest as writeAnswer } from '../../db/queries/agreements.ts';
import { answerDocumentRequestSchema } from '../../domain/agreement-changes.ts';
import { canSignFor, signingRoles } from '../../domain/agreements.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { auditRefusal, isUuid } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { agreementFor, packOf } from './_agreements.ts';

export async function answerDocumentRequest(
  deps: Deps,
  actor: Actor,
  agreementId: string,
  requestId: string,
  input: unknown,
): Promise<Outcome<{ status: 'provided' | 'declined'; documentId: string | null }>> {
  const parsed = answerDocumentRequestSchema.safeParse(input ?? {});
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.document-request-answered');
    if (!agreement) return notFound;
    const pack = packOf(deps, agreement);
    const r = isUuid(requestId) ? await lockDocumentRequest(trx, actor.partnershipId, agreement.id, requestId) : undefined;
    if (!r || !canSignFor(actor, pack, r.holder_agency_id)) {
      await auditRefusal(trx, actor, 'agreement-document-request', 'agreement.document-request-answered', requestId, r ? null : undefined);
      return notFound;
    }
    if (r.status !== 'open') return conflict('This request has already been answered.');
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const a = parsed.data;
    const now = deps.now();
    let documentId: string | null = null;
    if (a.answer === 'provide') {
      documentId = randomUUID();
      await insertAgreementDocument(trx, {
        partnership_id: actor.partnershipId,
        id: documentId,
        agreement_id: agreement.id,
        agency_id: r.holder_agency_id,
        kind: r.kind,
        title: a.title,
        reference: a.reference,
        added_by: actor.userId,
      });
    }
    const status = a.answer === 'provide' ? 'provided' : 'declined';
    await writeAnswer(trx, actor.partnershipId, r.id, { status, answeredBy: actor.userId, answeredAt: now, declineReason: a.answer === 'decline' ? a.reason : null, documentId });
    await appendAudit(trx, auditActor(actor), {
      action: 'agreement.document-request-answered',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { documentRequestId: r.id, status, documentId, holderAgencyId: r.holder_agency_id, requestingAgencyId: r.requesting_agency_id },
    });
    const link = `/partnership/agreements/${agreement.id}/document-requests/${r.id}`;
    await notify(trx, now, actor.partnershipId, 'agreement.document-answered', link, { agency: { agencyId: r.requesting_agency_id, roles: signingRoles(pack) } }, actor.userId);
    return ok({ status, documentId });
  });
}
