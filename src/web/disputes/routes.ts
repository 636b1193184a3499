// Disputes between agencies and complaints about the use or disclosure of information: the lists,
// raising a dispute (from a request, a decision or a child), one dispute with a form for each step
// — a stage's record, escalation, each agency's outcome and impact — and recording and answering a
// complaint. Each form posts to its own route and comes back to the record (post-redirect-get).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canReadRegister, canReadScrutiny } from '../../domain/registers.ts';
import { signedIn } from '../../http/auth.ts';
import { listComplaints } from '../../use-cases/complaints/list-complaints.ts';
import { recordComplaint } from '../../use-cases/complaints/record-complaint.ts';
import { respondToComplaint } from '../../use-cases/complaints/respond-to-complaint.ts';
import { viewComplaint } from '../../use-cases/complaints/view-complaint.ts';
import { escalateDispute } from '../../use-cases/disputes/escalate-dispute.ts';
import { listDisputes } from '../../use-cases/disputes/list-disputes.ts';
import { raiseDispute } from '../../use-cases/disputes/raise-dispute.ts';
import { recordDisputeImpact } from '../../use-cases/disputes/record-dispute-impact.ts';
import { recordDisputeStage } from '../../use-cases/disputes/record-dispute-stage.ts';
import { viewDispute } from '../../use-cases/disputes/view-dispute.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError, Outcome } from '../../use-cases/kernel/outcome.ts';
import { listAgencies } from '../../use-cases/partnerships/list-agencies.ts';
import { type FormBody, field, formSubmission, render } from '../render.ts';
import { complaintFormView, formErrors, presentComplaint, presentComplaintList, presentDispute, presentDisputeList, raiseFormView } from './presenter.ts';

type IdParams = { id: string };

const takeFlash = (request: FastifyRequest) => {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
};

