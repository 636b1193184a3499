// Break-glass access over the JSON API (/api/v1/break-glass, ADR 0050): ask for time-limited access
// to a child your agency does not work with, approve or refuse (where the pack asks for approval),
// and review it as the child's lead agency. The same use cases as the web; not found or out of
// reach → 404, a broken rule → 422, a step that cannot happen now → 409. Nothing is cached.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { BREAK_GLASS_GRANTS, BREAK_GLASS_REVIEW_OUTCOMES, breakGlassRequestSchema, breakGlassReviewSchema } from '../domain/break-glass.ts';
import { ROLES } from '../domain/staff.ts';
import { signedIn } from '../http/auth.ts';
import { decideBreakGlass } from '../use-cases/break-glass/decide-break-glass.ts';
import { listBreakGlass } from '../use-cases/break-glass/list-break-glass.ts';
import { requestBreakGlass } from '../use-cases/break-glass/request-break-glass.ts';
import { reviewBreakGlass } from '../use-cases/break-glass/review-break-glass.ts';
import { viewBreakGlass } from '../use-cases/break-glass/view-break-glass.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import type { Outcome } from '../use-cases/kernel/outcome.ts';
import { invalidProblem, notFoundProblem, problem } from './problem.ts';

const id = z.uuid();
const at = z.iso.datetime().describe('ISO 8601 date and time, UTC');
const status = z.enum(['requested', 'granted', 'refused']);
const outcome = z.enum(BREAK_GLASS_REVIEW_OUTCOMES).nullable();

export const breakGlassListSchema = z.strictObject({
  breakGlass: z.array(
    z.strictObject({ id, agency: z.string(), requestedBy: z.string(), requestedAt: at, status, expiresAt: at.nullable(), reviewOutcome: outcome, awaitingOurReview: z.boolean(), href: z.string() }),
  ),
});
export const breakGlassViewSchema = z.strictObject({
  id,
  childId: id,
  agency: z.string(),
  requestedBy: z.string(),
  requestedAt: at,
  reason: z.string(),
  status,
  hours: z.number().int(),
  expiresAt: at.nullable(),
  reviewOutcome: outcome,
  reviewNote: z.string().nullable(),
  reviewedAt: at.nullable(),
  breachId: id.nullable(),
  mayDecide: z.boolean(),
  mayReview: z.boolean(),
  rule: z.strictObject({ grant: z.enum(BREAK_GLASS_GRANTS), hours: z.number().int(), approverRoles: z.array(z.enum(ROLES)), clause: z.string() }),
});
export const breakGlassRequestedSchema = z.strictObject({ id, status: z.enum(['requested', 'granted']), childId: id, expiresAt: at.nullable(), href: z.string() });
export const breakGlassDecidedSchema = z.strictObject({ status: z.enum(['granted', 'refused']), expiresAt: at.nullable() });
export const breakGlassReviewedSchema = z.strictObject({ breachId: id.nullable() });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const send = (reply: FastifyReply, body: unknown, code = 200) => reply.code(code).header('cache-control', 'no-store').send(body);
const href = (bgId: string) => `/api/v1/break-glass/${bgId}`;
const body = (b: unknown): Record<string, unknown> => (b && typeof b === 'object' ? (b as Record<string, unknown>) : {});

function failure(reply: FastifyReply, o: Exclude<Outcome<unknown>, { kind: 'ok' }>) {
  if (o.kind === 'invalid') return invalidProblem(reply, o.errors);
  if (o.kind === 'conflict') return problem(reply, 409, 'Conflict', o.reason);
  if (o.kind === 'forbidden') return problem(reply, 403, 'Forbidden', o.reason);
  return notFoundProblem(reply);
}

