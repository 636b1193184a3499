// Schemas of the breach register API (/api/v1/breaches, /disclosures/{id}/return): the request
// bodies are the domain's own schemas (dates as ISO 8601 strings), and the responses are described
// here, from which the OpenAPI document is generated (breachOpenApi below).
import { z } from 'zod';
import {
  actionSchema,
  assessBreachSchema,
  BREACH_STATUSES,
  CLOCK_STATES,
  closeBreachSchema,
  deadlineMetSchema,
  icoDecisionSchema,
  individualsDecisionSchema,
  meetingSchema,
  reportBreachSchema,
  triageBreachSchema,
} from '../domain/breaches.ts';
import { DURATION_UNITS } from '../domain/protocol/pack.ts';
import { returnDisclosureSchema } from '../use-cases/disclosures/return-disclosure.ts';

const id = z.uuid();
const at = z.iso.datetime().describe('ISO 8601 date and time, UTC');
const optionalAt = at.nullable();

export const BREACH_BODIES = {
  ReportBreach: reportBreachSchema,
  TriageBreach: triageBreachSchema,
  AssessBreach: assessBreachSchema,
  IcoDecision: icoDecisionSchema,
  IndividualsDecision: individualsDecisionSchema,
  BreachMeeting: meetingSchema,
  BreachDeadlineMet: deadlineMetSchema,
  BreachAction: actionSchema,
  CloseBreach: closeBreachSchema,
  ReturnDisclosure: returnDisclosureSchema,
} as const;

export const breachRowSchema = z.strictObject({
  id,
  kind: z.enum(['reported', 'returned_disclosure']),
  status: z.enum(BREACH_STATUSES),
  severity: z.string().nullable(),
  reportedAt: at,
  identifiedAt: at,
  closedAt: optionalAt,
  reportingAgency: z.strictObject({ id, name: z.string() }),
  leadAgency: z.strictObject({ id, name: z.string() }),
  icoDecision: z.enum(['reported', 'not_reported']).nullable(),
  nextDueAt: optionalAt,
  overdueClocks: z.number().int(),
  href: z.string(),
});
export const breachRegisterSchema = z.strictObject({ scope: z.enum(['partnership', 'agency', 'own']), breaches: z.array(breachRowSchema) });

export const breachViewSchema = z.strictObject({
  id,
  version: z.number().int().describe('Send it back as `seen` with a step: if the breach has changed since, the step does nothing and answers 409 saying what changed (ADR 0073)'),
  kind: z.enum(['reported', 'returned_disclosure']),
  status: z.enum(BREACH_STATUSES),
  pack: z.string(),
  scope: z.enum(['full', 'register']).describe('"register": the partnership manager\'s view, without children or narrative'),
  reportedAt: at,
  identifiedAt: at,
  occurredAt: optionalAt,
  reportedByName: z.string().nullable(),
  reportingAgency: z.strictObject({ id, name: z.string() }),
  leadAgency: z.strictObject({ id, name: z.string() }),
  parties: z.array(z.strictObject({ agencyId: id, name: z.string(), capacities: z.array(z.string()) })),
  children: z.array(z.strictObject({ id, name: z.string(), dateOfBirth: z.string() })),
  disclosures: z.array(z.strictObject({ id, sentAt: at, status: z.string(), fromAgencyName: z.string(), toAgencyName: z.string() })),
  narrative: z.strictObject({ what: z.string(), how: z.string() }).nullable(),
  severity: z.string().nullable(),
  assessedAt: optionalAt,
  triagedAt: optionalAt,
  meetingAt: optionalAt,
  closedAt: optionalAt,
  ico: z.strictObject({ decision: z.enum(['reported', 'not_reported']).nullable(), reference: z.string().nullable(), reportedAt: optionalAt, decidedAt: optionalAt }),
  individuals: z.strictObject({ decision: z.enum(['told', 'not_told']).nullable(), toldAt: optionalAt, decidedAt: optionalAt }),
  clocks: z.array(
    z.strictObject({
      id: z.string(),
      action: z.string(),
      who: z.string(),
      clause: z.string(),
      within: z.strictObject({ amount: z.number().int(), unit: z.enum(DURATION_UNITS) }),
      from: z.string(),
      startedAt: optionalAt,
      dueAt: optionalAt,
      metAt: optionalAt,
      metBy: z.string().nullable(),
      state: z.enum(CLOCK_STATES),
      recordable: z.boolean(),
    }),
  ),
  events: z.array(
    z.strictObject({
      id,
      at,
      kind: z.string(),
      byName: z.string().nullable(),
      byAgencyName: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      note: z.record(z.string(), z.string().nullable()).nullable(),
    }),
  ),
  can: z.strictObject({ triage: z.boolean(), assess: z.boolean(), investigate: z.boolean(), recordMeeting: z.boolean() }),
});
export const breachStepResultSchema = z.strictObject({ id, status: z.enum(BREACH_STATUSES), links: z.strictObject({ self: z.string() }) });
export const breachCreatedSchema = z.strictObject({ id, links: z.strictObject({ self: z.string() }) });

