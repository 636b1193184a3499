// Schemas of the disputes and complaints API (/api/v1/disputes, /complaints, /registers): request
// bodies (the domain's own schemas) and every response body, from which the OpenAPI document is
// generated (see disputesOpenApi below). Response schemas are strict: what is not described here is
// not sent (test/api/disputes.test.ts parses the responses with them).
import { z } from 'zod';
import { COMPLAINANTS, COMPLAINT_OUTCOMES, recordComplaintSchema, respondComplaintSchema } from '../domain/complaints.ts';
import { DISPUTE_GROUNDS, DISPUTE_STATUSES, escalateSchema, impactSchema, raiseDisputeSchema, stageRecordSchema } from '../domain/disputes.ts';
import { DISPUTE_DEADLINE_ACTIONS, DURATION_UNITS } from '../domain/protocol/pack.ts';
import { FINDINGS, findingSchema, REGISTER_KINDS } from '../domain/registers.ts';
import { ROLES } from '../domain/staff.ts';

const id = z.uuid();
const at = z.iso.datetime().describe('ISO 8601 date and time, UTC');
const href = z.string().describe('A path in this API');

export const raiseDisputeBodySchema = raiseDisputeSchema;
export const stageBodySchema = stageRecordSchema;
export const escalateBodySchema = escalateSchema;
export const impactBodySchema = impactSchema;
export const recordComplaintBodySchema = recordComplaintSchema;
export const respondComplaintBodySchema = respondComplaintSchema;

const duration = z.strictObject({ amount: z.number().int(), unit: z.enum(DURATION_UNITS) });

export const disputeViewSchema = z.strictObject({
  id,
  childId: id.nullable(),
  requestId: id.nullable(),
  decisionId: id.nullable(),
  ground: z.enum(DISPUTE_GROUNDS).nullable(),
  raisedBy: z.strictObject({ name: z.string(), agencyId: id, agencyName: z.string() }),
  other: z.strictObject({ agencyId: id, agencyName: z.string() }),
  pack: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  stage: z.number().int(),
  stageDueAt: at,
  overdue: z.boolean(),
  createdAt: at,
  concludedAt: at.nullable(),
  closedAt: at.nullable(),
  summary: z.string(),
  stages: z.array(
    z.strictObject({
      stage: z.number().int(),
      name: z.string(),
      who: z.array(z.string()),
      actedBy: z.array(z.enum(ROLES)),
      within: duration,
      onDeadline: z.enum(DISPUTE_DEADLINE_ACTIONS),
      record: z.array(z.string()),
    }),
  ),
  events: z.array(
    z.strictObject({
      at,
      kind: z.string(),
      stage: z.number().int(),
      byName: z.string().nullable(),
      byAgencyName: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      notes: z.record(z.string(), z.string().nullable()).nullable(),
    }),
  ),
  can: z.strictObject({ recordStage: z.boolean(), escalate: z.boolean(), recordImpact: z.boolean() }),
  links: z.strictObject({ self: href }),
});

export const disputeListSchema = z.strictObject({
  disputes: z.array(
    z.strictObject({
      id,
      childId: id.nullable(),
      raisingAgencyName: z.string(),
      otherAgencyName: z.string(),
      status: z.enum(DISPUTE_STATUSES),
      stage: z.number().int(),
      stageDueAt: at,
      overdue: z.boolean(),
      createdAt: at,
      links: z.strictObject({ self: href }),
    }),
  ),
});

export const disputeStepResultSchema = z.strictObject({ id, status: z.enum(DISPUTE_STATUSES), stage: z.number().int().optional(), stageDueAt: at.optional(), links: z.strictObject({ self: href }) });

export const complaintViewSchema = z.strictObject({
  id,
  agency: z.strictObject({ id, name: z.string() }),
  recordedBy: z.strictObject({ name: z.string(), agencyName: z.string() }),
  childId: id.nullable(),
  requestId: id.nullable(),
  disclosureId: id.nullable(),
  decisionId: id.nullable(),
  complainant: z.enum(COMPLAINANTS),
  receivedOn: z.string(),
  responseDueAt: at,
  overdue: z.boolean(),
  status: z.enum(['open', 'closed']),
  outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
  respondedOn: z.string().nullable(),
  summary: z.string(),
  response: z.string().nullable(),
  createdAt: at,
  closedAt: at.nullable(),
  can: z.strictObject({ respond: z.boolean() }),
  links: z.strictObject({ self: href }),
});

