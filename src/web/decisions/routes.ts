// "Record a sharing decision": one question per page (only the questions the flowchart needs
// next), check answers, the advice with reasons, lawful bases and conditions, then what is or is
// not shared, with whom and why, and a confirmation. Works without JavaScript; the answers in
// progress live in the server-side session, never in the URL. A journey may start from a request
// (the decision answers it: the recipient is the agency that asked) or from received information
// (passing it on: only to agencies the originators agreed to); that context lives in the session too.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Answers } from '../../domain/decision/answers.ts';
import { decide } from '../../domain/decision/engine.ts';
import { completeAnswers, journeyAnswers, lastQuestion, nextStep, questionFor, questionPlace, readAnswer, withAnswer } from '../../domain/decision/journey.ts';
import { QUESTIONS, type QuestionId } from '../../domain/decision/questions.ts';
import { advisedAction, approverNeeded, departureRule } from '../../domain/decision-record.ts';
import { citedProtocols } from '../../domain/protocol/citations.ts';
import type { Actor, Sector } from '../../domain/staff.ts';
import { signedIn } from '../../http/auth.ts';
import { type ChildIdentity, identifyChild } from '../../use-cases/children/identify-child.ts';
import { approveDeparture } from '../../use-cases/decisions/approve-departure.ts';
import { recordDecision } from '../../use-cases/decisions/record-decision.ts';
import { startDecision } from '../../use-cases/decisions/start-decision.ts';
import { viewDecision } from '../../use-cases/decisions/view-decision.ts';
import { withdrawDecision } from '../../use-cases/decisions/withdraw-decision.ts';
import { listOnwardRecipients } from '../../use-cases/disclosures/list-onward-recipients.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import { listAgencies } from '../../use-cases/partnerships/list-agencies.ts';
import { viewRequest } from '../../use-cases/requests/view-request.ts';
import { childCaption } from '../children/presenter.ts';
import { field, formSubmission, render } from '../render.ts';
import type { JourneyContext } from '../types.ts';
import { type AdviceReaderView, adviceView, checkAnswersRows, decisionNext, decisionPage, questionView, recordView } from './presenter.ts';

type Params = { childId: string; question?: string };

