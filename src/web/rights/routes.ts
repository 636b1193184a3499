// Rights requests in the browser for an agency's IG lead (/rights-requests): the register with each
// clock, logging a request, one request with each next step as its own form (post, redirect, get
// with a success banner), the response pack's download, and a source agency's consultation to
// answer (Sandwell 2022 s.11.1). Anyone else, and anything out of reach: the 404 page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/staff.ts';
import { signedIn } from '../../http/auth.ts';
import { listChildren } from '../../use-cases/children/list-children.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError, Outcome } from '../../use-cases/kernel/outcome.ts';
import { answerConsultation } from '../../use-cases/rights/answer-consultation.ts';
import { answerRightsRequest } from '../../use-cases/rights/answer-rights-request.ts';
import { askClarification } from '../../use-cases/rights/ask-clarification.ts';
import { consultSources } from '../../use-cases/rights/consult-sources.ts';
import { downloadResponsePack } from '../../use-cases/rights/download-response-pack.ts';
import { extendDeadline } from '../../use-cases/rights/extend-deadline.ts';
import { listConsultations } from '../../use-cases/rights/list-consultations.ts';
import { listRightsRequestsFor } from '../../use-cases/rights/list-rights-requests.ts';
import { logRightsRequest } from '../../use-cases/rights/log-rights-request.ts';
import { produceResponsePack } from '../../use-cases/rights/produce-response-pack.ts';
import { receiveClarification } from '../../use-cases/rights/receive-clarification.ts';
import { verifyIdentity } from '../../use-cases/rights/verify-identity.ts';
import { viewConsultation } from '../../use-cases/rights/view-consultation.ts';
import { viewRightsRequest } from '../../use-cases/rights/view-rights-request.ts';
import { withholdItem } from '../../use-cases/rights/withhold-item.ts';
import { formInstant } from '../breaches/presenter.ts';
import { type FormBody, field, render } from '../render.ts';
import { formErrors, presentConsultation, presentConsultations, presentLogForm, presentRegister, presentRequest } from './presenter.ts';

type Params = { requestId: string };

const takeFlash = (request: FastifyRequest) => {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
};
const opt = (body: FormBody, name: string) => field(body, name) || undefined;
/** A date typed as day, month and year (London), for the use case ('' when nothing was typed). */
const day = (body: FormBody, name: string) => formInstant(body, name);
const fieldErrorsOf = (errors: FieldError[]) => errors.map((e) => ({ path: String(e.path).replace(/\..*$/, ''), message: e.message }));

