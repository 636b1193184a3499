// Schemas of the rights requests API (/api/v1/rights-requests): the request bodies are the
// domain's own schemas (dates as ISO 8601 strings), the responses are described here, and the
// OpenAPI document is generated from both (rightsOpenApi below).
import { z } from 'zod';
import {
  answerConsultationSchema,
  answerSchema,
  CLOCK_STATES,
  CONSULTATION_ANSWERS,
  clarificationSchema,
  extendSchema,
  logRightsRequestSchema,
  REQUESTER_KINDS,
  RIGHTS_KINDS,
  RIGHTS_OUTCOMES,
  RIGHTS_STATUSES,
  verifySchema,
  withholdSchema,
} from '../domain/rights.ts';

const id = z.uuid();
const at = z.iso.datetime().describe('ISO 8601 date and time, UTC');
const optionalAt = at.nullable();

export const RIGHTS_BODIES = {
  LogRightsRequest: logRightsRequestSchema,
  VerifyRightsIdentity: verifySchema,
  RightsClarification: clarificationSchema,
  ExtendRightsDeadline: extendSchema,
  AnswerRightsRequest: z.intersection(answerSchema, z.object({ correctionId: z.uuid().optional().nullable() })),
  WithholdRightsItem: withholdSchema,
  AnswerRightsConsultation: answerConsultationSchema,
} as const;

export const rightsRowSchema = z.strictObject({
  id,
  kind: z.enum(RIGHTS_KINDS),
  requesterKind: z.enum(REQUESTER_KINDS),
  status: z.enum(RIGHTS_STATUSES),
  receivedAt: at,
  verifiedAt: optionalAt,
  dueAt: optionalAt,
  outcome: z.enum(RIGHTS_OUTCOMES).nullable(),
  answeredAt: optionalAt,
  href: z.string(),
});
export const rightsListSchema = z.strictObject({ requests: z.array(rightsRowSchema) });

const consultationSchema = z.strictObject({
  id,
  sourceAgency: z.strictObject({ id, name: z.string() }),
  askedAt: at,
  dueAt: at,
  answeredAt: optionalAt,
  answer: z.enum(CONSULTATION_ANSWERS).nullable(),
});
const entrySchema = z.strictObject({
  ref: z.string(),
  section: z.enum(['decision', 'request', 'disclosure']),
  at,
  title: z.string(),
  text: z.string(),
  sourceAgency: z.strictObject({ id, name: z.string() }),
});

export const rightsViewSchema = rightsRowSchema.extend({
  childId: id.nullable(),
  summary: z.string(),
  evidence: z.string().nullable(),
  reasons: z.string().nullable(),
  extensionMonths: z.number().int(),
  clock: z.strictObject({ state: z.enum(CLOCK_STATES), startsAt: optionalAt, firstDueAt: optionalAt, dueAt: optionalAt, pausedDays: z.number().int() }),
  access: z.strictObject({ entries: z.array(entrySchema), sources: z.array(z.strictObject({ id, name: z.string(), entries: z.number().int() })) }).nullable(),
  consultations: z.array(consultationSchema),
  withheld: z.array(z.strictObject({ itemRef: z.string(), reason: z.string(), sourceAgencyId: id.nullable(), note: z.string().nullable(), withheldAt: at })),
  packs: z.array(z.strictObject({ id, producedAt: at, byteSize: z.number().int(), sha256: z.string(), href: z.string() })),
});
export const rightsStepResultSchema = z.strictObject({ id, status: z.enum(RIGHTS_STATUSES), dueAt: optionalAt, links: z.strictObject({ self: z.string() }) });
export const rightsCreatedSchema = z.strictObject({ id, status: z.enum(RIGHTS_STATUSES), links: z.strictObject({ self: z.string() }) });
export const consultationListSchema = z.strictObject({ consultations: z.array(consultationSchema.extend({ requestId: id, handlingAgencyName: z.string() })) });
export const consultationViewSchema = z.strictObject({
  consultation: consultationSchema.extend({ requestId: id, handlingAgencyName: z.string() }),
  reasons: z.string().nullable(),
  entries: z.array(entrySchema),
});
export const packCreatedSchema = z.strictObject({ id, byteSize: z.number().int(), links: z.strictObject({ download: z.string() }) });

