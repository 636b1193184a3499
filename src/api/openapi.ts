// The OpenAPI 3.1 document, generated from the same zod schemas the API validates with.

import { z } from 'zod';
import { answersSchema } from '../domain/decision/answers.ts';
import { agreementOpenApi } from './agreement-schemas.ts';
import { auditOpenApi } from './audit-schemas.ts';
import { breachOpenApi } from './breach-schemas.ts';
import { breakGlassOpenApi } from './break-glass.ts';
import { disposalOpenApi } from './disposal-schemas.ts';
import { disputesOpenApi } from './disputes-schemas.ts';
import { DISCLOSURE_BODY_LIMIT, exchangeOpenApi } from './exchange-schemas.ts';
import { peopleOpenApi } from './people-schemas.ts';
import { rightsOpenApi } from './rights-schemas.ts';
import {
  approvalBodySchema,
  childViewSchema,
  decisionResultSchema,
  decisionStepResultSchema,
  decisionViewSchema,
  problemSchema,
  recordDecisionBodySchema,
  recordedDecisionSchema,
  withdrawDecisionBodySchema,
} from './schemas.ts';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** The creating operations that take an `Idempotency-Key` header (src/api/idempotency.ts, ADR 0071). */
export const IDEMPOTENT_CREATES = ['recordDecision', 'makeRequest', 'reportBreach', 'raiseDispute', 'recordComplaint', 'createAgreement'] as const;