export async function rightsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/rights-requests', async (request, reply) => {
    const { actor } = signedIn(request);
    const [requests, consultations] = await Promise.all([listRightsRequestsFor(deps, actor), listConsultations(deps, actor)]);
    if (requests.kind !== 'ok' || consultations.kind !== 'ok') return reply.callNotFound();
    return render(request, reply, 'rights/index.njk', {
      pageTitle: 'Rights requests',
      requests: presentRegister(requests.value, deps.now()),
      consultations: presentConsultations(consultations.value),
      flash: takeFlash(request),
    });
  });

  // --- logging ------------------------------------------------------------------------------------

  async function logPage(request: FastifyRequest, reply: FastifyReply, actor: Actor, values: FormBody, errors: FieldError[] = []) {
    const children = await listChildren(deps, actor, 100);
    return render(request, reply, 'rights/new.njk', { pageTitle: 'Log a rights request', form: presentLogForm(values, children), errors: fieldErrorsOf(errors) }, errors.length ? 400 : 200);
  }

  app.get('/rights-requests/new', async (request, reply) => {
    const { actor } = signedIn(request);
    if ((await listRightsRequestsFor(deps, actor)).kind !== 'ok') return reply.callNotFound();
    return logPage(request, reply, actor, {});
  });

  app.post('/rights-requests/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const body = (request.body ?? {}) as FormBody;
    const result = await logRightsRequest(deps, actor, {
      kind: opt(body, 'kind'),
      requesterKind: opt(body, 'requesterKind'),
      childId: opt(body, 'childId'),
      receivedAt: day(body, 'receivedAt'),
      summary: field(body, 'summary'),
      identityVerified: opt(body, 'identityVerified'),
    });
    if (result.kind === 'ok') {
      request.session.flash =
        result.value.status === 'routed'
          ? 'The request is logged and routed to the partnership’s business unit.'
          : result.value.status === 'open'
            ? 'The request is logged and its clock is running.'
            : 'The request is logged. Its clock starts when the requester’s identity and authority are confirmed.';
      return reply.redirect(`/rights-requests/${result.value.requestId}`, 303);
    }
    if (result.kind !== 'invalid') return reply.callNotFound();
    return logPage(request, reply, actor, body, result.errors);
  });

  // --- consultations (the source agency's side); before /:requestId so the path is not an id ------

  async function consultationPage(request: FastifyRequest, reply: FastifyReply, id: string, state: { values?: FormBody; errors?: FieldError[]; problem?: string; statusCode?: number } = {}) {
    const result = await viewConsultation(deps, signedIn(request).actor, id);
    if (result.kind !== 'ok') return reply.callNotFound();
    return render(
      request,
      reply,
      'rights/consultation.njk',
      {
        pageTitle: 'Answer a consultation',
        consultation: presentConsultation(result.value, { values: state.values }),
        flash: takeFlash(request),
        problem: state.problem,
        errors: fieldErrorsOf(state.errors ?? []),
      },
      state.statusCode ?? 200,
    );
  }

  app.get<{ Params: { consultationId: string } }>('/rights-requests/consultations/:consultationId', async (request, reply) => consultationPage(request, reply, request.params.consultationId));

  app.post<{ Params: { consultationId: string } }>('/rights-requests/consultations/:consultationId', async (request, reply) => {
    const { consultationId } = request.params;
    const body = (request.body ?? {}) as FormBody;
    const result = await answerConsultation(deps, signedIn(request).actor, consultationId, { answer: opt(body, 'answer'), reasons: field(body, 'reasons') });
    if (result.kind === 'ok') {
      request.session.flash = 'Your answer is recorded, and the agency handling the request has been told.';
      return reply.redirect(`/rights-requests/consultations/${consultationId}`, 303);
    }
    if (result.kind === 'invalid') return consultationPage(request, reply, consultationId, { values: body, errors: result.errors, statusCode: 400 });
    if (result.kind === 'conflict') return consultationPage(request, reply, consultationId, { problem: result.reason, statusCode: 409 });
    return reply.callNotFound();
  });

  // --- one request ----------------------------------------------------------------------------------

  async function requestPage(request: FastifyRequest, reply: FastifyReply, id: string, state: { form?: string; values?: FormBody; errors?: FieldError[]; problem?: string; statusCode?: number } = {}) {
    const result = await viewRightsRequest(deps, signedIn(request).actor, id);
    if (result.kind !== 'ok') return reply.callNotFound();
    const view = presentRequest(result.value, deps.now(), { form: state.form, values: state.values });
    return render(request, reply, 'rights/show.njk', { pageTitle: view.title, rights: view, flash: takeFlash(request), problem: state.problem, errors: state.errors ?? [] }, state.statusCode ?? 200);
  }

  app.get<{ Params: Params }>('/rights-requests/:requestId', async (request, reply) => requestPage(request, reply, request.params.requestId));

  function step(path: string, run: (actor: Actor, id: string, body: FormBody) => Promise<Outcome<unknown>>, done: string) {
    app.post<{ Params: Params }>(`/rights-requests/:requestId/${path}`, async (request, reply) => {
      const { requestId } = request.params;
      const body = (request.body ?? {}) as FormBody;
      const result = await run(signedIn(request).actor, requestId, body);
      if (result.kind === 'not_found' || result.kind === 'forbidden') return reply.callNotFound();
      if (result.kind === 'ok') {
        request.session.flash = done;
        return reply.redirect(`/rights-requests/${requestId}`, 303);
      }
      if (result.kind === 'conflict') return requestPage(request, reply, requestId, { problem: result.reason, statusCode: 409 });
      return requestPage(request, reply, requestId, { form: path, values: body, errors: formErrors(path, result.errors), statusCode: 400 });
    });
  }

  step(
    'identity',
    (a, id, b) => verifyIdentity(deps, a, id, { verifiedAt: day(b, 'verifiedAt'), basis: opt(b, 'basis'), childCompetent: opt(b, 'childCompetent'), evidence: field(b, 'evidence') }),
    'Identity and authority are confirmed. The clock is running.',
  );
  step('clarification-asked', (a, id, b) => askClarification(deps, a, id, { at: day(b, 'at'), note: field(b, 'note') }), 'The clock is paused until the clarification is received.');
  step('clarification-received', (a, id, b) => receiveClarification(deps, a, id, { at: day(b, 'at'), note: field(b, 'note') }), 'The clarification is recorded. The clock is running again.');
  step('extension', (a, id, b) => extendDeadline(deps, a, id, { months: field(b, 'months'), reason: field(b, 'reason') }), 'The deadline is extended. Tell the requester why, within the first month.');
  step('consultations', (a, id) => consultSources(deps, a, id), 'The source agencies are asked whether an exemption applies to what they supplied.');
  step(
    'withheld',
    (a, id, b) => withholdItem(deps, a, id, { itemRef: field(b, 'itemRef'), reason: opt(b, 'reason'), note: field(b, 'note') }),
    'The item is withheld. It is listed on the schedule of the response.',
  );
  step('packs', (a, id) => produceResponsePack(deps, a, id), 'The response pack is produced. Download it below.');
  step('answer', (a, id, b) => answerRightsRequest(deps, a, id, { outcome: opt(b, 'outcome'), reasons: field(b, 'reasons'), correctionId: opt(b, 'correctionId') }), 'The request is answered.');

  app.get<{ Params: { requestId: string; packId: string } }>('/rights-requests/:requestId/packs/:packId', async (request, reply) => {
    const result = await downloadResponsePack(deps, signedIn(request).actor, request.params.requestId, request.params.packId);
    if (result.kind !== 'ok') return reply.callNotFound();
    return reply.header('cache-control', 'no-store').header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${result.value.filename}"`).send(result.value.pdf);
  });
}
