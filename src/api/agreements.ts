// The agreement register over the JSON API (/api/v1/agreements): the same use cases as the web
// pages; not found or out of reach → 404, a broken rule → 422 with a pointer per field, a change
// that cannot happen now → 409. Responses are shaped here and described in agreement-schemas.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { PartyRole } from '../domain/agreements.ts';
import { signedIn } from '../http/auth.ts';
import { addAgreementDocument } from '../use-cases/agreements/add-agreement-document.ts';
import { agreeChange } from '../use-cases/agreements/agree-change.ts';
import { answerDocumentRequest } from '../use-cases/agreements/answer-document-request.ts';
import { approveReview } from '../use-cases/agreements/approve-review.ts';
import { createAgreement } from '../use-cases/agreements/create-agreement.ts';
import { lapseSignature } from '../use-cases/agreements/lapse-signature.ts';
import { listAgreements } from '../use-cases/agreements/list-agreements.ts';
import { proposeChange } from '../use-cases/agreements/propose-change.ts';
import { recordReview } from '../use-cases/agreements/record-review.ts';
import { requestDocument } from '../use-cases/agreements/request-document.ts';
import { signAgreement } from '../use-cases/agreements/sign-agreement.ts';
import { viewAgreement } from '../use-cases/agreements/view-agreement.ts';
import { viewDocumentRequest } from '../use-cases/agreements/view-document-request.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import type { Outcome } from '../use-cases/kernel/outcome.ts';
import type { agreementChangesSchema, agreementListSchema, agreementViewSchema, documentRequestSchema } from './agreement-schemas.ts';
import { idempotency } from './idempotency.ts';
import { invalidProblem, notFoundProblem, problem } from './problem.ts';

const API = '/api/v1';
const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).header('cache-control', 'no-store').send(body);

function failure(reply: FastifyReply, o: Exclude<Outcome<unknown>, { kind: 'ok' }>) {
  if (o.kind === 'invalid') return invalidProblem(reply, o.errors);
  if (o.kind === 'conflict') return problem(reply, 409, 'Conflict', o.reason);
  return notFoundProblem(reply);
}

