// The breach register: the list, reporting a breach (from anywhere, or from a child or a disclosure),
// one breach with its clocks and each step of its procedure as its own form, and returning a
// disclosure (which opens an incident). Each form posts to its own route and comes back here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/staff.ts';
import { signedIn } from '../../http/auth.ts';
import { addBreachAction } from '../../use-cases/breaches/add-breach-action.ts';
import { assessBreach } from '../../use-cases/breaches/assess-breach.ts';
import { closeBreach } from '../../use-cases/breaches/close-breach.ts';
import { listBreachRegister } from '../../use-cases/breaches/list-breaches.ts';
import { recordBreachMeeting } from '../../use-cases/breaches/record-breach-meeting.ts';
import { recordDeadlineMet } from '../../use-cases/breaches/record-deadline-met.ts';
import { recordIcoDecision } from '../../use-cases/breaches/record-ico-decision.ts';
import { recordIndividualsDecision } from '../../use-cases/breaches/record-individuals-decision.ts';
import { reportBreach } from '../../use-cases/breaches/report-breach.ts';
import { triageBreach } from '../../use-cases/breaches/triage-breach.ts';
import { viewBreach } from '../../use-cases/breaches/view-breach.ts';
import { listDisclosures } from '../../use-cases/disclosures/list-disclosures.ts';
import { returnDisclosure } from '../../use-cases/disclosures/return-disclosure.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError, Outcome } from '../../use-cases/kernel/outcome.ts';
import { type FormBody, field, formSubmission, render } from '../render.ts';
import { dateTimeFields, formErrors, formInstant, presentBreach, presentRegister, returnReasons } from './presenter.ts';

type BreachParams = { breachId: string };

const takeFlash = (request: FastifyRequest) => {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
};
const list = (body: FormBody, name: string) => [body[name] ?? []].flat().filter(Boolean);