export const trendSchema = z.strictObject({
  published: z.boolean(),
  threshold: z.number().int(),
  clause: z.string(),
  since: at,
  rows: z.array(z.strictObject({ kind: z.enum(REGISTER_KINDS), month: z.string(), agency: z.string(), count: z.string().describe('A whole number, or "N or fewer" when published') })),
});

export const registerSchema = z.strictObject({
  pack: z.string(),
  items: z.array(
    z.strictObject({
      kind: z.enum(REGISTER_KINDS),
      id: z.uuid(),
      agencies: z.string(),
      status: z.string(),
      open: z.boolean(),
      stage: z.string().describe("The dispute's stage, the complaint's state, or the breach's status and severity"),
      dueAt: at.describe('The stage, the response or the soonest unmet breach deadline'),
      overdue: z.boolean(),
      openedAt: at,
      links: z.strictObject({ self: href }),
    }),
  ),
  trend: z.array(z.strictObject({ kind: z.enum(REGISTER_KINDS), month: z.string(), agency: z.string(), count: z.number().int() })),
  since: at,
});

export const scrutinySchema = z.strictObject({
  clause: z.string(),
  canRecord: z.boolean(),
  items: z.array(
    z.strictObject({
      decisionId: z.uuid(),
      decidedAt: at,
      agencyName: z.string(),
      purpose: z.string(),
      requestId: z.uuid().nullable(),
      requestDeclined: z.boolean(),
      requestingAgencyName: z.string().nullable(),
      reasons: z.string().nullable(),
      findings: z.array(z.strictObject({ id: z.uuid(), finding: z.enum(FINDINGS), note: z.string(), at, byName: z.string(), byAgencyName: z.string() })),
    }),
  ),
});
const findingBodySchema = findingSchema.extend({ subjectId: z.uuid().describe('The decision not to share') });
export const findingResultSchema = z.strictObject({ findingId: z.uuid() });

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const SCHEMAS = {
  RaiseDispute: [raiseDisputeBodySchema, 'input'],
  RecordDisputeStage: [stageBodySchema, 'input'],
  EscalateDispute: [escalateBodySchema, 'input'],
  RecordDisputeImpact: [impactBodySchema, 'input'],
  Dispute: [disputeViewSchema, 'output'],
  DisputeList: [disputeListSchema, 'output'],
  DisputeStepResult: [disputeStepResultSchema, 'output'],
  RecordComplaint: [recordComplaintBodySchema, 'input'],
  RespondToComplaint: [respondComplaintBodySchema, 'input'],
  Complaint: [complaintViewSchema, 'output'],
  RegisterTrend: [trendSchema, 'output'],
  Register: [registerSchema, 'output'],
  Scrutiny: [scrutinySchema, 'output'],
  RecordScrutinyFinding: [findingBodySchema, 'input'],
  ScrutinyFindingResult: [findingResultSchema, 'output'],
} as const satisfies Record<string, [z.ZodType, 'input' | 'output']>;
type SchemaName = keyof typeof SCHEMAS;