export async function agreementApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/agreements', async (request, reply) => {
    const list = await listAgreements(deps, signedIn(request).actor);
    return send(reply, {
      agreements: list.agreements.map((a) => ({ ...a, status: a.status as 'in_force', href: `${API}/agreements/${a.id}/register` })),
    } satisfies z.input<typeof agreementListSchema>);
  });

  app.post('/agreements', async (request, reply) => {
    const result = await createAgreement(deps, signedIn(request).actor, request.body ?? {}, idempotency(request));
    if (result.kind !== 'ok') return failure(reply, result);
    const self = `${API}/agreements/${result.value.agreementId}/register`;
    return send(reply.header('location', self), { id: result.value.agreementId, links: { self } }, 201);
  });

  // GET /agreements/{id} is the onward-disclosure agreement (exchange.ts), so one agreement of the
  // register is read with its signature register at /agreements/{id}/register.
  app.get<{ Params: { agreementId: string } }>('/agreements/:agreementId/register', async (request, reply) => {
    const result = await viewAgreement(deps, signedIn(request).actor, request.params.agreementId);
    if (result.kind !== 'ok') return failure(reply, result);
    const v = result.value;
    const a = v.agreement;
    return send(reply, {
      id: a.id,
      title: a.title,
      pack: a.pack,
      parentId: a.parent_id,
      purpose: a.purpose,
      status: a.status as 'in_force',
      effectiveOn: a.effective_on,
      nextReviewOn: v.nextReviewOn,
      review: v.review,
      signatoryChecklist: v.pack.signatories.checklist.map((i) => ({ id: i.id, text: i.text })),
      privacyImpactAssessmentBeforeSigning: v.pack.signatories.privacyImpactAssessmentBeforeSigning,
      parties: v.register.map((r) => ({
        agency: { id: r.agencyId, name: r.agencyName },
        role: r.role as PartyRole,
        standing: r.standing,
        reaffirmBy: r.reaffirmBy,
        signature: r.signature
          ? {
              kind: r.signature.kind as 'signature',
              pack: r.signature.pack,
              signatoryName: r.signature.signatoryName,
              signatoryTitle: r.signature.signatoryTitle,
              signedOn: r.signature.signedOn,
              checklist: r.signature.checklist,
              privacyImpactAssessment: r.signature.privacyImpactAssessment,
              dataStorage: r.signature.dataStorage,
              lapsedOn: r.signature.lapsedOn,
              lapseReason: r.signature.lapseReason,
            }
          : null,
      })),
      documents: v.documents.map((d) => ({ id: d.id, kind: d.kind, title: d.title, reference: d.reference, agencyId: d.agency_id })),
      reviews: v.reviews.map(({ approvals, ...r }) => ({ ...r, approvals: approvals.map((a) => ({ agency: { id: a.agencyId, name: a.agencyName }, approved: a.approved })) })),
    } satisfies z.input<typeof agreementViewSchema>);
  });

  const links = (agreementId: string) => ({ self: `${API}/agreements/${agreementId}/register` });
  app.post<{ Params: { agreementId: string } }>('/agreements/:agreementId/signatures', async (request, reply) => {
    const { agreementId } = request.params;
    const result = await signAgreement(deps, signedIn(request).actor, agreementId, request.body ?? {});
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: result.value.signatureId, links: links(agreementId) }, 201);
  });
  app.post<{ Params: { agreementId: string } }>('/agreements/:agreementId/documents', async (request, reply) => {
    const { agreementId } = request.params;
    const result = await addAgreementDocument(deps, signedIn(request).actor, agreementId, request.body ?? {});
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: result.value.documentId, links: links(agreementId) }, 201);
  });
  app.post<{ Params: { agreementId: string } }>('/agreements/:agreementId/reviews', async (request, reply) => {
    const { agreementId } = request.params;
    const result = await recordReview(deps, signedIn(request).actor, agreementId, request.body ?? {});
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: result.value.reviewId, links: links(agreementId) }, 201);
  });
  app.post<{ Params: { agreementId: string; reviewId: string } }>('/agreements/:agreementId/reviews/:reviewId/approvals', async (request, reply) => {
    const { agreementId, reviewId } = request.params;
    const body = (request.body ?? {}) as { agencyId?: unknown };
    const result = await approveReview(deps, signedIn(request).actor, agreementId, reviewId, { agencyId: typeof body.agencyId === 'string' ? body.agencyId : undefined });
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: reviewId, links: links(agreementId) }, 201);
  });
  app.post<{ Params: { agreementId: string } }>('/agreements/:agreementId/lapses', async (request, reply) => {
    const { agreementId } = request.params;
    const result = await lapseSignature(deps, signedIn(request).actor, agreementId, request.body ?? {});
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: agreementId, links: links(agreementId) }, 201);
  });

  app.get<{ Params: { agreementId: string } }>('/agreements/:agreementId/changes', async (request, reply) => {
    const result = await viewAgreement(deps, signedIn(request).actor, request.params.agreementId);
    if (result.kind !== 'ok') return failure(reply, result);
    const v = result.value;
    return send(reply, {
      move: v.move,
      changes: v.changes.map((c) => ({
        id: c.id,
        summary: c.summary,
        proposedBy: c.proposedBy,
        fromPack: c.fromPack,
        toPack: c.toPack,
        effectiveOn: c.effectiveOn,
        movesOn: c.movesOn,
        status: c.status,
        agreedOn: c.agreedOn,
        approvals: c.approvals.map((a) => ({ agency: { id: a.agencyId, name: a.agencyName }, agreed: a.agreed })),
      })),
      documentRequests: v.documentRequests.map((r) => ({ id: r.id, requestingAgency: r.requestingAgency, holderAgency: r.holderAgency, kind: r.kind, dueOn: r.dueOn, state: r.state })),
    } satisfies z.input<typeof agreementChangesSchema>);
  });
  app.post<{ Params: { agreementId: string } }>('/agreements/:agreementId/changes', async (request, reply) => {
    const { agreementId } = request.params;
    const result = await proposeChange(deps, signedIn(request).actor, agreementId, request.body ?? {});
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: result.value.changeId, links: { self: `${API}/agreements/${agreementId}/changes` } }, 201);
  });
  app.post<{ Params: { agreementId: string; changeId: string } }>('/agreements/:agreementId/changes/:changeId/approvals', async (request, reply) => {
    const { agreementId, changeId } = request.params;
    const body = (request.body ?? {}) as { agencyId?: unknown };
    const result = await agreeChange(deps, signedIn(request).actor, agreementId, changeId, { agencyId: typeof body.agencyId === 'string' ? body.agencyId : undefined });
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: changeId, links: { self: `${API}/agreements/${agreementId}/changes` } }, 201);
  });
  const requestLink = (agreementId: string, requestId: string) => ({ self: `${API}/agreements/${agreementId}/document-requests/${requestId}` });
  app.post<{ Params: { agreementId: string } }>('/agreements/:agreementId/document-requests', async (request, reply) => {
    const { agreementId } = request.params;
    const result = await requestDocument(deps, signedIn(request).actor, agreementId, request.body ?? {});
    if (result.kind !== 'ok') return failure(reply, result);
    const links = requestLink(agreementId, result.value.requestId);
    return send(reply.header('location', links.self), { id: result.value.requestId, links }, 201);
  });
  app.get<{ Params: { agreementId: string; requestId: string } }>('/agreements/:agreementId/document-requests/:requestId', async (request, reply) => {
    const result = await viewDocumentRequest(deps, signedIn(request).actor, request.params.agreementId, request.params.requestId);
    if (result.kind !== 'ok') return failure(reply, result);
    const r = result.value;
    return send(reply, {
      id: r.id,
      requestingAgency: r.requestingAgency,
      holderAgency: r.holderAgency,
      kind: r.kind,
      detail: r.detail,
      dueOn: r.dueOn,
      state: r.state,
      declineReason: r.declineReason,
      document: r.document,
    } satisfies z.input<typeof documentRequestSchema>);
  });
  app.post<{ Params: { agreementId: string; requestId: string } }>('/agreements/:agreementId/document-requests/:requestId/answer', async (request, reply) => {
    const { agreementId, requestId } = request.params;
    const result = await answerDocumentRequest(deps, signedIn(request).actor, agreementId, requestId, request.body ?? {});
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: requestId, links: requestLink(agreementId, requestId) }, 201);
  });
}