export async function breakGlassApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/break-glass', async (request, reply) => {
    const r = await listBreakGlass(deps, signedIn(request).actor);
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, {
      breakGlass: r.value.map((b) => ({
        id: b.id,
        agency: b.agencyName,
        requestedBy: b.requestedByName,
        requestedAt: b.requestedAt.toISOString(),
        status: b.status as 'granted',
        expiresAt: iso(b.expiresAt),
        reviewOutcome: b.reviewOutcome as 'appropriate' | null,
        awaitingOurReview: b.awaitingOurReview,
        href: href(b.id),
      })),
    } satisfies z.input<typeof breakGlassListSchema>);
  });

  app.post('/break-glass', async (request, reply) => {
    const r = await requestBreakGlass(deps, signedIn(request).actor, body(request.body));
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, { ...r.value, expiresAt: iso(r.value.expiresAt), href: href(r.value.id) } satisfies z.input<typeof breakGlassRequestedSchema>, 201);
  });

  app.get<{ Params: { id: string } }>('/break-glass/:id', async (request, reply) => {
    const r = await viewBreakGlass(deps, signedIn(request).actor, request.params.id);
    if (r.kind !== 'ok') return failure(reply, r);
    const v = r.value;
    return send(reply, {
      id: v.id,
      childId: v.childId,
      agency: v.agencyName,
      requestedBy: v.requestedByName,
      requestedAt: v.requestedAt.toISOString(),
      reason: v.reason,
      status: v.status as 'granted',
      hours: v.hours,
      expiresAt: iso(v.expiresAt),
      reviewOutcome: v.reviewOutcome as 'appropriate' | null,
      reviewNote: v.reviewNote,
      reviewedAt: iso(v.reviewedAt),
      breachId: v.breachId,
      mayDecide: v.mayDecide,
      mayReview: v.mayReview,
      rule: v.rule,
    } satisfies z.input<typeof breakGlassViewSchema>);
  });

  for (const answer of ['approve', 'refuse'] as const) {
    app.post<{ Params: { id: string } }>(`/break-glass/:id/${answer}`, async (request, reply) => {
      const r = await decideBreakGlass(deps, signedIn(request).actor, request.params.id, answer);
      if (r.kind !== 'ok') return failure(reply, r);
      return send(reply, { status: r.value.status, expiresAt: iso(r.value.expiresAt) } satisfies z.input<typeof breakGlassDecidedSchema>);
    });
  }

  app.post<{ Params: { id: string } }>('/break-glass/:id/review', async (request, reply) => {
    const r = await reviewBreakGlass(deps, signedIn(request).actor, request.params.id, body(request.body));
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, r.value satisfies z.input<typeof breakGlassReviewedSchema>);
  });
}

export function breakGlassOpenApi(problems: Record<string, unknown>, json: (schema: z.ZodType, io?: 'input' | 'output') => unknown) {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const ok = (code: string, description: string, name: string) => ({ [code]: { description, content: { 'application/json': { schema: ref(name) } } } });
  const conflict = { '409': { description: 'Conflict: the step cannot happen now (the `detail` says why)', content: { 'application/problem+json': { schema: ref('Problem') } } } };
  const param = { name: 'breakGlassId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const op = (operationId: string, summary: string, rest: Record<string, unknown>) => ({ operationId, summary, tags: ['Break-glass access'], ...rest });
  const decide = (answer: 'approve' | 'refuse') => ({
    post: op(
      `${answer}BreakGlass`,
      `${answer === 'approve' ? 'Approve' : 'Refuse'} a request (a designated manager of the requester’s agency, where the pack’s \`breakGlass.grant\` is \`lead_approval\`)`,
      {
        parameters: [param],
        responses: { ...ok('200', 'Answered', 'BreakGlassDecided'), ...problems, ...conflict },
      },
    ),
  });
  return {
    schemas: {
      BreakGlassRequest: json(breakGlassRequestSchema, 'input'),
      BreakGlassReview: json(breakGlassReviewSchema, 'input'),
      BreakGlassList: json(breakGlassListSchema),
      BreakGlassView: json(breakGlassViewSchema),
      BreakGlassRequested: json(breakGlassRequestedSchema),
      BreakGlassDecided: json(breakGlassDecidedSchema),
      BreakGlassReviewed: json(breakGlassReviewedSchema),
    },
    paths: {
      '/break-glass': {
        get: op('listBreakGlass', 'Break-glass requests of your agency’s staff, and grants on children your agency holds a record for (to review)', {
          responses: { ...ok('200', 'The list', 'BreakGlassList'), ...problems },
        }),
        post: op(
          'requestBreakGlass',
          'Ask for time-limited access to a child your agency does not work with, by NHS number and date of birth, with a reason; granted at once or sent for approval as the pack says',
          {
            requestBody: { required: true, content: { 'application/json': { schema: ref('BreakGlassRequest') } } },
            responses: { ...ok('201', 'Requested or granted', 'BreakGlassRequested'), ...problems, ...conflict },
          },
        ),
      },
      '/break-glass/{breakGlassId}': {
        get: op('getBreakGlass', 'One request with its reason and review (audited)', { parameters: [param], responses: { ...ok('200', 'The request', 'BreakGlassView'), ...problems } }),
      },
      '/break-glass/{breakGlassId}/approve': decide('approve'),
      '/break-glass/{breakGlassId}/refuse': decide('refuse'),
      '/break-glass/{breakGlassId}/review': {
        post: op('reviewBreakGlass', 'Review a grant as the child’s lead agency (safeguarding or IG lead): appropriate, or not with a note, optionally opening a breach report', {
          parameters: [param],
          requestBody: { required: true, content: { 'application/json': { schema: ref('BreakGlassReview') } } },
          responses: { ...ok('200', 'Reviewed', 'BreakGlassReviewed'), ...problems, ...conflict },
        }),
      },
    },
  };
}