export function disputesOpenApi(problems: Record<string, unknown>) {
  const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
  const problemRef = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  const conflict = { '409': { description: 'Conflict: the step cannot happen in the current state (the `detail` says why)', content: problemRef } };
  const ok = (status: '200' | '201', description: string, name: SchemaName) => ({ [status]: { description, content: { 'application/json': { schema: ref(name) } } } });
  const body = (name: SchemaName) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
  const uuidParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const op = (operationId: string, summary: string, rest: Record<string, unknown>) => ({ operationId, summary, tags: ['Disputes and complaints'], ...rest });
  const step = (operationId: string, summary: string, name: SchemaName) => ({
    post: op(operationId, summary, {
      parameters: [uuidParam('disputeId')],
      requestBody: body(name),
      responses: { ...ok('200', 'The step is recorded', 'DisputeStepResult'), ...problems, ...conflict },
    }),
  });
  return {
    schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, [schema, io]]) => [name, json(schema, io)])),
    paths: {
      '/disputes': {
        get: op('listDisputes', 'Disputes your agency is party to (metadata only)', { responses: { ...ok('200', 'The disputes', 'DisputeList'), ...problems } }),
        post: op('raiseDispute', 'Raise a dispute with another agency, linked to a request, a decision or a child', {
          description:
            "Starts at the first stage of the partnership's protocol (pack `dispute.stages`), due after the stage's time (or the pack's `dispute.stageDeadline`). The people who act at the stage in both agencies are notified, without personal data.",
          requestBody: body('RaiseDispute'),
          responses: { ...ok('201', 'The dispute is raised', 'DisputeStepResult'), ...problems },
        }),
      },
      '/disputes/{disputeId}': {
        get: op('getDispute', 'One dispute with its stages and history (audited)', { parameters: [uuidParam('disputeId')], responses: { ...ok('200', 'The dispute', 'Dispute'), ...problems } }),
      },
      '/disputes/{disputeId}/stage': step('recordDisputeStage', 'Record the current stage: what was discussed, the outcome and why', 'RecordDisputeStage'),
      '/disputes/{disputeId}/escalate': step('escalateDispute', 'Escalate the dispute to the next stage', 'EscalateDispute'),
      '/disputes/{disputeId}/impact': step('recordDisputeImpact', "Record your agency's outcome and its impact (the dispute closes when both agencies have)", 'RecordDisputeImpact'),
      '/complaints': {
        post: op('recordComplaint', 'Record a complaint about the use or disclosure of personal information', {
          requestBody: body('RecordComplaint'),
          responses: { ...ok('201', 'The complaint is recorded', 'Complaint'), ...problems },
        }),
      },
      '/complaints/{complaintId}': {
        get: op('getComplaint', 'One complaint (audited)', { parameters: [uuidParam('complaintId')], responses: { ...ok('200', 'The complaint', 'Complaint'), ...problems } }),
      },
      '/complaints/{complaintId}/respond': {
        post: op('respondToComplaint', 'Record the outcome and response date, closing the complaint', {
          parameters: [uuidParam('complaintId')],
          requestBody: body('RespondToComplaint'),
          responses: { ...ok('200', 'The complaint is answered', 'Complaint'), ...problems, ...conflict },
        }),
      },
      '/registers': {
        get: op('getRegister', 'The central register: every dispute, complaint and breach in the partnership, as metadata, with the trend (audited)', {
          description: "For the partnership manager and the roles the pack's `dispute.centralRegister` names (Southampton 2010 s.13); 404 for everyone else.",
          responses: { ...ok('200', 'The register', 'Register'), ...problems },
        }),
      },
      '/registers/scrutiny': {
        get: op('getScrutiny', 'Decisions not to share and declined requests, with their reasons and findings (each read audited against its child)', {
          description: "For the statutory safeguarding partners and the pack's `scrutiny.findingsBy` (Wirral 2022 App. 2 s.5.4); the child is not identified.",
          responses: { ...ok('200', 'The scrutiny view', 'Scrutiny'), ...problems },
        }),
      },
      '/registers/scrutiny/findings': {
        post: op('recordScrutinyFinding', 'Record a scrutiny finding on a decision not to share', {
          requestBody: body('RecordScrutinyFinding'),
          responses: { ...ok('201', 'The finding is recorded', 'ScrutinyFindingResult'), ...problems },
        }),
      },
      '/registers/trend': {
        get: op('getRegisterTrend', 'Disputes, complaints and breaches by month and agency, for the central register keepers', {
          description: '`publish=yes`: for use outside the partnership, counts from 1 to the pack\'s small-number threshold (`aggregate.smallNumberThreshold`) are given as "N or fewer".',
          parameters: [{ name: 'publish', in: 'query', required: false, schema: { type: 'string', enum: ['yes', 'no'] } }],
          responses: { ...ok('200', 'The trend', 'RegisterTrend'), ...problems },
        }),
      },
    },
  };
}
