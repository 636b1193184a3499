// JSON API /api/v1 over the same use cases as the web pages.
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseAnswers } from '../domain/decision/answers.ts';
import { decide } from '../domain/decision/engine.ts';
import type { Actor } from '../domain/staff.ts';
import { resolveApiKey, resolveSessionUser, type SessionSettings, signedIn } from '../http/auth.ts';
import { requestInputErrors } from '../http/input.ts';
import { viewChild } from '../use-cases/children/view-child.ts';
import { approveDeparture } from '../use-cases/decisions/approve-departure.ts';
import { recordDecision } from '../use-cases/decisions/record-decision.ts';
import { type DecisionView, viewDecision } from '../use-cases/decisions/view-decision.ts';
import { withdrawDecision } from '../use-cases/decisions/withdraw-decision.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { fieldErrors, type Outcome } from '../use-cases/kernel/outcome.ts';
import { agreementApiRoutes } from './agreements.ts';
import { auditApiRoutes, PUBLIC_AUDIT_ROUTES } from './audit.ts';
import { breachApiRoutes } from './breaches.ts';
import { breakGlassApiRoutes } from './break-glass.ts';
import { disposalApiRoutes } from './disposals.ts';
import { disputeApiRoutes } from './disputes.ts';
import { exchangeApiRoutes } from './exchange.ts';
import { idempotency } from './idempotency.ts';
import { openApiDocument } from './openapi.ts';
import { peopleApiRoutes } from './people.ts';
import { invalidProblem, notFoundProblem, problem } from './problem.ts';
import { rightsApiRoutes } from './rights.ts';
import { approvalBodySchema, decisionContextSchema, withdrawDecisionBodySchema } from './schemas.ts';

/** A decision as the API shows it: dates as ISO 8601 strings. */
const decisionJson = (d: Omit<DecisionView, 'childName'>) => ({
  ...d,
  decidedAt: d.decidedAt.toISOString(),
  approval: { ...d.approval, at: d.approval.at?.toISOString() ?? null },
  withdrawal: d.withdrawal ? { ...d.withdrawal, at: d.withdrawal.at.toISOString() } : null,
});