const json = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** The OpenAPI paths and component schemas of the breach register. */
export function breachOpenApi(problems: Record<string, unknown>) {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const ok = (status: string, description: string, name: string) => ({ [status]: { description, content: { 'application/json': { schema: ref(name) } } } });
  const conflict = { '409': { description: 'Conflict: the step cannot happen now (the `detail` says why)', content: { 'application/problem+json': { schema: ref('Problem') } } } };
  const param = (name: string, format = 'uuid') => ({ name, in: 'path', required: true, schema: { type: 'string', ...(format ? { format } : {}) } });
  const op = (operationId: string, summary: string, rest: Record<string, unknown>) => ({ operationId, summary, tags: ['Breaches and incidents'], ...rest });
  const step = (operationId: string, summary: string, body: string, extra: object[] = []) => ({
    post: op(operationId, summary, {
      parameters: [param('breachId'), ...extra],
      requestBody: { required: true, content: { 'application/json': { schema: ref(body) } } },
      responses: { ...ok('200', 'Recorded', 'BreachStepResult'), ...problems, ...conflict },
    }),
  });
  return {
    schemas: {
      ...Object.fromEntries(Object.entries(BREACH_BODIES).map(([name, s]) => [name, json(s, 'input')])),
      BreachRegister: json(breachRegisterSchema, 'output'),
      BreachView: json(breachViewSchema, 'output'),
      BreachStepResult: json(breachStepResultSchema, 'output'),
      BreachCreated: json(breachCreatedSchema, 'output'),
    },
    paths: {
      '/breaches': {
        get: op('listBreaches', 'The breach register: every breach for the partnership manager, those your agency is party to for IG staff, your own reports otherwise', {
          responses: { ...ok('200', 'The register', 'BreachRegister'), ...problems },
        }),
        post: op('reportBreach', 'Report a suspected breach; the protocol’s clocks start from `identifiedAt`', {
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReportBreach') } } },
          responses: { ...ok('201', 'Reported', 'BreachCreated'), ...problems },
        }),
      },
      '/breaches/{breachId}': {
        get: op('getBreach', 'One breach with its clocks and history (audited)', { parameters: [param('breachId')], responses: { ...ok('200', 'The breach', 'BreachView'), ...problems } }),
      },
      '/breaches/{breachId}/triage': step('triageBreach', 'Triage (the reporting agency’s IG lead): confirm for investigation, or not a breach with reasons', 'TriageBreach'),
      '/breaches/{breachId}/assess': step('assessBreach', 'Record the joint risk assessment’s severity grade (one of the pack’s `breach.severityGrades`)', 'AssessBreach'),
      '/breaches/{breachId}/ico': step('recordIcoDecision', "Record the decision about the Information Commissioner's Office (meets the `ico` clock)", 'IcoDecision'),
      '/breaches/{breachId}/individuals': step('recordIndividualsDecision', 'Record the decision about telling the people affected', 'IndividualsDecision'),
      '/breaches/{breachId}/meeting': step('recordBreachMeeting', 'Record the partners’ meeting; starts the clocks that count from it', 'BreachMeeting'),
      '/breaches/{breachId}/deadlines/{deadlineId}': step('recordBreachDeadlineMet', 'Record a step of the procedure as done', 'BreachDeadlineMet', [param('deadlineId', '')]),
      '/breaches/{breachId}/actions': step('addBreachAction', 'Record an action taken or agreed', 'BreachAction'),
      '/breaches/{breachId}/close': step('closeBreach', 'Close with outcome and lessons (after the grade and both decisions)', 'CloseBreach'),
      '/disclosures/{disclosureId}/return': {
        post: op('returnDisclosure', 'Return or refuse information your agency received: its copy is destroyed, an incident opened and the sender told', {
          parameters: [param('disclosureId')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReturnDisclosure') } } },
          responses: { ...ok('201', 'Returned; the incident opened', 'BreachCreated'), ...problems, ...conflict },
        }),
      },
    },
  };
}