export async function disputeRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/disputes', async (request, reply) => {
    const { actor, staff } = signedIn(request);
    const pack = deps.packs.get(staff.pack)!;
    return render(request, reply, 'disputes/index.njk', {
      pageTitle: 'Disputes and complaints',
      disputes: presentDisputeList(await listDisputes(deps, actor)),
      complaints: presentComplaintList(await listComplaints(deps, actor, staff.pack)),
      canRegister: canReadRegister(actor, pack),
      canScrutiny: canReadScrutiny(actor, pack),
      flash: takeFlash(request),
    });
  });

  // --- raising a dispute -----------------------------------------------------------------------

  async function raisePage(request: FastifyRequest, reply: FastifyReply, values: FormBody, errors: FieldError[] = []) {
    const { actor } = signedIn(request);
    const agencies = (await listAgencies(deps, actor)).filter((a) => a.active && a.id !== actor.agencyId);
    const link = { requestId: field(values, 'requestId'), decisionId: field(values, 'decisionId'), childId: field(values, 'childId') };
    return render(request, reply, 'disputes/new.njk', { pageTitle: 'Raise a dispute with another agency', form: raiseFormView(agencies, link, values), errors }, errors.length ? 400 : 200);
  }

  app.get('/disputes/new', async (request, reply) => raisePage(request, reply, (request.query ?? {}) as FormBody));

  app.post('/disputes/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const body = (request.body ?? {}) as FormBody;
    const result = await raiseDispute(
      deps,
      actor,
      {
        ground: (field(body, 'ground') || undefined) as never,
        requestId: field(body, 'requestId'),
        decisionId: field(body, 'decisionId'),
        childId: field(body, 'childId'),
        otherAgencyId: field(body, 'otherAgencyId'),
        summary: field(body, 'summary'),
      },
      formSubmission(request.body),
    );
    if (result.kind === 'ok') {
      request.session.flash = `The dispute is raised at stage 1. The people who act at that stage in both agencies have been told.`;
      return reply.redirect(`/disputes/${result.value.disputeId}`, 303);
    }
    if (result.kind !== 'invalid') return reply.callNotFound();
    return raisePage(request, reply, body, result.errors);
  });

  // --- one dispute --------------------------------------------------------------------------------

  async function disputePage(request: FastifyRequest, reply: FastifyReply, id: string, state: { form?: string; values?: FormBody; errors?: FieldError[]; problem?: string; statusCode?: number } = {}) {
    const result = await viewDispute(deps, signedIn(request).actor, id);
    if (result.kind !== 'ok') return reply.callNotFound();
    const view = presentDispute(result.value, { form: state.form, values: state.values });
    return render(
      request,
      reply,
      'disputes/show.njk',
      { pageTitle: view.title, dispute: view, flash: takeFlash(request), problem: state.problem, errors: state.errors ?? [] },
      state.statusCode ?? 200,
    );
  }

  app.get<{ Params: IdParams }>('/disputes/:id', async (request, reply) => disputePage(request, reply, request.params.id));

  function step(path: string, run: (id: string, body: FormBody, request: FastifyRequest) => Promise<Outcome<unknown>>, done: string) {
    app.post<{ Params: IdParams }>(`/disputes/:id/${path}`, async (request, reply) => {
      const { id } = request.params;
      const body = (request.body ?? {}) as FormBody;
      const result = await run(id, body, request);
      if (result.kind === 'not_found' || result.kind === 'forbidden') return reply.callNotFound();
      if (result.kind === 'ok') {
        request.session.flash = done;
        return reply.redirect(`/disputes/${id}`, 303);
      }
      if (result.kind === 'conflict') return disputePage(request, reply, id, { problem: result.reason, statusCode: 409 });
      return disputePage(request, reply, id, { form: path, values: body, errors: formErrors(path, result.errors), statusCode: 400 });
    });
  }
  step(
    'stage',
    (id, body, request) =>
      recordDisputeStage(deps, signedIn(request).actor, id, {
        seen: field(body, 'seen') || null,
        discussed: field(body, 'discussed'),
        outcome: (field(body, 'outcome') || undefined) as never,
        reasons: field(body, 'reasons'),
      }),
    'The stage is recorded.',
  );
  step(
    'escalate',
    (id, body, request) => escalateDispute(deps, signedIn(request).actor, id, { reason: field(body, 'reason'), seen: field(body, 'seen') || null }),
    'The dispute is escalated to the next stage. The people who act there have been told.',
  );
  step(
    'impact',
    (id, body, request) => recordDisputeImpact(deps, signedIn(request).actor, id, { outcome: field(body, 'outcome'), impact: field(body, 'impact') }),
    'Your agency’s outcome and impact are recorded.',
  );

  // --- complaints ---------------------------------------------------------------------------------

  async function complaintForm(request: FastifyRequest, reply: FastifyReply, values: FormBody, errors: FieldError[] = []) {
    const { actor } = signedIn(request);
    const agencies = (await listAgencies(deps, actor)).filter((a) => a.active);
    return render(
      request,
      reply,
      'disputes/complaint-new.njk',
      { pageTitle: 'Record a complaint', form: complaintFormView(agencies, field(values, 'childId'), values), errors },
      errors.length ? 400 : 200,
    );
  }

  app.get('/complaints/new', async (request, reply) => complaintForm(request, reply, (request.query ?? {}) as FormBody));

  app.post('/complaints/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const body = (request.body ?? {}) as FormBody;
    const result = await recordComplaint(
      deps,
      actor,
      {
        agencyId: field(body, 'agencyId'),
        complainant: (field(body, 'complainant') || undefined) as never,
        receivedOn: field(body, 'receivedOn'),
        childId: field(body, 'childId'),
        requestId: field(body, 'requestId'),
        disclosureId: field(body, 'disclosureId'),
        decisionId: field(body, 'decisionId'),
        summary: field(body, 'summary'),
      },
      formSubmission(request.body),
    );
    if (result.kind === 'ok') {
      request.session.flash = 'The complaint is recorded. The agency’s information governance team has been told.';
      return reply.redirect(`/complaints/${result.value.complaintId}`, 303);
    }
    if (result.kind !== 'invalid') return reply.callNotFound();
    return complaintForm(request, reply, body, result.errors);
  });

  async function complaintPage(request: FastifyRequest, reply: FastifyReply, id: string, values: FormBody = {}, errors: FieldError[] = [], problem?: string, statusCode = 200) {
    const result = await viewComplaint(deps, signedIn(request).actor, id);
    if (result.kind !== 'ok') return reply.callNotFound();
    const view = presentComplaint(result.value, values);
    return render(request, reply, 'disputes/complaint.njk', { pageTitle: view.title, complaint: view, flash: takeFlash(request), problem, errors }, statusCode);
  }

  app.get<{ Params: IdParams }>('/complaints/:id', async (request, reply) => complaintPage(request, reply, request.params.id));

  app.post<{ Params: IdParams }>('/complaints/:id/respond', async (request, reply) => {
    const { id } = request.params;
    const body = (request.body ?? {}) as FormBody;
    const result = await respondToComplaint(deps, signedIn(request).actor, id, {
      outcome: (field(body, 'outcome') || undefined) as never,
      respondedOn: field(body, 'respondedOn'),
      response: field(body, 'response'),
    });
    if (result.kind === 'not_found' || result.kind === 'forbidden') return reply.callNotFound();
    if (result.kind === 'ok') {
      request.session.flash = 'The complaint is answered and closed.';
      return reply.redirect(`/complaints/${id}`, 303);
    }
    if (result.kind === 'conflict') return complaintPage(request, reply, id, body, [], result.reason, 409);
    return complaintPage(request, reply, id, body, result.errors, undefined, 400);
  });
}