export async function apiPlugin(app: FastifyInstance, opts: { deps: Deps; session: SessionSettings; rateLimit: number }) {
  const { deps, session } = opts;
  const document = openApiDocument();
  // Calls per minute from one client address (the connection's, or a configured proxy's
  // X-Forwarded-For, ADR 0040), counted before the key is checked, so guessing keys is limited too.
  if (opts.rateLimit > 0) await app.register(rateLimit, { global: true, max: opts.rateLimit, timeWindow: '1 minute' });

  app.get('/openapi.json', async (_request, reply) => reply.send(document));

  // NUL and other control characters are refused for every operation, before anything else (src/http/input.ts).
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const errors = requestInputErrors(request);
    if (errors.length) return problem(reply, 400, 'Bad request', 'A field contains a NUL or another control character. Remove it and try again.', errors);
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.url === '/api/v1/openapi.json' || PUBLIC_AUDIT_ROUTES.includes(request.routeOptions.url ?? '')) return;
    const key = await resolveApiKey(deps, request);
    if (key === 'refused') return problem(reply, 401, 'Unauthorised', 'The API key is missing, revoked or not valid.');
    if (typeof key === 'object') return problem(reply, 403, 'Forbidden', key.refusal);
    if (key === 'ok') return;
    const state = await resolveSessionUser(deps, session, request, 'api');
    if (state !== 'ok') return problem(reply, 401, 'Unauthorised', 'Sign in, or send an API key as "Authorization: Bearer <key>".');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      await new Promise<void>((resolve, reject) => app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve())));
    }
  });

  app.setNotFoundHandler(async (_request, reply) => notFoundProblem(reply));
  app.setErrorHandler(apiErrorHandler);

  // Under the actor's partnership's protocol pack by default; ?pack=id@version asks about any loaded pack.
  app.post('/decisions/evaluate', async (request, reply) => {
    const { staff } = signedIn(request);
    const answers = parseAnswers(request.body);
    const wanted = (request.query as { pack?: unknown }).pack;
    const ref = typeof wanted === 'string' && wanted !== '' ? wanted : staff.pack;
    const packError =
      wanted !== undefined && (typeof wanted !== 'string' || !deps.packs.get(wanted))
        ? { path: 'pack', message: `There is no protocol pack "${typeof wanted === 'string' ? wanted : String(wanted)}" in this deployment: use id@version of a loaded pack, e.g. ${staff.pack}` }
        : undefined;
    if (!answers.ok || packError) return invalidProblem(reply, [...(answers.ok ? [] : answers.errors), ...(packError ? [packError] : [])]);
    return reply.send(decide(answers.value, deps.packs.policy(ref)));
  });

  app.post<{ Params: { childId: string } }>('/children/:childId/decisions', async (request, reply) => {
    const { childId } = request.params;
    const body = (request.body ?? {}) as { answers?: unknown; record?: unknown; context?: unknown };
    if (typeof body !== 'object' || Array.isArray(body)) return invalidProblem(reply, [{ path: '_', message: 'Send an object with answers and record' }]);
    // The optional context: the request the decision answers, or received information it is about passing on.
    const context = decisionContextSchema.optional().safeParse(body.context ?? undefined);
    if (!context.success)
      return invalidProblem(
        reply,
        fieldErrors(context.error.issues).map((e) => ({ path: e.path === '_' ? 'context' : `context.${e.path}`, message: e.message })),
      );
    const result = await recordDecision(deps, signedIn(request).actor, childId, {
      answers: body.answers,
      record: body.record,
      ...(context.data ? { context: context.data } : {}),
      submission: idempotency(request),
    });
    if (result.kind === 'not_found') return notFoundProblem(reply);
    if (result.kind === 'invalid') return invalidProblem(reply, result.errors);
    if (result.kind !== 'ok') return problem(reply, 409, 'Conflict', result.kind === 'conflict' ? result.reason : undefined);
    const self = `/api/v1/decisions/${result.value.decisionId}`;
    return reply
      .code(201)
      .header('location', self)
      .send({ id: result.value.decisionId, childId, decision: result.value.decision, links: { self, child: `/api/v1/children/${childId}` } });
  });

  app.get<{ Params: { decisionId: string } }>('/decisions/:decisionId', async (request, reply) => {
    const result = await viewDecision(deps, signedIn(request).actor, request.params.decisionId);
    if (result.kind !== 'ok') return notFoundProblem(reply);
    const d = result.value;
    const { childName: _childName, ...rest } = d;
    return reply.header('cache-control', 'no-store').send(decisionJson(rest));
  });

  // A designated manager approves or refuses sharing against the advice (Haringey 2006 s.4.6), and
  // a decision to share not yet acted on is withdrawn: the same use cases as the decision page.
  const decisionStep = async (reply: FastifyReply, decisionId: string, actor: Actor, result: Outcome<unknown>) => {
    if (result.kind === 'not_found' || result.kind === 'forbidden') return notFoundProblem(reply);
    if (result.kind === 'invalid') return invalidProblem(reply, result.errors);
    if (result.kind === 'conflict') return problem(reply, 409, 'Conflict', result.reason);
    const view = await viewDecision(deps, actor, decisionId);
    if (view.kind !== 'ok') return notFoundProblem(reply);
    return reply.header('cache-control', 'no-store').send({ id: decisionId, state: view.value.state, approvalStatus: view.value.approval.status, links: { self: `/api/v1/decisions/${decisionId}` } });
  };
  app.post<{ Params: { decisionId: string } }>('/decisions/:decisionId/approval', async (request, reply) => {
    const body = approvalBodySchema.safeParse(request.body ?? {});
    if (!body.success) return invalidProblem(reply, fieldErrors(body.error.issues));
    const { actor } = signedIn(request);
    return decisionStep(reply, request.params.decisionId, actor, await approveDeparture(deps, actor, request.params.decisionId, body.data));
  });
  app.post<{ Params: { decisionId: string } }>('/decisions/:decisionId/withdrawal', async (request, reply) => {
    const body = withdrawDecisionBodySchema.safeParse(request.body ?? {});
    if (!body.success) return invalidProblem(reply, fieldErrors(body.error.issues));
    const { actor } = signedIn(request);
    return decisionStep(reply, request.params.decisionId, actor, await withdrawDecision(deps, actor, request.params.decisionId, body.data));
  });

  app.get<{ Params: { childId: string } }>('/children/:childId', async (request, reply) => {
    // The API's record shows decisions, not the exchange between agencies (served by /requests and /disclosures).
    const result = await viewChild(deps, signedIn(request).actor, request.params.childId, { exchanges: false });
    if (result.kind !== 'ok') return notFoundProblem(reply);
    const { child: c, family, agencies, decisions } = result.value;
    return reply.header('cache-control', 'no-store').send({
      id: c.id,
      givenName: c.given_name,
      familyName: c.family_name,
      aliases: c.aliases,
      dateOfBirth: c.date_of_birth,
      gender: c.gender,
      ethnicity: c.ethnicity,
      address: c.address,
      postcode: c.postcode,
      phone: c.phone,
      currentSetting: c.current_setting,
      nhsNumber: c.nhs_number,
      careLeaver: c.care_leaver,
      send: c.send,
      family: family.map((f) => ({
        id: f.id,
        givenName: f.given_name,
        familyName: f.family_name,
        relationship: f.relationship,
        parentalResponsibility: f.parental_responsibility,
        isCarer: f.is_carer,
        livesWithChild: f.lives_with_child,
      })),
      agencies: agencies.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
      decisions: decisions.map((d) => ({
        id: d.id,
        decidedAt: d.decidedAt.toISOString(),
        decidedBy: d.decidedByName,
        agency: d.agencyName,
        outcome: d.outcome,
        action: d.action,
        purpose: d.purpose,
        recipient: d.recipient,
        state: d.state,
        href: `/api/v1/decisions/${d.id}`,
      })),
    });
  });

  await app.register(auditApiRoutes, { deps });
  await app.register(exchangeApiRoutes, { deps });
  await app.register(disputeApiRoutes, { deps });
  await app.register(breachApiRoutes, { deps });
  await app.register(breakGlassApiRoutes, { deps });
  await app.register(rightsApiRoutes, { deps });
  await app.register(peopleApiRoutes, { deps });
  await app.register(agreementApiRoutes, { deps });
  await app.register(disposalApiRoutes, { deps });
}