export async function decisionRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const base = (childId: string) => `/children/${childId}/decisions/new`;
  const answersOf = (request: FastifyRequest, childId: string): Partial<Answers> => {
    const journey = request.session.journeys?.[childId];
    return journeyAnswers(journey?.known, journey?.answers);
  };
  const saveAnswers = (request: FastifyRequest, childId: string, answers: Partial<Answers>) => {
    const journey = request.session.journeys?.[childId];
    request.session.journeys = {
      ...(request.session.journeys ?? {}),
      [childId]: {
        answers: answers as Record<string, unknown>,
        known: journey?.known ?? {},
        ...(journey?.context ? { context: journey.context } : {}),
        ...(journey?.pack ? { pack: journey.pack } : {}),
      },
    };
  };
  /** A fresh journey for the child, answering a request or passing information on when `context` says so. */
  const startJourney = (request: FastifyRequest, childId: string, known: Record<string, unknown>, pack: string, context?: JourneyContext) => {
    request.session.journeys = { ...(request.session.journeys ?? {}), [childId]: { answers: {}, known, pack, ...(context ? { context } : {}) } };
  };
  const contextOf = (request: FastifyRequest, childId: string): JourneyContext | undefined => request.session.journeys?.[childId]?.context;
  /** The protocol pack a journey follows: the partnership's when it started, so a decision in
   *  progress when the partnership moves to a new version finishes under the one it started with
   *  (ADR 0088); the partnership's current one for a journey from before packs were kept. */
  const journeyPack = (request: FastifyRequest, childId: string): string => {
    const started = request.session.journeys?.[childId]?.pack;
    return started && deps.packs.get(started) ? started : signedIn(request).staff.pack;
  };
  /** The advice follows the journey's protocol pack. */
  const adviceFor = (request: FastifyRequest, childId: string, answers: Answers) => decide(answers, deps.packs.policy(journeyPack(request, childId)));
  /** Who reads the advice: citations from their partnership's pack (or the decision's) and the national
   *  baseline only; what to do worded for their agency (issue 15 item 4). */
  const readerOf = async (request: FastifyRequest, packRef: string | undefined): Promise<AdviceReaderView> => {
    const { actor } = signedIn(request);
    const pack = packRef ? deps.packs.get(packRef) : undefined;
    const sector = (await listAgencies(deps, actor)).find((a) => a.id === actor.agencyId)?.sector as Sector | undefined;
    return { cited: pack ? citedProtocols(pack) : null, sector };
  };
  const nextUrl = (childId: string, answers: Partial<Answers>) => `${base(childId)}/${nextStep(answers)}`;

  /** Start the journey: the use case confirms access and works out the child's age, which the
   *  session keeps as a known answer; then on to the first question. */
  async function begin(request: FastifyRequest, reply: FastifyReply, actor: Actor, childId: string, context?: JourneyContext) {
    const started = await startDecision(deps, actor, childId);
    if (started.kind !== 'ok') return reply.callNotFound();
    startJourney(request, childId, { childAge: started.value.childAge }, started.value.pack, context);
    return reply.redirect(nextUrl(childId, answersOf(request, childId)), 303);
  }

  /** Every journey page confirms the child is in reach (anything else is "not found") and names
   *  them in its caption and title. */
  async function guard(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const { actor } = signedIn(request);
    const { childId } = request.params;
    const child = await identifyChild(deps, actor, childId, 'decision.started');
    if (!child) {
      await reply.callNotFound();
      return undefined;
    }
    return { actor, childId, child, named: childCaption(child, 'Record a sharing decision') };
  }

  app.get<{ Params: Params }>('/children/:childId/decisions/new', async (request, reply) => {
    return begin(request, reply, signedIn(request).actor, request.params.childId);
  });

  // "Decide whether to share" from a request allocated to the actor: the decision answers it.
  app.get<{ Params: { requestId: string } }>('/requests/:requestId/decide', async (request, reply) => {
    const { actor } = signedIn(request);
    const { requestId } = request.params;
    const view = await viewRequest(deps, actor, requestId);
    if (view.kind !== 'ok' || !view.value.can.respond) return reply.callNotFound();
    return begin(request, reply, actor, view.value.childId, { requestId, recipient: { agencyId: view.value.from.agencyId, name: view.value.from.agencyName } });
  });

  // "Decide on sharing onward" from received information the originators agreed may go further.
  app.get<{ Params: { disclosureId: string } }>('/disclosures/:disclosureId/decide-onward', async (request, reply) => {
    const { actor } = signedIn(request);
    const { disclosureId } = request.params;
    const onward = await listOnwardRecipients(deps, actor, disclosureId);
    if (onward.kind === 'conflict') return render(request, reply, 'error.njk', { pageTitle: 'You cannot decide yet', statusCode: 409, heading: 'You cannot decide yet', body: onward.reason }, 409);
    if (onward.kind !== 'ok') return reply.callNotFound();
    return begin(request, reply, actor, onward.value.childId, { sourceDisclosureId: onward.value.disclosureId });
  });

  app.get<{ Params: Params }>('/children/:childId/decisions/new/check', async (request, reply) => {
    const g = await guard(request, reply);
    if (!g) return reply;
    const answers = answersOf(request, g.childId);
    if (!completeAnswers(answers)) return reply.redirect(nextUrl(g.childId, answers), 303);
    return render(request, reply, 'decisions/check.njk', {
      pageTitle: g.named.title('Check your answers'),
      caption: g.named.caption,
      childId: g.childId,
      rows: checkAnswersRows(g.childId, answers),
      back: `${base(g.childId)}/${lastQuestion(answers)}`,
    });
  });

  app.post<{ Params: Params }>('/children/:childId/decisions/new/check', async (request, reply) => {
    const g = await guard(request, reply);
    if (!g) return reply;
    const answers = answersOf(request, g.childId);
    if (!completeAnswers(answers)) return reply.redirect(nextUrl(g.childId, answers), 303);
    return reply.redirect(`${base(g.childId)}/advice`, 303);
  });

  app.get<{ Params: Params }>('/children/:childId/decisions/new/advice', async (request, reply) => {
    const g = await guard(request, reply);
    if (!g) return reply;
    const answers = answersOf(request, g.childId);
    const complete = completeAnswers(answers);
    if (!complete) return reply.redirect(nextUrl(g.childId, answers), 303);
    return render(request, reply, 'decisions/advice.njk', {
      pageTitle: g.named.title('Advice'),
      caption: g.named.caption,
      childId: g.childId,
      advice: adviceView(adviceFor(request, g.childId, complete), await readerOf(request, journeyPack(request, g.childId))),
    });
  });

  async function recordPage(request: FastifyRequest, reply: FastifyReply, child: ChildIdentity, answers: Answers, values: Record<string, unknown>, errors: { path: string; message: string }[] = []) {
    const childId = child.id;
    const named = childCaption(child, 'Record a sharing decision');
    const decision = adviceFor(request, childId, answers);
    const context = contextOf(request, childId);
    const { actor } = signedIn(request);
    let agencies = (await listAgencies(deps, actor)).filter((a) => a.id !== actor.agencyId && a.active);
    if (context?.sourceDisclosureId) {
      const onward = await listOnwardRecipients(deps, actor, context.sourceDisclosureId);
      if (onward.kind === 'not_found') return reply.callNotFound();
      const agreed = onward.kind === 'ok' ? new Set(onward.value.agencies.map((a) => a.id)) : new Set<string>();
      agencies = agencies.filter((a) => agreed.has(a.id));
    }
    return render(
      request,
      reply,
      'decisions/record.njk',
      {
        pageTitle: named.title(values.action === 'not_shared' ? 'Record your decision not to share' : 'Record your decision'),
        caption: named.caption,
        ...recordView(childId, decision, answers, agencies, context, values, await readerOf(request, decision.pack)),
        // Said before recording: sharing against the advice will wait for a designated manager (Haringey 2006 s.4.6).
        approverNeeded: approverNeeded(departureRule(deps.packs.get(journeyPack(request, childId))!), decision.outcome, 'shared', answers.harm),
        errors,
      },
      errors.length ? 400 : 200,
    );
  }

  app.get<{ Params: Params }>('/children/:childId/decisions/new/record', async (request, reply) => {
    const g = await guard(request, reply);
    if (!g) return reply;
    const answers = answersOf(request, g.childId);
    const complete = completeAnswers(answers);
    if (!complete) return reply.redirect(nextUrl(g.childId, answers), 303);
    // The page is worded for the decision being recorded: the one the person chose (kept when they
    // changed it, below), or the advised one.
    const draft = request.session.journeys?.[g.childId]?.record;
    return recordPage(request, reply, g.child, complete, draft ?? { action: advisedAction(adviceFor(request, g.childId, complete).outcome) });
  });

  app.post<{ Params: Params }>('/children/:childId/decisions/new/record', async (request, reply) => {
    const { actor } = signedIn(request);
    const { childId } = request.params;
    const answers = answersOf(request, childId);
    const context = contextOf(request, childId);
    const body = request.body;
    const record = {
      action: field(body, 'action') || undefined,
      // Answering a request is about sharing with the agency that asked; passing information on, only with a partner agency.
      recipientAgencyId: context?.recipient?.agencyId ?? field(body, 'recipientAgencyId'),
      recipientOther: context ? '' : field(body, 'recipientOther'),
      purposeDetail: field(body, 'purposeDetail'),
      informationShared: field(body, 'informationShared'),
      reasons: field(body, 'reasons'),
    };
    // "Update the page for this decision" (no JavaScript needed): keep what was typed, and show the
    // page again worded for the decision chosen, after a redirect (post-redirect-get).
    if (field(body, '_change') === 'action') {
      const journey = request.session.journeys?.[childId];
      if (journey) request.session.journeys = { ...request.session.journeys, [childId]: { ...journey, record: { ...record, action: record.action ?? '' } } };
      return reply.redirect(`${base(childId)}/record#action`, 303);
    }
    const linked = context ? { requestId: context.requestId ?? null, sourceDisclosureId: context.sourceDisclosureId ?? null } : undefined;
    const result = await recordDecision(deps, actor, childId, {
      answers,
      record,
      startedUnder: request.session.journeys?.[childId]?.pack,
      ...(linked ? { context: linked } : {}),
      submission: formSubmission(body),
    });
    if (result.kind === 'not_found') return reply.callNotFound();
    if (result.kind === 'ok') {
      const journeys = { ...(request.session.journeys ?? {}) };
      delete journeys[childId];
      request.session.journeys = journeys;
      const decisionId = result.value.decisionId;
      if (context && record.action === 'shared') return reply.redirect(`/decisions/${decisionId}/send`, 303);
      if (context?.requestId && record.action === 'not_shared') return reply.redirect(`/requests/${context.requestId}/decline?decision=${decisionId}`, 303);
      return reply.redirect(`/decisions/${decisionId}/confirmation`, 303);
    }
    if (result.kind !== 'invalid') throw new Error('unexpected outcome');
    // Answers are checked before this page is shown, so errors here are about the record.
    if (result.errors.some((e) => e.path.startsWith('answers.'))) return reply.redirect(nextUrl(childId, answers), 303);
    // A problem with the request or the received information is shown beside the decision itself.
    const errors = result.errors.map((e) => ({ path: e.path.startsWith('context.') ? 'action' : e.path.replace(/^record\./, ''), message: e.message }));
    const complete = completeAnswers(answers);
    if (!complete) return reply.redirect(nextUrl(childId, answers), 303);
    const child = await identifyChild(deps, actor, childId, 'decision.started');
    if (!child) return reply.callNotFound();
    return recordPage(request, reply, child, complete, record, errors);
  });

  /** A question page applies only if it is a real question the flowchart needs now. */
  async function questionGuard(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const g = await guard(request, reply);
    if (!g) return undefined;
    const answers = answersOf(request, g.childId);
    const found = questionFor(request.params.question ?? '', answers);
    if (found.kind === 'unknown') {
      await reply.callNotFound();
      return undefined;
    }
    if (found.kind === 'not_asked') {
      await reply.redirect(nextUrl(g.childId, answers), 303);
      return undefined;
    }
    return { ...g, id: found.id, question: found.question, answers };
  }

  app.get<{ Params: Params }>('/children/:childId/decisions/new/:question', async (request, reply) => {
    const g = await questionGuard(request, reply);
    if (!g) return reply;
    return questionPage(request, reply, g, g.id, g.answers, g.answers[g.id]);
  });

  app.post<{ Params: Params }>('/children/:childId/decisions/new/:question', async (request, reply) => {
    const g = await questionGuard(request, reply);
    if (!g) return reply;
    const { id, answers } = g;
    const read = readAnswer(g.question, { answer: field(request.body, 'answer'), ageUnknown: field(request.body, 'ageUnknown') === 'yes' });
    if (!read.ok) return questionPage(request, reply, g, id, answers, undefined, [{ path: 'answer', message: read.error }], field(request.body, 'answer'));
    const updated = withAnswer(answers, id, read.value);
    saveAnswers(request, g.childId, updated);
    return reply.redirect(nextUrl(g.childId, updated), 303);
  });

  async function questionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    { childId, named }: { childId: string; named: ReturnType<typeof childCaption> },
    id: QuestionId,
    answers: Partial<Answers>,
    current: unknown,
    errors: { path: string; message: string }[] = [],
    typed?: string,
  ) {
    const place = questionPlace(id, answers);
    const back = place.previous ? `${base(childId)}/${place.previous}` : `/children/${childId}`;
    const packRef = journeyPack(request, childId);
    const question = questionView(QUESTIONS[id], current, { cited: (await readerOf(request, packRef)).cited, whoMayConsent: deps.packs.get(packRef)?.consent.whoMayConsent ?? [] });
    return render(
      request,
      reply,
      'decisions/question.njk',
      { pageTitle: named.title(question.title), caption: named.caption, childId, id, question, back, typed, errors, step: place.step },
      errors.length ? 400 : 200,
    );
  }

  app.get<{ Params: { decisionId: string } }>('/decisions/:decisionId/confirmation', async (request, reply) => {
    const { actor } = signedIn(request);
    const { decisionId } = request.params;
    const result = await viewDecision(deps, actor, decisionId);
    if (result.kind !== 'ok') return reply.callNotFound();
    const d = result.value;
    // A decision to share with a partner agency: offer to send the information, until it has been sent.
    return render(request, reply, 'decisions/confirmation.njk', {
      pageTitle: 'Decision recorded',
      decision: decisionPage(d, await readerOf(request, d.result.pack)),
      next: decisionNext(d),
      sendHref: d.sendBlockers.length === 0 ? `/decisions/${d.id}/send` : null,
    });
  });

  /** The decision: what it has led to and its next action (send, approve or refuse, withdraw). */
  async function decisionShow(
    request: FastifyRequest,
    reply: FastifyReply,
    decisionId: string,
    form?: string,
    values: Record<string, unknown> = {},
    errors: FieldError[] = [],
    problem?: string,
    statusCode?: number,
  ) {
    const result = await viewDecision(deps, signedIn(request).actor, decisionId);
    if (result.kind !== 'ok') return reply.callNotFound();
    const flash = request.session.flash;
    if (flash) request.session.flash = undefined;
    return render(
      request,
      reply,
      'decisions/show.njk',
      {
        pageTitle: `Sharing decision: ${result.value.childName}`,
        decision: decisionPage(result.value, await readerOf(request, result.value.result.pack)),
        version: result.value.version,
        next: decisionNext(result.value, values),
        form,
        errors,
        problem,
        flash,
      },
      statusCode ?? (errors.length ? 400 : 200),
    );
  }

  app.get<{ Params: { decisionId: string } }>('/decisions/:decisionId', async (request, reply) => decisionShow(request, reply, request.params.decisionId));

  // A designated manager approves or refuses sharing against the advice (Haringey 2006 s.4.6).
  app.post<{ Params: { decisionId: string } }>('/decisions/:decisionId/approval', async (request, reply) => {
    const { decisionId } = request.params;
    const values = { answer: field(request.body, 'answer'), note: field(request.body, 'note') };
    const result = await approveDeparture(deps, signedIn(request).actor, decisionId, { answer: values.answer || undefined, note: values.note, seen: field(request.body, 'seen') || null });
    if (result.kind === 'not_found') return reply.callNotFound();
    if (result.kind === 'ok') {
      request.session.flash =
        result.value.approvalStatus === 'approved'
          ? 'You approved sharing. The practitioner has been told and can now send the information.'
          : 'You did not approve sharing. The practitioner has been told your reasons.';
      return reply.redirect(`/decisions/${decisionId}`, 303);
    }
    if (result.kind === 'conflict') return decisionShow(request, reply, decisionId, 'approval', values, [], result.reason, 409);
    if (result.kind !== 'invalid') throw new Error(`unexpected outcome: ${result.kind}`);
    return decisionShow(request, reply, decisionId, 'approval', values, result.errors);
  });

  app.post<{ Params: { decisionId: string } }>('/decisions/:decisionId/withdraw', async (request, reply) => {
    const { decisionId } = request.params;
    const values = { reason: field(request.body, 'reason') };
    const result = await withdrawDecision(deps, signedIn(request).actor, decisionId, { ...values, seen: field(request.body, 'seen') || null });
    if (result.kind === 'not_found') return reply.callNotFound();
    if (result.kind === 'ok') {
      request.session.flash = 'Decision withdrawn. Nothing will be sent under it.';
      return reply.redirect(`/decisions/${decisionId}`, 303);
    }
    if (result.kind === 'conflict') return decisionShow(request, reply, decisionId, 'withdraw', values, [], result.reason, 409);
    if (result.kind !== 'invalid') throw new Error(`unexpected outcome: ${result.kind}`);
    return decisionShow(request, reply, decisionId, 'withdraw', values, result.errors);
  });
}