/** Add the Idempotency-Key header to those operations. */
function withIdempotencyKeys<P extends Record<string, Record<string, unknown>>>(paths: P): P {
  for (const item of Object.values(paths)) {
    const post = item.post as { operationId?: string; parameters?: unknown[]; responses?: Record<string, unknown> } | undefined;
    if (!post?.operationId || !(IDEMPOTENT_CREATES as readonly string[]).includes(post.operationId)) continue;
    post.parameters = [...(post.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
    post.responses = {
      ...post.responses,
      '409': { description: 'The Idempotency-Key was already used for a different request', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    };
  }
  return paths;
}

export function openApiDocument() {
  const problems = {
    '401': { description: 'Not signed in, or the API key is not valid', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    '404': { description: 'Not found, or outside your access', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    '422': { description: 'Validation failed: see errors[].path', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
  };
  const audit = auditOpenApi(problems);
  const exchange = exchangeOpenApi(problems, DISCLOSURE_BODY_LIMIT);
  const disputes = disputesOpenApi(problems);
  const breaches = breachOpenApi(problems);
  const breakGlass = breakGlassOpenApi(problems, json);
  const rights = rightsOpenApi(problems);
  const people = peopleOpenApi(problems);
  const agreements = agreementOpenApi(problems);
  const disposals = disposalOpenApi(problems);
  const uuidParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Concord API',
      version: '1.0.0',
      description:
        'Multi-agency information sharing to safeguard children. Authenticate with `Authorization: Bearer <API key>` (create keys under "API keys" in the web app) or a signed-in session; with a session, unsafe requests need the `X-CSRF-Token` header. Every read of personal data is audited.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ apiKey: [] }, { session: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: concord_<prefix>_<secret>' },
        session: { type: 'apiKey', in: 'cookie', name: 'concord_session' },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'A key of your own (8–200 letters, digits, `.`, `:`, `-`, `_`; a UUID is ideal) that makes a retried create safe: the same key with the same body answers with the first call’s outcome and creates nothing more; the same key with a different body is refused (409).',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,200}$' },
        },
      },
      schemas: {
        Answers: json(answersSchema, 'input'),
        Decision: json(decisionResultSchema),
        RecordDecision: json(recordDecisionBodySchema, 'input'),
        RecordedDecision: json(recordedDecisionSchema),
        DecisionView: json(decisionViewSchema),
        DecisionApproval: json(approvalBodySchema, 'input'),
        WithdrawDecision: json(withdrawDecisionBodySchema, 'input'),
        DecisionStepResult: json(decisionStepResultSchema),
        Child: json(childViewSchema),
        Problem: json(problemSchema),
        ...audit.schemas,
        ...exchange.schemas,
        ...disputes.schemas,
        ...breaches.schemas,
        ...breakGlass.schemas,
        ...rights.schemas,
        ...people.schemas,
        ...agreements.schemas,
        ...disposals.schemas,
      },
    },
    paths: withIdempotencyKeys({
      '/decisions/evaluate': {
        post: {
          operationId: 'evaluateDecision',
          summary: 'Ask the decision engine whether and how to share (nothing is recorded)',
          description:
            "The advice follows the protocol pack of the caller's partnership, or the pack named by `pack`. The decision names the pack it was made under, and each rule that comes from the pack cites the pack's clause.",
          parameters: [
            {
              name: 'pack',
              in: 'query',
              required: false,
              description: "A loaded protocol pack as id@version (default: your partnership's pack). An unknown pack is a 422 problem with path `pack`.",
              schema: { type: 'string', pattern: '^[a-z0-9_-]+@[0-9A-Za-z.-]+$', examples: ['national-baseline@2026.4'] },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Answers' } } } },
          responses: { '200': { description: 'The advice', content: { 'application/json': { schema: { $ref: '#/components/schemas/Decision' } } } }, ...problems },
        },
      },
      '/children/{childId}': {
        get: {
          operationId: 'getChild',
          summary: "A child's record with their decisions (audited)",
          parameters: [uuidParam('childId')],
          responses: { '200': { description: 'The child', content: { 'application/json': { schema: { $ref: '#/components/schemas/Child' } } } }, ...problems },
        },
      },
      '/children/{childId}/decisions': {
        post: {
          operationId: 'recordDecision',
          summary: 'Record a sharing decision for a child: the answers, and what is or is not shared, with whom and why',
          description:
            "On its own, or with `context`: `context.requestId` makes it your answer to a request allocated to you (the recipient must be the agency that asked; decline the request citing it, or send information under it), and `context.sourceDisclosureId` makes it a decision to pass received information on (it needs every originator's agreement, and cites it). Send the information itself with `POST /disclosures`.",
          parameters: [uuidParam('childId')],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/RecordDecision' } } } },
          responses: { '201': { description: 'Recorded', content: { 'application/json': { schema: { $ref: '#/components/schemas/RecordedDecision' } } } }, ...problems },
        },
      },
      '/decisions/{decisionId}': {
        get: {
          operationId: 'getDecision',
          summary: 'One recorded decision in full (audited)',
          parameters: [uuidParam('decisionId')],
          responses: { '200': { description: 'The decision', content: { 'application/json': { schema: { $ref: '#/components/schemas/DecisionView' } } } }, ...problems },
        },
      },
      '/decisions/{decisionId}/approval': {
        post: {
          operationId: 'answerDecisionApproval',
          summary: 'A designated manager approves or refuses sharing against or without the advice (where the protocol requires it)',
          description:
            'Where the partnership\'s pack names an approver (`departures.approverRole`, e.g. Haringey 2006 s.4.6), a decision to share against the advice ("seek advice" or "do not share") waits for someone else in the deciding agency holding that role. Nothing can be sent under it until they approve. A refusal needs `note`. The practitioner is notified (without personal data).',
          parameters: [uuidParam('decisionId')],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/DecisionApproval' } } } },
          responses: {
            '200': { description: 'The answer is recorded on the decision', content: { 'application/json': { schema: { $ref: '#/components/schemas/DecisionStepResult' } } } },
            ...problems,
            '409': { description: 'Already approved or refused, or withdrawn', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
          },
        },
      },
      '/decisions/{decisionId}/withdrawal': {
        post: {
          operationId: 'withdrawDecision',
          summary: 'Withdraw a decision to share before anything is sent under it (the practitioner who recorded it, or their agency’s leads)',
          parameters: [uuidParam('decisionId')],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/WithdrawDecision' } } } },
          responses: {
            '200': { description: 'Withdrawn', content: { 'application/json': { schema: { $ref: '#/components/schemas/DecisionStepResult' } } } },
            ...problems,
            '409': {
              description: 'Not a decision to share, already withdrawn, or information already sent under it',
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
            },
          },
        },
      },
      ...audit.paths,
      ...exchange.paths,
      ...disputes.paths,
      ...breaches.paths,
      ...breakGlass.paths,
      ...rights.paths,
      ...people.paths,
      ...agreements.paths,
      ...disposals.paths,
    }),
  };
}
