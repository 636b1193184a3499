// The agreement register: the partnership's agreements, setting one up (the partnership manager),
// one agreement with its signature register and documents, and signing it for your agency as its
// nominated officer. Each form posts to its own route and comes back to the agreement.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { packRef } from '../../domain/protocol/pack.ts';
import { signedIn } from '../../http/auth.ts';
import { addAgreementDocument } from '../../use-cases/agreements/add-agreement-document.ts';
import { agreeChange } from '../../use-cases/agreements/agree-change.ts';
import { answerDocumentRequest } from '../../use-cases/agreements/answer-document-request.ts';
import { approveReview } from '../../use-cases/agreements/approve-review.ts';
import { createAgreement } from '../../use-cases/agreements/create-agreement.ts';
import { lapseSignature } from '../../use-cases/agreements/lapse-signature.ts';
import { listAgreements } from '../../use-cases/agreements/list-agreements.ts';
import { proposeChange } from '../../use-cases/agreements/propose-change.ts';
import { recordReview } from '../../use-cases/agreements/record-review.ts';
import { requestDocument } from '../../use-cases/agreements/request-document.ts';
import { signAgreement } from '../../use-cases/agreements/sign-agreement.ts';
import { viewAgreement } from '../../use-cases/agreements/view-agreement.ts';
import { viewDocumentRequest } from '../../use-cases/agreements/view-document-request.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import { formatDate } from '../nunjucks.ts';
import { type FormBody, field, formSubmission, render } from '../render.ts';
import {
  formAnswer,
  formChange,
  formDate,
  formDocumentRequest,
  formParties,
  formReview,
  formSignature,
  presentAgreement,
  presentChangeForm,
  presentChanges,
  presentDocumentRequest,
  presentDocumentRequestForm,
  presentList,
  presentNewForm,
  presentSignForm,
} from './presenter.ts';

type Params = { agreementId: string };

const takeFlash = (request: FastifyRequest) => {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
};