export async function breachRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/breaches', async (request, reply) => {
    const { actor } = signedIn(request);
    const register = presentRegister(await listBreachRegister(deps, actor), deps.now());
    return render(request, reply, 'breaches/index.njk', { pageTitle: 'Breaches and incidents', register, flash: takeFlash(request) });
  });

  // --- reporting ----------------------------------------------------------------------------------

  function reportPage(request: FastifyRequest, reply: FastifyReply, values: FormBody, errors: FieldError[] = []) {
    return render(
      request,
      reply,
      'breaches/new.njk',
      {
        pageTitle: 'Report a breach or incident',
        values,
        identifiedAt: dateTimeFields(values, 'identifiedAt'),
        occurredAt: dateTimeFields(values, 'occurredAt'),
        errors: errors.map((e) => ({ path: e.path.replace(/\..*$/, ''), message: e.message })),
      },
      errors.length ? 400 : 200,
    );
  }

  app.get('/breaches/new', async (request, reply) => {
    const q = (request.query ?? {}) as FormBody;
    return reportPage(request, reply, { childIds: field(q, 'child') || undefined, disclosureIds: field(q, 'disclosure') || undefined });
  });

  app.post('/breaches/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const body = (request.body ?? {}) as FormBody;
    const result = await reportBreach(
      deps,
      actor,
      {
        what: field(body, 'what'),
        how: field(body, 'how'),
        identifiedAt: formInstant(body, 'identifiedAt'),
        occurredAt: formInstant(body, 'occurredAt') || null,
        childIds: list(body, 'childIds'),
        disclosureIds: list(body, 'disclosureIds'),
      },
      formSubmission(request.body),
    );
    if (result.kind === 'ok') {
      request.session.flash = 'The breach is reported. Your agency’s information governance lead has been told, and the protocol’s clocks are running.';
      return reply.redirect(`/breaches/${result.value.breachId}`, 303);
    }
    if (result.kind !== 'invalid') return reply.callNotFound();
    return reportPage(request, reply, body, result.errors);
  });

  // --- one breach ---------------------------------------------------------------------------------

  async function breachPage(
    request: FastifyRequest,
    reply: FastifyReply,
    breachId: string,
    state: { form?: string; values?: FormBody; errors?: FieldError[]; problem?: string; statusCode?: number } = {},
  ) {
    const result = await viewBreach(deps, signedIn(request).actor, breachId);
    if (result.kind !== 'ok') return reply.callNotFound();
    const view = presentBreach(result.value, deps.now(), { form: state.form, values: state.values });
    return render(request, reply, 'breaches/show.njk', { pageTitle: view.title, breach: view, flash: takeFlash(request), problem: state.problem, errors: state.errors ?? [] }, state.statusCode ?? 200);
  }

  app.get<{ Params: BreachParams }>('/breaches/:breachId', async (request, reply) => breachPage(request, reply, request.params.breachId));

  function step(path: string, run: (actor: Actor, breachId: string, body: FormBody) => Promise<Outcome<unknown>>, done: string) {
    app.post<{ Params: BreachParams }>(`/breaches/:breachId/${path}`, async (request, reply) => {
      const { actor } = signedIn(request);
      const { breachId } = request.params;
      const body = (request.body ?? {}) as FormBody;
      const result = await run(actor, breachId, body);
      if (result.kind === 'not_found' || result.kind === 'forbidden') return reply.callNotFound();
      if (result.kind === 'ok') {
        request.session.flash = done;
        return reply.redirect(`/breaches/${breachId}`, 303);
      }
      if (result.kind === 'conflict') return breachPage(request, reply, breachId, { problem: result.reason, statusCode: 409 });
      return breachPage(request, reply, breachId, { form: path, values: body, errors: formErrors(path, result.errors), statusCode: 400 });
    });
  }

  const opt = (body: FormBody, name: string) => field(body, name) || undefined;
  step(
    'triage',
    (a, id, b) => triageBreach(deps, a, id, { seen: field(b, 'seen'), outcome: opt(b, 'outcome'), leadAgencyId: opt(b, 'leadAgencyId'), note: field(b, 'note') }),
    'Your triage is recorded.',
  );
  step('assess', (a, id, b) => assessBreach(deps, a, id, { seen: field(b, 'seen'), grade: opt(b, 'grade'), agencyIds: list(b, 'agencyIds'), note: field(b, 'note') }), 'The severity is recorded.');
  step(
    'ico',
    (a, id, b) =>
      recordIcoDecision(deps, a, id, {
        seen: field(b, 'seen'),
        decision: opt(b, 'decision'),
        reference: field(b, 'reference'),
        reportedAt: formInstant(b, 'reportedAt') || null,
        reasons: field(b, 'reasons'),
      }),
    "The decision about the Information Commissioner's Office is recorded.",
  );
  step(
    'individuals',
    (a, id, b) => recordIndividualsDecision(deps, a, id, { seen: field(b, 'seen'), decision: opt(b, 'decision'), toldAt: formInstant(b, 'toldAt') || null, reasons: field(b, 'reasons') }),
    'The decision about telling the people affected is recorded.',
  );
  step(
    'meeting',
    (a, id, b) => recordBreachMeeting(deps, a, id, { seen: field(b, 'seen'), heldAt: formInstant(b, 'heldAt'), note: field(b, 'note') }),
    'The meeting is recorded; the clocks that count from it have started.',
  );
  step(
    'deadline',
    (a, id, b) => recordDeadlineMet(deps, a, id, field(b, 'deadlineId'), { seen: field(b, 'seen'), metAt: formInstant(b, 'metAt'), note: field(b, 'note') }),
    'The step is recorded as done.',
  );
  step('action', (a, id, b) => addBreachAction(deps, a, id, { seen: field(b, 'seen'), note: field(b, 'note') }), 'The action is recorded.');
  step('close', (a, id, b) => closeBreach(deps, a, id, { seen: field(b, 'seen'), outcome: field(b, 'outcome'), lessons: field(b, 'lessons') }), 'The breach is closed.');

  // --- returning a disclosure ----------------------------------------------------------------------

  async function returnPage(request: FastifyRequest, reply: FastifyReply, disclosureId: string, values: FormBody, errors: FieldError[] = [], problem?: string) {
    // Only information the actor could open (it is not opened here: refusing need not read it).
    const d = (await listDisclosures(deps, signedIn(request).actor)).received.find((x) => x.id === disclosureId);
    if (!d) return reply.callNotFound();
    return render(
      request,
      reply,
      'breaches/return.njk',
      {
        pageTitle: 'Return or refuse this information',
        disclosure: { id: d.id, from: d.fromAgencyName, sentAt: d.sentAt, childName: d.childName },
        reasons: returnReasons(values.reason),
        note: field(values, 'note'),
        errors,
        problem,
      },
      problem ? 409 : errors.length ? 400 : 200,
    );
  }

  app.get<{ Params: { disclosureId: string } }>('/disclosures/:disclosureId/return', async (request, reply) => returnPage(request, reply, request.params.disclosureId, {}));

  app.post<{ Params: { disclosureId: string } }>('/disclosures/:disclosureId/return', async (request, reply) => {
    const { actor } = signedIn(request);
    const { disclosureId } = request.params;
    const body = (request.body ?? {}) as FormBody;
    const result = await returnDisclosure(deps, actor, disclosureId, { reason: opt(body, 'reason'), note: field(body, 'note') });
    if (result.kind === 'ok') {
      request.session.flash = 'The information is returned and your copy destroyed. An incident is open, and the sender has been told.';
      return reply.redirect(`/breaches/${result.value.breachId}`, 303);
    }
    if (result.kind === 'invalid') return returnPage(request, reply, disclosureId, body, result.errors);
    if (result.kind === 'conflict') return returnPage(request, reply, disclosureId, body, [], result.reason);
    return reply.callNotFound();
  });
}
