// Requests for information between agencies: asking (from a child's page), the queues, one request
// with its history, and each step of its life as its own form — triage, allocation, asking for and
// giving more information, sending it again, withdrawing, and declining with reasons after a
// decision not to share. Each form posts to its own route and comes back to the request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestRules } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import { signedIn } from '../../http/auth.ts';
import { type ChildIdentity, identifyChild } from '../../use-cases/children/identify-child.ts';
import { viewDecision } from '../../use-cases/decisions/view-decision.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError, Outcome } from '../../use-cases/kernel/outcome.ts';
import { listAgencies } from '../../use-cases/partnerships/list-agencies.ts';
import { allocateRequest } from '../../use-cases/requests/allocate-request.ts';
import { askForMoreInformation } from '../../use-cases/requests/ask-for-more-information.ts';
import { declineRequest } from '../../use-cases/requests/decline-request.ts';
import { listRequests } from '../../use-cases/requests/list-requests.ts';
import { makeRequest } from '../../use-cases/requests/make-request.ts';
import { provideMoreInformation } from '../../use-cases/requests/provide-more-information.ts';
import { resubmitRequest } from '../../use-cases/requests/resubmit-request.ts';
import { triageRequest } from '../../use-cases/requests/triage-request.ts';
import { viewRequest } from '../../use-cases/requests/view-request.ts';
import { withdrawRequest } from '../../use-cases/requests/withdraw-request.ts';
import { childCaption } from '../children/presenter.ts';
import { type FormBody, field, formSubmission, render } from '../render.ts';
import { formErrors, presentQueues, presentRequest, requestFormView, requestMadeFlash } from './presenter.ts';

type ChildParams = { childId: string };
type RequestParams = { requestId: string };

const takeFlash = (request: FastifyRequest) => {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
};

const requestBody = (body: unknown) => ({
  toAgencyId: field(body, 'toAgencyId'),
  purpose: field(body, 'purpose') || undefined,
  lawfulBasis: field(body, 'lawfulBasis') || undefined,
  urgency: field(body, 'urgency') || undefined,
  informationNeeded: field(body, 'informationNeeded'),
  reason: field(body, 'reason'),
  consent: field(body, 'consent') || undefined,
  consentDetail: field(body, 'consentDetail'),
  // The one "continue anyway" box carries the codes of the warnings it confirms.
  confirmedWarnings: field(body, 'confirmWarnings').split(' ').filter(Boolean),
});