const json = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** The OpenAPI paths and component schemas of rights requests. */
export function rightsOpenApi(problems: Record<string, unknown>) {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const ok = (status: string, description: string, name: string) => ({ [status]: { description, content: { 'application/json': { schema: ref(name) } } } });
  const conflict = { '409': { description: 'Conflict: the step cannot happen now (the `detail` says why)', content: { 'application/problem+json': { schema: ref('Problem') } } } };
  const param = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const op = (operationId: string, summary: string, rest: Record<string, unknown>) => ({ operationId, summary, tags: ['Rights requests'], ...rest });
  const step = (operationId: string, summary: string, body: string) => ({
    post: op(operationId, summary, {
      parameters: [param('requestId')],
      requestBody: { required: true, content: { 'application/json': { schema: ref(body) } } },
      responses: { ...ok('200', 'Recorded', 'RightsStepResult'), ...problems, ...conflict },
    }),
  });
  return {
    schemas: {
      ...Object.fromEntries(Object.entries(RIGHTS_BODIES).map(([name, s]) => [name, json(s, 'input')])),
      RightsList: json(rightsListSchema, 'output'),
      RightsView: json(rightsViewSchema, 'output'),
      RightsStepResult: json(rightsStepResultSchema, 'output'),
      RightsCreated: json(rightsCreatedSchema, 'output'),
      RightsConsultations: json(consultationListSchema, 'output'),
      RightsConsultationView: json(consultationViewSchema, 'output'),
      RightsPackCreated: json(packCreatedSchema, 'output'),
    },
    paths: {
      '/rights-requests': {
        get: op('listRightsRequests', 'Your agency’s rights requests (for its IG lead)', { responses: { ...ok('200', 'The requests', 'RightsList'), ...problems } }),
        post: op('logRightsRequest', 'Log a rights request (access, rectification, erasure, restriction, objection, or FOI — routed to the partnership)', {
          requestBody: { required: true, content: { 'application/json': { schema: ref('LogRightsRequest') } } },
          responses: { ...ok('201', 'Logged', 'RightsCreated'), ...problems },
        }),
      },
      '/rights-requests/consultations': {
        get: op('listRightsConsultations', 'Consultations your agency has been asked as a source agency', { responses: { ...ok('200', 'The consultations', 'RightsConsultations'), ...problems } }),
      },
      '/rights-requests/consultations/{consultationId}': {
        get: op('getRightsConsultation', 'A consultation with the entries your agency supplied (audited)', {
          parameters: [param('consultationId')],
          responses: { ...ok('200', 'The consultation', 'RightsConsultationView'), ...problems },
        }),
        post: op('answerRightsConsultation', 'Answer a consultation: no exemption, or the exemption that applies with reasons', {
          parameters: [param('consultationId')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('AnswerRightsConsultation') } } },
          responses: { '204': { description: 'Answered' }, ...problems, ...conflict },
        }),
      },
      '/rights-requests/{requestId}': {
        get: op('getRightsRequest', 'One request with its clock; for access, everything held about the child and its sources (audited)', {
          parameters: [param('requestId')],
          responses: { ...ok('200', 'The request', 'RightsView'), ...problems },
        }),
      },
      '/rights-requests/{requestId}/identity': step('verifyRightsIdentity', 'Record identity and authority; starts the clock (DUAA 2025)', 'VerifyRightsIdentity'),
      '/rights-requests/{requestId}/clarification-asked': step('askRightsClarification', 'Ask for clarification: the clock pauses', 'RightsClarification'),
      '/rights-requests/{requestId}/clarification-received': step('receiveRightsClarification', 'Clarification received: the clock runs again', 'RightsClarification'),
      '/rights-requests/{requestId}/extension': step('extendRightsDeadline', 'Extend by up to two further months, within the first month, with reasons', 'ExtendRightsDeadline'),
      '/rights-requests/{requestId}/answer': step(
        'answerRightsRequest',
        'Answer with the outcome and reasons (erasure and restriction checked against retention and legal holds)',
        'AnswerRightsRequest',
      ),
      '/rights-requests/{requestId}/consultations': {
        post: op('consultRightsSources', 'Consult each agency whose information the access response holds', {
          parameters: [param('requestId')],
          responses: { '204': { description: 'Consulted' }, ...problems, ...conflict },
        }),
      },
      '/rights-requests/{requestId}/withheld': {
        post: op('withholdRightsItem', 'Withhold one item of the access response, with its reason for the schedule', {
          parameters: [param('requestId')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('WithholdRightsItem') } } },
          responses: { '204': { description: 'Withheld' }, ...problems, ...conflict },
        }),
      },
      '/rights-requests/{requestId}/packs': {
        post: op('produceRightsPack', 'Produce the response pack: a tagged PDF with a cover letter and the schedule of what was withheld', {
          parameters: [param('requestId')],
          responses: { ...ok('201', 'Produced', 'RightsPackCreated'), ...problems, ...conflict },
        }),
      },
      '/rights-requests/{requestId}/packs/{packId}': {
        get: op('downloadRightsPack', 'Download a response pack (audited)', {
          parameters: [param('requestId'), param('packId')],
          responses: { '200': { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...problems },
        }),
      },
    },
  };
}