export async function agreementRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/partnership/agreements', async (request, reply) => {
    const { actor } = signedIn(request);
    const list = await listAgreements(deps, actor);
    return render(request, reply, 'agreements/index.njk', { pageTitle: 'Agreements', ...presentList(list.agreements), canManage: list.canManage, flash: takeFlash(request) });
  });

  async function newPage(request: FastifyRequest, reply: FastifyReply, values: FormBody, errors: FieldError[] = []) {
    const list = await listAgreements(deps, signedIn(request).actor);
    if (!list.canManage) return reply.callNotFound();
    return render(
      request,
      reply,
      'agreements/new.njk',
      { pageTitle: 'Set up an agreement', form: presentNewForm(list.agencies, values, list.agreements), values, errors, hasMain: list.agreements.some((a) => !a.parentId && a.status === 'in_force') },
      errors.length ? 400 : 200,
    );
  }

  app.get('/partnership/agreements/new', async (request, reply) => newPage(request, reply, {}));

  app.post('/partnership/agreements/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const body = (request.body ?? {}) as FormBody;
    const list = await listAgreements(deps, actor);
    const result = await createAgreement(
      deps,
      actor,
      {
        title: field(body, 'title'),
        effectiveOn: formDate(body, 'effectiveOn'),
        reviewOn: formDate(body, 'reviewOn'),
        parentId: field(body, 'parentId'),
        purpose: field(body, 'purpose'),
        parties: formParties(body, list.agencies),
      },
      formSubmission(request.body),
    );
    if (result.kind === 'ok') {
      request.session.flash = 'The agreement is set up. Each party’s nominated officer can now sign it.';
      return reply.redirect(`/partnership/agreements/${result.value.agreementId}`, 303);
    }
    if (result.kind !== 'invalid') return reply.callNotFound();
    // A party's error points at its own role field.
    const parties = formParties(body, list.agencies);
    const errors = result.errors.map((e) => {
      const m = /^parties\.(\d+)/.exec(String(e.path));
      return m && parties[Number(m[1])] ? { path: `role-${parties[Number(m[1])]!.agencyId}`, message: e.message } : e.path === 'parties' ? { path: 'parties', message: e.message } : e;
    });
    return newPage(request, reply, body, errors);
  });

  async function agreementPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: { form?: string; values?: FormBody; errors?: FieldError[]; problem?: string; statusCode?: number } = {},
  ) {
    const result = await viewAgreement(deps, signedIn(request).actor, id);
    if (result.kind !== 'ok') return reply.callNotFound();
    const view = presentAgreement(result.value, state.values);
    return render(
      request,
      reply,
      'agreements/show.njk',
      {
        pageTitle: view.title,
        agreement: view,
        changes: presentChanges(result.value),
        form: state.form,
        values: state.values ?? {},
        errors: state.errors ?? [],
        problem: state.problem,
        flash: takeFlash(request),
      },
      state.statusCode ?? 200,
    );
  }

  app.get<{ Params: Params }>('/partnership/agreements/:agreementId', async (request, reply) => agreementPage(request, reply, request.params.agreementId));

  async function signPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, values: FormBody, errors: FieldError[] = []) {
    const { actor } = signedIn(request);
    const result = await viewAgreement(deps, actor, request.params.agreementId);
    if (result.kind !== 'ok') return reply.callNotFound();
    if (!result.value.signFor.includes(actor.agencyId)) return reply.callNotFound();
    const form = presentSignForm(result.value, actor.agencyId, values);
    return render(request, reply, 'agreements/sign.njk', { pageTitle: `Sign ${form.agreement.title}`, form, values, errors }, errors.length ? 400 : 200);
  }

  app.get<{ Params: Params }>('/partnership/agreements/:agreementId/sign', async (request, reply) => signPage(request, reply, {}));

  app.post<{ Params: Params }>('/partnership/agreements/:agreementId/sign', async (request, reply) => {
    const { actor } = signedIn(request);
    const body = (request.body ?? {}) as FormBody;
    const view = await viewAgreement(deps, actor, request.params.agreementId);
    if (view.kind !== 'ok') return reply.callNotFound();
    const result = await signAgreement(
      deps,
      actor,
      request.params.agreementId,
      formSignature(
        body,
        actor.agencyId,
        view.value.signingPack.signatories.checklist.map((i) => i.id),
      ),
    );
    if (result.kind === 'ok') {
      request.session.flash = result.value.kind === 'reaffirmation' ? 'Your agency has re-affirmed the agreement.' : 'Your agency has signed the agreement. It can now receive information under it.';
      return reply.redirect(`/partnership/agreements/${request.params.agreementId}`, 303);
    }
    if (result.kind === 'conflict') return agreementPage(request, reply, request.params.agreementId, { problem: result.reason, statusCode: 409 });
    if (result.kind !== 'invalid') return reply.callNotFound();
    return signPage(request, reply, body, result.errors);
  });

  app.post<{ Params: Params }>('/partnership/agreements/:agreementId/documents', async (request, reply) => {
    const { actor } = signedIn(request);
    const body = (request.body ?? {}) as FormBody;
    const id = request.params.agreementId;
    const result = await addAgreementDocument(deps, actor, id, { kind: field(body, 'kind'), title: field(body, 'title'), reference: field(body, 'reference'), agencyId: field(body, 'agencyId') });
    if (result.kind === 'ok') {
      request.session.flash = 'The document is recorded.';
      return reply.redirect(`/partnership/agreements/${id}`, 303);
    }
    if (result.kind !== 'invalid') return reply.callNotFound();
    return agreementPage(request, reply, id, { form: 'document', values: body, errors: result.errors, statusCode: 400 });
  });

  app.post<{ Params: Params }>('/partnership/agreements/:agreementId/reviews', async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const id = request.params.agreementId;
    const result = await recordReview(deps, signedIn(request).actor, id, formReview(body));
    if (result.kind === 'ok') {
      request.session.flash = `The review is recorded${result.value.reportedLate ? ', with its findings reported late' : ''}. The parties that approve it have been asked to. The next review is due on ${formatDate(result.value.nextReviewOn)}.`;
      return reply.redirect(`/partnership/agreements/${id}`, 303);
    }
    if (result.kind === 'conflict') return agreementPage(request, reply, id, { problem: result.reason, statusCode: 409 });
    if (result.kind !== 'invalid') return reply.callNotFound();
    return agreementPage(request, reply, id, { form: 'review', values: body, errors: result.errors, statusCode: 400 });
  });

  app.post<{ Params: Params & { reviewId: string } }>('/partnership/agreements/:agreementId/reviews/:reviewId/approve', async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const id = request.params.agreementId;
    const result = await approveReview(deps, signedIn(request).actor, id, request.params.reviewId, { agencyId: field(body, 'agencyId') || undefined });
    if (result.kind === 'ok') {
      request.session.flash = result.value.approved ? 'The review’s implementation plan is approved by every party the protocol names.' : 'Your agency’s approval is recorded.';
      return reply.redirect(`/partnership/agreements/${id}`, 303);
    }
    if (result.kind === 'conflict') return agreementPage(request, reply, id, { problem: result.reason, statusCode: 409 });
    if (result.kind === 'invalid') return agreementPage(request, reply, id, { problem: result.errors[0]?.message, statusCode: 400 });
    return reply.callNotFound();
  });

  app.post<{ Params: Params }>('/partnership/agreements/:agreementId/lapse', async (request, reply) => {
    const { actor } = signedIn(request);
    const body = (request.body ?? {}) as FormBody;
    const id = request.params.agreementId;
    const result = await lapseSignature(deps, actor, id, { agencyId: field(body, 'agencyId'), lapsedOn: formDate(body, 'lapsedOn'), reason: field(body, 'reason') });
    if (result.kind === 'ok') {
      request.session.flash = 'The signature has lapsed. The agency can receive no information until it signs again.';
      return reply.redirect(`/partnership/agreements/${id}`, 303);
    }
    if (result.kind === 'conflict') return agreementPage(request, reply, id, { problem: result.reason, statusCode: 409 });
    if (result.kind !== 'invalid') return reply.callNotFound();
    return agreementPage(request, reply, id, { form: 'lapse', values: body, errors: result.errors, statusCode: 400 });
  });

  // --- Changes to the agreement (ADR 0088) ---------------------------------------------------------

  async function changePage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, values: FormBody, errors: FieldError[] = []) {
    const result = await viewAgreement(deps, signedIn(request).actor, request.params.agreementId);
    if (result.kind !== 'ok' || !result.value.actFor.length) return reply.callNotFound();
    const packs = deps.packs
      .all()
      .map((p) => ({ ref: packRef(p), title: p.title }))
      .sort((x, y) => x.ref.localeCompare(y.ref));
    const form = presentChangeForm(result.value, packs, values);
    return render(request, reply, 'agreements/change-new.njk', { pageTitle: 'Propose a change to the agreement', form, values, errors }, errors.length ? 400 : 200);
  }

  app.get<{ Params: Params }>('/partnership/agreements/:agreementId/changes/new', async (request, reply) => changePage(request, reply, {}));

  app.post<{ Params: Params }>('/partnership/agreements/:agreementId/changes/new', async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const id = request.params.agreementId;
    const result = await proposeChange(deps, signedIn(request).actor, id, formChange(body));
    if (result.kind === 'ok') {
      request.session.flash = 'The change is proposed. The parties that agree changes have been asked to.';
      return reply.redirect(`/partnership/agreements/${id}#changes`, 303);
    }
    if (result.kind === 'conflict') return agreementPage(request, reply, id, { problem: result.reason, statusCode: 409 });
    if (result.kind !== 'invalid') return reply.callNotFound();
    return changePage(request, reply, body, result.errors);
  });

  app.post<{ Params: Params & { changeId: string } }>('/partnership/agreements/:agreementId/changes/:changeId/agree', async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const id = request.params.agreementId;
    const result = await agreeChange(deps, signedIn(request).actor, id, request.params.changeId, { agencyId: field(body, 'agencyId') || undefined });
    if (result.kind === 'ok') {
      const v = result.value;
      request.session.flash = !v.agreed
        ? 'Your agency’s agreement is recorded.'
        : v.toPack && v.movesOn
          ? `The change is agreed. The partnership moves to ${v.toPack} on ${formatDate(v.movesOn)}: every party must sign the new version by then.`
          : 'The change is agreed by every party the protocol names.';
      return reply.redirect(`/partnership/agreements/${id}`, 303);
    }
    if (result.kind === 'conflict') return agreementPage(request, reply, id, { problem: result.reason, statusCode: 409 });
    if (result.kind === 'invalid') return agreementPage(request, reply, id, { problem: result.errors[0]?.message, statusCode: 400 });
    return reply.callNotFound();
  });

  // --- Documents on request (ADR 0089) -------------------------------------------------------------

  async function requestPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, values: FormBody, errors: FieldError[] = []) {
    const result = await viewAgreement(deps, signedIn(request).actor, request.params.agreementId);
    if (result.kind !== 'ok' || !result.value.actFor.length) return reply.callNotFound();
    const form = presentDocumentRequestForm(result.value, values);
    return render(request, reply, 'agreements/document-request-new.njk', { pageTitle: 'Ask a party for a document', form, values, errors }, errors.length ? 400 : 200);
  }

  app.get<{ Params: Params }>('/partnership/agreements/:agreementId/document-requests/new', async (request, reply) => requestPage(request, reply, {}));

  app.post<{ Params: Params }>('/partnership/agreements/:agreementId/document-requests/new', async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const id = request.params.agreementId;
    const result = await requestDocument(deps, signedIn(request).actor, id, formDocumentRequest(body));
    if (result.kind === 'ok') {
      request.session.flash = 'Your request is sent. The agency’s nominated officers have been told.';
      return reply.redirect(`/partnership/agreements/${id}/document-requests/${result.value.requestId}`, 303);
    }
    if (result.kind === 'conflict') return agreementPage(request, reply, id, { problem: result.reason, statusCode: 409 });
    if (result.kind !== 'invalid') return reply.callNotFound();
    return requestPage(request, reply, body, result.errors);
  });

  type RequestParams = Params & { requestId: string };
  async function documentRequestPage(
    request: FastifyRequest<{ Params: RequestParams }>,
    reply: FastifyReply,
    state: { values?: FormBody; errors?: FieldError[]; problem?: string; statusCode?: number } = {},
  ) {
    const result = await viewDocumentRequest(deps, signedIn(request).actor, request.params.agreementId, request.params.requestId);
    if (result.kind !== 'ok') return reply.callNotFound();
    const r = presentDocumentRequest(result.value, state.values ?? {});
    return render(
      request,
      reply,
      'agreements/document-request.njk',
      { pageTitle: r.title, r, values: state.values ?? {}, errors: state.errors ?? [], problem: state.problem, flash: takeFlash(request) },
      state.statusCode ?? 200,
    );
  }

  app.get<{ Params: RequestParams }>('/partnership/agreements/:agreementId/document-requests/:requestId', async (request, reply) => documentRequestPage(request, reply));

  app.post<{ Params: RequestParams }>('/partnership/agreements/:agreementId/document-requests/:requestId/answer', async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const { agreementId, requestId } = request.params;
    const result = await answerDocumentRequest(deps, signedIn(request).actor, agreementId, requestId, formAnswer(body));
    if (result.kind === 'ok') {
      request.session.flash = result.value.status === 'provided' ? 'The document is provided and recorded with the agreement.' : 'Your agency has declined, with its reason.';
      return reply.redirect(`/partnership/agreements/${agreementId}/document-requests/${requestId}`, 303);
    }
    if (result.kind === 'conflict') return documentRequestPage(request, reply, { problem: result.reason, statusCode: 409 });
    if (result.kind !== 'invalid') return reply.callNotFound();
    return documentRequestPage(request, reply, { values: body, errors: result.errors, statusCode: 400 });
  });
}