/** Every error under /api/ as a problem document: CSRF, a body of the wrong type, too large or not
 *  JSON, too many calls, and anything unexpected (logged without the request's data, answered 500). */
async function apiErrorHandler(this: FastifyInstance, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') return problem(reply, 403, 'Forbidden', 'Send the X-CSRF-Token header with a session, or use an API key.');
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return problem(reply, 415, 'Unsupported media type', 'Send application/json.');
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return problem(reply, 413, 'Payload too large', `The request body is larger than this endpoint accepts (${Math.floor((request.routeOptions.bodyLimit ?? 0) / 1024)} KiB).`);
  }
  if (error.statusCode === 429) return problem(reply, 429, 'Too many requests', 'Too many calls from this client: wait a minute (see Retry-After), then try again.');
  if (error.statusCode === 400) return problem(reply, 400, 'Bad request', 'The request body is not valid JSON.');
  if (error.statusCode && error.statusCode < 500) return problem(reply, error.statusCode, 'Request refused');
  request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'api request failed');
  return problem(reply, 500, 'Internal server error', 'Something went wrong. Nothing was recorded; try again.');
}

/** Anything else under /api/ (another path, version or method) is a problem document, never a web page. */
export async function apiNotFound(app: FastifyInstance) {
  app.setErrorHandler(apiErrorHandler);
  app.all('/', async (_request, reply) => notFoundProblem(reply));
  app.all('/*', async (_request, reply) => notFoundProblem(reply));
}
