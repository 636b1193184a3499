// Open a request for a document and the document provided under it (Haringey 2006 s.7.4): the
// nominated officers of the two agencies and the partnership manager may; anyone else is answered
// "not found" and the attempt audited. Every opening is audited (ADR 0089).
import { documentRequests } from '../../db/queries/agreements.ts';
import { canOpenDocumentRequest, type DocumentRequestStatus, documentRequestState } from '../../domain/agreement-changes.ts';
import { canSignFor } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { auditRefusal } from '../kernel/gateway.ts';
import { readNotificationsAbout } from '../kernel/notify.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { agreementFor, packOf } from './_agreements.ts';

export interface DocumentRequestView {
  agreement: { id: string; title: string };
  id: string;
  requestingAgency: { id: string; name: string };
  holderAgency: { id: string; name: string };
  kind: string;
  detail: string;
  dueOn: string;
  requestedAt: Date;
  status: DocumentRequestStatus;
  state: DocumentRequestStatus | 'overdue';
  answeredAt: Date | null;
  declineReason: string | null;
  document: { id: string; title: string; reference: string } | null;
  /** The actor is the holder's nominated officer and the request is open. */
  canAnswer: boolean;
}

export async function viewDocumentRequest(deps: Deps, actor: Actor, agreementId: string, requestId: string): Promise<Outcome<DocumentRequestView>> {
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.document-request-viewed');
    if (!agreement) return notFound;
    const pack = packOf(deps, agreement);
    const r = (await documentRequests(trx, actor.partnershipId, agreement.id)).find((x) => x.id === requestId);
    if (!r || !canOpenDocumentRequest(actor, pack, { requestingAgencyId: r.requesting_agency_id, holderAgencyId: r.holder_agency_id })) {
      await auditRefusal(trx, actor, 'agreement-document-request', 'agreement.document-request-viewed', requestId, r ? null : undefined);
      return notFound;
    }
    const now = deps.now();
    await appendAudit(trx, auditActor(actor), {
      action: 'agreement.document-request-viewed',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { documentRequestId: r.id, documentId: r.document_id },
    });
    await readNotificationsAbout(trx, actor, `/partnership/agreements/${agreement.id}/document-requests/${r.id}`, now);
    return ok({
      agreement: { id: agreement.id, title: agreement.title },
      id: r.id,
      requestingAgency: { id: r.requesting_agency_id, name: r.requesting_agency_name },
      holderAgency: { id: r.holder_agency_id, name: r.holder_agency_name },
      kind: r.kind,
      detail: r.detail,
      dueOn: r.due_on,
      requestedAt: r.requested_at,
      status: r.status,
      state: documentRequestState({ status: r.status, dueOn: r.due_on }, londonDateOf(now)),
      answeredAt: r.answered_at,
      declineReason: r.decline_reason,
      document: r.document_id && r.document_title && r.document_reference ? { id: r.document_id, title: r.document_title, reference: r.document_reference } : null,
      canAnswer: r.status === 'open' && canSignFor(actor, pack, r.holder_agency_id),
    });
  });
}