export async function requestRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  // --- asking another agency -----------------------------------------------------------------

  async function requestForm(request: FastifyRequest, reply: FastifyReply, child: ChildIdentity, values: Record<string, unknown>, errors: FieldError[] = []) {
    const { actor, staff } = signedIn(request);
    const agencies = (await listAgencies(deps, actor)).filter((a) => a.active && a.id !== actor.agencyId);
    const pack = deps.packs.get(staff.pack)!;
    const named = childCaption(child, 'Ask another agency');
    // Warnings are not errors: they are listed for the requester to confirm, with no "Error:" title.
    const warnings = errors.filter((e) => e.warning);
    const refused = errors.filter((e) => !e.warning);
    return render(
      request,
      reply,
      'requests/new.njk',
      {
        pageTitle: named.title(warnings.length && !refused.length ? 'Check your request before you send it' : 'Ask another agency for information'),
        caption: named.caption,
        childId: child.id,
        form: requestFormView(agencies, requestRules(pack), pack, values, refused.length ? [] : warnings),
        errors: refused,
      },
      errors.length ? 400 : 200,
    );
  }

  app.get<{ Params: ChildParams }>('/children/:childId/requests/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const { childId } = request.params;
    const child = await identifyChild(deps, actor, childId, 'request.created');
    if (!child) return reply.callNotFound();
    return requestForm(request, reply, child, {});
  });

  app.post<{ Params: ChildParams }>('/children/:childId/requests/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const { childId } = request.params;
    const input = requestBody(request.body);
    const result = await makeRequest(deps, actor, childId, input, formSubmission(request.body));
    if (result.kind === 'not_found') return reply.callNotFound();
    if (result.kind === 'ok') {
      const agency = (await listAgencies(deps, actor)).find((a) => a.id === input.toAgencyId);
      request.session.flash = requestMadeFlash(agency?.name ?? 'the agency', result.value.dueAt);
      return reply.redirect(`/requests/${result.value.requestId}`, 303);
    }
    if (result.kind !== 'invalid') throw new Error(`unexpected outcome: ${result.kind}`);
    const child = await identifyChild(deps, actor, childId, 'request.created');
    if (!child) return reply.callNotFound();
    return requestForm(request, reply, child, input, result.errors);
  });

  // --- the queues --------------------------------------------------------------------------------

  app.get('/requests', async (request, reply) => {
    const { actor } = signedIn(request);
    return render(request, reply, 'requests/index.njk', { pageTitle: 'Requests', queues: presentQueues(await listRequests(deps, actor)), flash: takeFlash(request) });
  });

  // --- one request ---------------------------------------------------------------------------------

  async function requestPage(
    request: FastifyRequest,
    reply: FastifyReply,
    requestId: string,
    state: { form?: string; values?: Record<string, unknown>; errors?: FieldError[]; problem?: string; statusCode?: number } = {},
  ) {
    const result = await viewRequest(deps, signedIn(request).actor, requestId);
    if (result.kind !== 'ok') return reply.callNotFound();
    const view = presentRequest(result.value, { form: state.form, values: state.values });
    return render(
      request,
      reply,
      'requests/show.njk',
      { pageTitle: `${view.title}: ${view.childName}`, request: view, flash: takeFlash(request), problem: state.problem, errors: state.errors ?? [] },
      state.statusCode ?? 200,
    );
  }

  app.get<{ Params: RequestParams }>('/requests/:requestId', async (request, reply) => requestPage(request, reply, request.params.requestId));

  /** One step's form: run the use case, then back to the request (with a flash), or the page again. */
  function step(path: string, run: (actor: Actor, requestId: string, body: FormBody) => Promise<Outcome<unknown>>, done: string) {
    app.post<{ Params: RequestParams }>(`/requests/:requestId/${path}`, async (request, reply) => {
      const { actor } = signedIn(request);
      const { requestId } = request.params;
      const body = (request.body ?? {}) as FormBody;
      const result = await run(actor, requestId, body);
      if (result.kind === 'not_found' || result.kind === 'forbidden') return reply.callNotFound();
      if (result.kind === 'ok') {
        request.session.flash = done;
        return reply.redirect(`/requests/${requestId}`, 303);
      }
      // A step that cannot happen now, or a stale page (a second tab, a colleague's change): the
      // page as it is now, saying what changed; submitting again acts on what it now shows.
      if (result.kind === 'conflict') return requestPage(request, reply, requestId, { problem: result.reason, statusCode: 409 });
      return requestPage(request, reply, requestId, { form: path, values: body, errors: formErrors(path, result.errors), statusCode: 400 });
    });
  }

  const seen = (body: FormBody) => field(body, 'seen') || null;
  const note = (body: FormBody) => ({ note: field(body, 'note'), seen: seen(body) });
  step(
    'triage',
    (actor, id, body) => triageRequest(deps, actor, id, { outcome: field(body, 'outcome') || undefined, checks: [body.checks ?? []].flat(), note: field(body, 'note'), seen: seen(body) }),
    'Your triage is recorded.',
  );
  step('allocate', (actor, id, body) => allocateRequest(deps, actor, id, { allocateTo: field(body, 'allocateTo'), seen: seen(body) }), 'The request is allocated.');
  step('ask', (actor, id, body) => askForMoreInformation(deps, actor, id, note(body)), 'Your question is sent to the requester.');
  step('provide', (actor, id, body) => provideMoreInformation(deps, actor, id, note(body)), 'The information is sent to the agency you asked.');
  step('resubmit', (actor, id, body) => resubmitRequest(deps, actor, id, note(body)), 'The request is sent again.');
  step('withdraw', (actor, id, body) => withdrawRequest(deps, actor, id, note(body)), 'The request is withdrawn.');

  // --- declining after a decision not to share (the pack's recording clause, e.g. Wirral 2022 s.5.4) ---

  async function declinePage(
    request: FastifyRequest,
    reply: FastifyReply,
    requestId: string,
    decisionId: string,
    values: { note?: string },
    errors: FieldError[] = [],
    problem?: string,
    statusCode?: number,
  ) {
    const { actor } = signedIn(request);
    const result = await viewRequest(deps, actor, requestId);
    if (result.kind !== 'ok' || !result.value.can.respond) return reply.callNotFound();
    // The page starts from a recorded decision not to share; when the form comes back with errors,
    // the use case has said what is wrong with the decision given.
    const decision = await viewDecision(deps, actor, decisionId);
    const fits = decision.kind === 'ok' && decision.value.action === 'not_shared' && decision.value.childId === result.value.childId;
    if (!fits && values.note === undefined) return reply.callNotFound();
    const view = presentRequest(result.value);
    return render(
      request,
      reply,
      'requests/decline.njk',
      {
        pageTitle: `Tell ${result.value.from.agencyName} why you are not sharing`,
        request: view,
        requesterAgency: result.value.from.agencyName,
        recordingClause: deps.packs.policy(result.value.pack).clauses.recording,
        decisionId,
        note: values.note ?? (decision.kind === 'ok' ? decision.value.reasons : null) ?? '',
        problem,
        errors,
      },
      statusCode ?? (problem || errors.length ? 400 : 200),
    );
  }

  app.get<{ Params: RequestParams }>('/requests/:requestId/decline', async (request, reply) => {
    const { requestId } = request.params;
    const decisionId = field(request.query, 'decision');
    return declinePage(request, reply, requestId, decisionId, {});
  });

  app.post<{ Params: RequestParams }>('/requests/:requestId/decline', async (request, reply) => {
    const { actor } = signedIn(request);
    const { requestId } = request.params;
    const decisionId = field(request.body, 'decisionId');
    const text = field(request.body, 'note');
    const result = await declineRequest(deps, actor, requestId, { decisionId, note: text, seen: seen(request.body as FormBody) });
    if (result.kind === 'not_found') return reply.callNotFound();
    if (result.kind === 'ok') {
      request.session.flash = 'The request is declined. The agency that asked can see your reasons.';
      return reply.redirect(`/requests/${requestId}`, 303);
    }
    if (result.kind === 'conflict') return declinePage(request, reply, requestId, decisionId, { note: text }, [], result.reason, 409);
    if (result.kind !== 'invalid') throw new Error(`unexpected outcome: ${result.kind}`);
    const problem = result.errors.find((e) => e.path === 'decisionId')?.message;
    return declinePage(
      request,
      reply,
      requestId,
      decisionId,
      { note: text },
      result.errors.filter((e) => e.path !== 'decisionId'),
      problem,
    );
  });
}
