// Schemas of the requests-and-disclosures API (/api/v1/requests, /disclosures, /agreements,
// /corrections): the request bodies (reusing the domain's own schemas where they exist) and every
// response body, from which the OpenAPI document is generated (see exchangeOpenApi below).
//
// The body schemas check the shape at the boundary (types, required fields); the use cases keep
// every rule about content (lengths, what a note must say, who may act), so the messages are the
// same whichever way a practitioner comes in. Response schemas are strict: a field that is not
// described here is not sent (test/api/exchange.test.ts parses every response with them).
import { z } from 'zod';
import { LAWFUL_BASES } from '../domain/decision/lawful-bases.ts';
import {
  AGREEMENT_STATUSES,
  ATTACHMENT_TYPES,
  CORRECTION_STATUSES,
  DISCLOSURE_SCOPES,
  DISCLOSURE_STATUSES,
  disclosureInputSchema,
  ITEM_KINDS,
  itemInputSchema,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
} from '../domain/disclosures.ts';
import { REQUEST_STATUSES, requestInputSchema, URGENCIES } from '../domain/requests.ts';

const id = z.uuid();
const at = z.iso.datetime().describe('ISO 8601 date and time, UTC');
const optionalAt = at.nullable();
const href = z.string().describe('A path in this API');

// ---------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------

/** POST /children/{childId}/requests: the domain's own schema. */
export const makeRequestBodySchema = requestInputSchema;

const note = (required: string) => z.string({ error: required }).describe('Free text, at most 5000 characters; sealed at rest and never written to logs or the audit log');
const optionalNote = z.string().nullable().optional().describe('Free text, at most 5000 characters; sealed at rest');

export const triageBodySchema = z
  .object({
    outcome: z.enum(['accept', 'return'], { error: 'Select whether you accept the request or return it to the requester' }),
    checks: z.array(z.string()).optional().describe("To accept: the ids of every one of the protocol's scrutiny checks (see `scrutiny.checks` on the request)"),
    note: optionalNote.describe('To return: why, and what the request needs (required)'),
  })
  .strict();

export const allocateBodySchema = z
  .object({ allocateTo: z.string({ error: 'Select who will respond to the request' }).describe('A staff member of your agency (see `allocatable` on the request)') })
  .strict();

export const askBodySchema = z.object({ note: note('Say what more information you need') }).strict();
export const provideBodySchema = z.object({ note: note('Give the information the responder asked for') }).strict();
export const resubmitBodySchema = z.object({ note: note('Explain what you have clarified or changed') }).strict();
export const withdrawBodySchema = z.object({ note: note('Say why the request is withdrawn') }).strict();
export const declineBodySchema = z
  .object({
    decisionId: z.string({ error: 'Record your decision about this request before declining it' }).describe('Your recorded decision not to share, made with `context.requestId` naming this request'),
    note: note('Give the requester your reasons for not sharing'),
  })
  .strict();

export const attachmentBodySchema = z
  .object({
    filename: z.string({ error: 'Give the file name' }).describe('1 to 200 characters, without slashes'),
    contentType: z.string({ error: 'Give the content type' }).describe(`One of: ${Object.keys(ATTACHMENT_TYPES).join(', ')}`),
    contentBase64: z
      .string({ error: 'Give the file content, base64-encoded' })
      .describe(`The file, base64-encoded (RFC 4648 §4; line breaks are ignored); at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB decoded`),
  })
  .strict();

/** POST /disclosures: the domain's disclosure input, with attachments as base64 in the JSON body. */
export const sendDisclosureBodySchema = disclosureInputSchema.extend({
  attachments: z.array(attachmentBodySchema).max(MAX_ATTACHMENTS, `Attach at most ${MAX_ATTACHMENTS} files`).optional(),
});

/** POST /disclosures carries attachments as base64 in JSON: the most a valid body can need (every
 *  attachment at its limit, base64 being 4/3 of the bytes) and 1 MiB for the items and message. */
export const DISCLOSURE_BODY_LIMIT = Math.ceil((MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES * 4) / 3) + 1024 * 1024;

export const revokeBodySchema = z.object({ reason: optionalNote.describe('Why it is recalled (optional; the recipient is told only that it was withdrawn)') }).strict();

export const requestAgreementBodySchema = z
  .object({
    toAgencyId: z.string({ error: 'Select an agency that is a current party to the partnership’s information sharing agreement' }).describe('The agency you want to pass the information on to'),
    purpose: note('Say why you need to share this information and with whom'),
  })
  .strict();

export const answerAgreementBodySchema = z
  .object({
    answer: z.enum(['agree', 'refuse'], { error: 'Select whether you agree to the information being shared' }).optional().describe('One answer for every item (or answer each in `items`)'),
    reasons: optionalNote.describe('Required when refusing every item'),
    items: z
      .array(
        z.strictObject({
          itemId: z.string(),
          answer: z.enum(['agree', 'refuse'], { error: 'Select whether the item may be passed on' }),
          reason: optionalNote.describe('Required when refusing the item'),
        }),
      )
      .optional()
      .describe('An answer for each of your items in the information (Southampton 2010 s.10–11): every item answered, a refusal with its reason'),
  })
  .strict();

export const reportInaccuracyBodySchema = z
  .object({
    itemId: z.string({ error: 'Select the item that is inaccurate' }).describe('An item of this disclosure (`items[].id`)'),
    description: note('Say what is inaccurate and, if you know, what is correct'),
  })
  .strict();

export const decideCorrectionBodySchema = z
  .object({
    decision: z.enum(['correct', 'reject'], { error: 'Select whether you are correcting the information' }),
    correctedValue: optionalNote.describe('Required when correcting: the corrected information, sent to every agency that received the item'),
    note: optionalNote.describe('Required when rejecting: why the information is accurate'),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Responses: requests
// ---------------------------------------------------------------------------------------------

const requestStatus = z.enum(REQUEST_STATUSES);

export const requestCreatedSchema = z.strictObject({
  id,
  childId: id,
  status: z.literal('submitted'),
  dueAt: at.describe("When the receiving agency must answer, from the partnership's protocol and the urgency"),
  lawfulBasis: z.enum(LAWFUL_BASES).describe('The basis the request cites: the one sent, or the one suggested for its purpose when none was sent'),
  links: z.strictObject({ self: href }),
});

export const requestSummarySchema = z.strictObject({
  id,
  childId: id,
  childName: z.string(),
  fromAgencyName: z.string(),
  fromUserName: z.string(),
  toAgencyName: z.string(),
  allocatedName: z.string().nullable(),
  urgency: z.enum(URGENCIES),
  purpose: z.string(),
  status: requestStatus,
  dueAt: at,
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  createdAt: at,
  href,
});

export const requestQueuesSchema = z.strictObject({
  incoming: z.array(requestSummarySchema).describe('Requests to your agency: all of them for its SPoC and safeguarding lead (the triage queue), otherwise those allocated to you'),
  outgoing: z.array(requestSummarySchema).describe('Requests you (or, for a lead, your agency) have made'),
  isLead: z.boolean(),
});

export const requestViewSchema = z.strictObject({
  id,
  childId: id,
  child: z
    .strictObject({ name: z.string(), dateOfBirth: z.string(), nhsNumber: z.string().nullable(), address: z.string().nullable(), postcode: z.string().nullable() })
    .describe('The minimum the receiving agency needs to find the child in its own records'),
  from: z.strictObject({ agencyId: id, agencyName: z.string(), userId: id, userName: z.string() }),
  to: z.strictObject({ agencyId: id, agencyName: z.string() }),
  allocated: z.strictObject({ userId: id, name: z.string() }).nullable(),
  purpose: z.string(),
  lawfulBasis: z.string(),
  urgency: z.enum(URGENCIES),
  pack: z.string().describe('The protocol pack the request follows, as id@version'),
  status: requestStatus,
  dueAt: at,
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  createdAt: at,
  closedAt: optionalAt,
  response: z.string().nullable().describe('share_all, share_part, decline or more_info'),
  responseDecisionId: id.nullable(),
  informationNeeded: z.string(),
  reason: z.string(),
  consent: z.string(),
  consentDetail: z.string().nullable(),
  events: z.array(
    z.strictObject({ id, at, kind: z.string(), byName: z.string().nullable(), byAgencyName: z.string().nullable(), details: z.record(z.string(), z.unknown()), note: z.string().nullable() }),
  ),
  disclosures: z.array(z.strictObject({ id, sentAt: at, status: z.enum(DISCLOSURE_STATUSES), scope: z.enum(DISCLOSURE_SCOPES), href })),
  can: z
    .strictObject({ triage: z.boolean(), allocate: z.boolean(), respond: z.boolean(), askMore: z.boolean(), provideMore: z.boolean(), resubmit: z.boolean(), withdraw: z.boolean() })
    .describe('What you may do now'),
  side: z.enum(['requesting', 'receiving']),
  scrutiny: z.strictObject({ checks: z.array(z.strictObject({ id: z.string(), text: z.string() })), clause: z.string() }).describe("The protocol's checks a triage must confirm to accept the request"),
  allocatable: z.array(z.strictObject({ id, name: z.string() })).describe("For the receiving SPoC: the agency's active staff"),
});

export const requestStepResultSchema = z.strictObject({ id, status: requestStatus, links: z.strictObject({ self: href }) });

// ---------------------------------------------------------------------------------------------
// Responses: disclosures, agreements, corrections
// ---------------------------------------------------------------------------------------------

const disclosureStatus = z.enum(DISCLOSURE_STATUSES);

export const disclosureCreatedSchema = z.strictObject({
  id,
  status: z.literal('sent'),
  expiresAt: at.describe('Unopened information expires (and its key is destroyed) at this time'),
  links: z.strictObject({ self: href }),
});

export const disclosureSummarySchema = z.strictObject({
  id,
  childId: id,
  childName: z.string(),
  fromAgencyName: z.string(),
  fromUserName: z.string(),
  toAgencyName: z.string(),
  scope: z.enum(DISCLOSURE_SCOPES),
  status: disclosureStatus,
  sentAt: at,
  expiresAt: at,
  firstOpenedAt: optionalAt,
  href,
});

export const waitingSchema = z.strictObject({
  id,
  kind: z
    .enum(['agreement', 'correction', 'acknowledgement'])
    .describe('agreement: to onward sharing, to answer; correction: a reported inaccuracy to decide; acknowledgement: a correction to acknowledge'),
  childName: z.string(),
  agencyName: z.string(),
  at,
  href,
});

export const disclosureListsSchema = z.strictObject({
  received: z.array(disclosureSummarySchema),
  sent: z.array(disclosureSummarySchema),
  waiting: z.array(waitingSchema).describe('What is waiting on your agency'),
  isLead: z.boolean(),
});

export const disclosureViewSchema = z.strictObject({
  id,
  childId: id,
  childName: z.string(),
  side: z.enum(['recipient', 'sender']),
  from: z.strictObject({ agencyId: id, agencyName: z.string(), userName: z.string() }),
  to: z.strictObject({ agencyId: id, agencyName: z.string(), userName: z.string().nullable() }),
  requestId: id.nullable(),
  decisionId: id,
  sourceDisclosureId: id.nullable(),
  pack: z.string(),
  scope: z.enum(DISCLOSURE_SCOPES),
  status: disclosureStatus,
  sentAt: at,
  expiresAt: at,
  firstOpenedAt: optionalAt,
  revokedAt: optionalAt,
  available: z.boolean().describe('Whether the content could be shown: false once revoked or expired (its key has been destroyed)'),
  items: z.array(
    z.strictObject({
      id,
      originItemId: id.describe('The item as first recorded by its originator, wherever it has been passed on'),
      level: itemInputSchema.shape.level,
      label: z.string(),
      kind: z.enum(ITEM_KINDS),
      value: z.string().nullable(),
      originator: z.strictObject({ agencyId: id, agencyName: z.string(), userName: z.string(), at }),
      corrections: z.array(
        z.strictObject({
          id,
          status: z.enum(CORRECTION_STATUSES),
          correctedValue: z.string().nullable(),
          note: z.string().nullable(),
          decidedAt: optionalAt,
          acknowledgedAt: optionalAt,
          reportedByMyAgency: z.boolean(),
        }),
      ),
    }),
  ),
  freeText: z.string().nullable(),
  attachments: z.array(z.strictObject({ id, filename: z.string(), contentType: z.string(), size: z.number().int(), href })),
  openings: z.array(z.strictObject({ at, byName: z.string() })).describe('Read receipts (sending side only)'),
  agreements: z
    .array(
      z.strictObject({
        id,
        status: z.enum(AGREEMENT_STATUSES),
        originatorAgencyName: z.string(),
        toAgencyName: z.string(),
        toAgencyId: id,
        requestedAt: at,
        answeredAt: optionalAt,
        purpose: z.string(),
        reasons: z.string().nullable(),
        items: z
          .array(z.strictObject({ itemId: id, label: z.string(), agreed: z.boolean(), reason: z.string().nullable() }))
          .describe('The originator’s answer for each of its items, once answered: only agreed items may be passed on'),
      }),
    )
    .describe("Your agency's requests for agreement to pass this information on (receiving side only)"),
  can: z.strictObject({ revoke: z.boolean(), passOn: z.boolean(), reportInaccuracy: z.boolean() }),
});

export const disclosureRevokedSchema = z.strictObject({ id, status: z.literal('revoked'), revokedAt: at });

export const agreementsRequestedSchema = z.strictObject({
  agreements: z.array(z.strictObject({ id, href })).describe('One request for agreement to each originating agency of the received items'),
});

export const agreementViewSchema = z.strictObject({
  id,
  childId: id,
  childName: z.string(),
  status: z.enum(AGREEMENT_STATUSES),
  requestedBy: z.strictObject({ name: z.string(), agencyName: z.string(), at }),
  toAgencyName: z.string(),
  originatorAgencyName: z.string(),
  purpose: z.string(),
  reasons: z.string().nullable(),
  answeredAt: optionalAt,
  items: z
    .array(
      z.strictObject({
        id,
        label: z.string(),
        kind: z.enum(ITEM_KINDS),
        value: z.string().nullable(),
        originatedAt: at,
        agreed: z.boolean().nullable().describe('Null until answered'),
        reason: z.string().nullable().describe('Why the item was refused'),
      }),
    )
    .describe("Your agency's own items that would be passed on, each agreed or refused once answered"),
  canAnswer: z.boolean(),
});

export const agreementAnsweredSchema = z.strictObject({ id, status: z.enum(['agreed', 'partly_agreed', 'refused']), agreed: z.number().int(), refused: z.number().int() });

export const inaccuracyReportedSchema = z.strictObject({ id, status: z.literal('reported'), links: z.strictObject({ self: href }) });

export const correctionViewSchema = z.strictObject({
  id,
  childId: id,
  childName: z.string(),
  status: z.enum(CORRECTION_STATUSES),
  label: z.string(),
  kind: z.enum(ITEM_KINDS),
  originalValue: z.string().nullable().describe('For the originating agency: the item as it first recorded it'),
  originatorAgencyName: z.string(),
  reportedBy: z.strictObject({ name: z.string(), agencyName: z.string(), at }),
  description: z.string(),
  correctedValue: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: optionalAt,
  deliveries: z.array(z.strictObject({ agencyName: z.string(), deliveredAt: at, acknowledgedAt: optionalAt, acknowledgedByName: z.string().nullable() })),
  canDecide: z.boolean(),
  clock: z
    .strictObject({
      dueAt: at.describe('When the originator is expected to have decided (five working days from the report)'),
      remindOriginator: z.boolean().describe('Whether the originator is reminded when the time runs out'),
      tellReporter: z.boolean().describe('Whether the reporting agency is told when the time runs out'),
      clause: z.string().describe("The protocol's clause"),
      reminded: z.boolean().describe('Whether the time ran out and the reminders went'),
    })
    .nullable()
    .describe("While undecided, the clock the partnership's protocol sets (ADR 0090); null where it sets none"),
});

export const correctionDecidedSchema = z.strictObject({ id, status: z.enum(['corrected', 'rejected']), deliveredTo: z.number().int().describe('How many agencies the correction reached') });

export const correctionAcknowledgedSchema = z.strictObject({ correctionId: id, disclosureId: id, acknowledgedAt: at });

// ---------------------------------------------------------------------------------------------
// The OpenAPI part
// ---------------------------------------------------------------------------------------------

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** The component schemas, by name. */
const SCHEMAS = {
  MakeRequest: [makeRequestBodySchema, 'input'],
  TriageRequest: [triageBodySchema, 'input'],
  AllocateRequest: [allocateBodySchema, 'input'],
  AskForMoreInformation: [askBodySchema, 'input'],
  ProvideMoreInformation: [provideBodySchema, 'input'],
  ResubmitRequest: [resubmitBodySchema, 'input'],
  WithdrawRequest: [withdrawBodySchema, 'input'],
  DeclineRequest: [declineBodySchema, 'input'],
  SendDisclosure: [sendDisclosureBodySchema, 'input'],
  RevokeDisclosure: [revokeBodySchema, 'input'],
  RequestOnwardAgreement: [requestAgreementBodySchema, 'input'],
  AnswerOnwardAgreement: [answerAgreementBodySchema, 'input'],
  ReportInaccuracy: [reportInaccuracyBodySchema, 'input'],
  DecideCorrection: [decideCorrectionBodySchema, 'input'],
  RequestCreated: [requestCreatedSchema, 'output'],
  RequestQueues: [requestQueuesSchema, 'output'],
  Request: [requestViewSchema, 'output'],
  RequestStepResult: [requestStepResultSchema, 'output'],
  DisclosureCreated: [disclosureCreatedSchema, 'output'],
  DisclosureLists: [disclosureListsSchema, 'output'],
  Disclosure: [disclosureViewSchema, 'output'],
  DisclosureRevoked: [disclosureRevokedSchema, 'output'],
  AgreementsRequested: [agreementsRequestedSchema, 'output'],
  OnwardAgreement: [agreementViewSchema, 'output'],
  OnwardAgreementAnswered: [agreementAnsweredSchema, 'output'],
  InaccuracyReported: [inaccuracyReportedSchema, 'output'],
  Correction: [correctionViewSchema, 'output'],
  CorrectionDecided: [correctionDecidedSchema, 'output'],
  CorrectionAcknowledged: [correctionAcknowledgedSchema, 'output'],
} as const satisfies Record<string, readonly [z.ZodType, 'input' | 'output']>;

type SchemaName = keyof typeof SCHEMAS;

/** The requests-and-disclosures part of the OpenAPI document. `problems` are the shared 401/404/422 responses. */
export function exchangeOpenApi(problems: Record<string, unknown>, bodyLimitBytes: number) {
  const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
  const problemRef = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  const conflict = { '409': { description: 'Conflict: the step cannot happen in the current state (the `detail` says why)', content: problemRef } };
  const ok = (status: '200' | '201', description: string, name: SchemaName, extra: Record<string, unknown> = {}) => ({
    [status]: { description, content: { 'application/json': { schema: ref(name) } }, ...extra },
  });
  const location = { headers: { Location: { description: 'The new resource', schema: { type: 'string' } } } };
  const body = (name: SchemaName, required = true) => ({ required, content: { 'application/json': { schema: ref(name) } } });
  const uuidParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const op = (operationId: string, summary: string, rest: Record<string, unknown>) => ({ operationId, summary, tags: ['Requests and disclosures'], ...rest });
  const step = (operationId: string, summary: string, name: SchemaName, description?: string) => ({
    post: op(operationId, summary, {
      ...(description ? { description } : {}),
      parameters: [uuidParam('requestId')],
      requestBody: body(name),
      responses: { ...ok('200', 'The step is recorded', 'RequestStepResult'), ...problems, ...conflict },
    }),
  });
  const schemas = Object.fromEntries(Object.entries(SCHEMAS).map(([name, [schema, io]]) => [name, json(schema, io)]));
  const attachmentContent = Object.fromEntries(Object.keys(ATTACHMENT_TYPES).map((t) => [t, { schema: { type: 'string', contentMediaType: t } }]));
  return {
    schemas,
    paths: {
      '/children/{childId}/requests': {
        post: op('makeRequest', 'Ask another agency for information about a child', {
          description:
            "Recorded with its purpose, lawful basis and consent, and due by the time the partnership's protocol sets for its urgency. The receiving agency's SPoCs are notified (without personal data). Leave out `lawfulBasis` to use the basis suggested for the purpose (from the partnership's protocol, or the national baseline). A request that contradicts itself (consent as the basis without consent, a court order as the basis for another purpose) is refused with 422; one with warnings (a basis unusual for the purpose, `immediate` without a risk of significant harm, a non-specific ask, consent the protocol needs for the purpose) answers 422 with each warning's code in `errors[].warning`: send the request again with those codes in `confirmedWarnings` to go ahead, and they are recorded with it.",
          parameters: [uuidParam('childId')],
          requestBody: body('MakeRequest'),
          responses: { ...ok('201', 'The request is made', 'RequestCreated', location), ...problems },
        }),
      },
      '/requests': {
        get: op('listRequests', 'The request queues: requests to your agency, and requests you have made (audited)', {
          responses: { ...ok('200', 'The queues', 'RequestQueues'), '401': problems['401'] },
        }),
      },
      '/requests/{requestId}': {
        get: op('getRequest', 'One request with its history, for either side of it (audited)', {
          parameters: [uuidParam('requestId')],
          responses: { ...ok('200', 'The request', 'Request'), '401': problems['401'], '404': problems['404'] },
        }),
      },
      '/requests/{requestId}/triage': step('triageRequest', 'The receiving SPoC accepts the request (confirming every scrutiny check) or returns it to the requester with reasons', 'TriageRequest'),
      '/requests/{requestId}/allocate': step('allocateRequest', 'The receiving SPoC allocates (or re-allocates) the request to someone in the agency', 'AllocateRequest'),
      '/requests/{requestId}/ask': step('askForMoreInformation', 'The responder asks the requester for more information (the clock stops)', 'AskForMoreInformation'),
      '/requests/{requestId}/provide': step('provideMoreInformation', "The requester answers the responder's question", 'ProvideMoreInformation'),
      '/requests/{requestId}/resubmit': step('resubmitRequest', 'The requester answers the reasons the request was returned, and sends it again', 'ResubmitRequest'),
      '/requests/{requestId}/withdraw': step('withdrawRequest', 'The requester withdraws a request that is no longer needed', 'WithdrawRequest'),
      '/requests/{requestId}/decline': step(
        'declineRequest',
        'The responder declines to share, citing the recorded decision not to share; the reasons go to the requester',
        'DeclineRequest',
        'Record the decision first with `POST /children/{childId}/decisions` and `context.requestId`. To share instead, record a decision to share and `POST /disclosures`.',
      ),
      '/disclosures': {
        get: op('listDisclosures', 'Information sent and received, and what is waiting on your agency (audited)', {
          responses: { ...ok('200', 'The lists', 'DisclosureLists'), '401': problems['401'] },
        }),
        post: op('sendDisclosure', 'Send information securely to another agency, under your recorded decision to share with it', {
          description:
            "The decision (`POST /children/{childId}/decisions`) says what kind of disclosure this is: an answer to a request (`context.requestId`; give `scope`), proactive, or onward (`context.sourceDisclosureId`; give `sourceItemIds`, which keep their originators and need each originator's agreement). One disclosure per decision. Items follow the protocol's information levels and are marked fact or opinion. Attachments are sent in the JSON body as base64; the payload and attachments are encrypted at rest under the disclosure's own key. " +
            `This endpoint accepts bodies up to ${Math.round(bodyLimitBytes / 1024 / 1024)} MiB; larger ones are refused with 413.`,
          requestBody: body('SendDisclosure'),
          responses: {
            ...ok('201', 'Sent', 'DisclosureCreated', location),
            ...problems,
            ...conflict,
            '413': { description: 'The body is larger than this endpoint accepts', content: problemRef },
          },
        }),
      },
      '/disclosures/{disclosureId}': {
        get: op('openDisclosure', 'Open information sent to your agency (the read receipt), or see what your agency sent and who opened it (audited)', {
          description:
            'For the person it is addressed to, or the SPoC or safeguarding lead of the agency it was sent to, this is the opening: it is decrypted, audited as `disclosure.opened`, and the sender sees a read receipt. Revoked or expired information cannot be opened (`available` is false).',
          parameters: [uuidParam('disclosureId')],
          responses: { ...ok('200', 'The disclosure', 'Disclosure'), '401': problems['401'], '404': problems['404'] },
        }),
      },
      '/disclosures/{disclosureId}/attachments/{attachmentId}': {
        get: op('downloadAttachment', 'Download an attachment (after opening the disclosure); audited', {
          parameters: [uuidParam('disclosureId'), uuidParam('attachmentId')],
          responses: {
            '200': { description: 'The file, with `Content-Disposition: attachment`', headers: { 'Content-Disposition': { schema: { type: 'string' } } }, content: attachmentContent },
            '401': problems['401'],
            '404': problems['404'],
          },
        }),
      },
      '/disclosures/{disclosureId}/revoke': {
        post: op('revokeDisclosure', 'Recall information that has not been opened yet: its key is destroyed', {
          parameters: [uuidParam('disclosureId')],
          requestBody: body('RevokeDisclosure', false),
          responses: { ...ok('200', 'Revoked', 'DisclosureRevoked'), ...problems, ...conflict },
        }),
      },
      '/disclosures/{disclosureId}/agreements': {
        post: op('requestOnwardAgreement', 'Ask the originators of received information for agreement to pass it on to another agency', {
          parameters: [uuidParam('disclosureId')],
          requestBody: body('RequestOnwardAgreement'),
          responses: { ...ok('201', 'Asked (one request per originating agency)', 'AgreementsRequested'), ...problems, ...conflict },
        }),
      },
      '/disclosures/{disclosureId}/inaccuracies': {
        post: op('reportInaccuracy', 'Tell the originator that an item you received is inaccurate', {
          parameters: [uuidParam('disclosureId')],
          requestBody: body('ReportInaccuracy'),
          responses: { ...ok('201', 'Reported to the originator', 'InaccuracyReported', location), ...problems, ...conflict },
        }),
      },
      '/disclosures/{disclosureId}/corrections/{correctionId}/acknowledge': {
        post: op('acknowledgeCorrection', 'Acknowledge a correction of information your agency received', {
          parameters: [uuidParam('disclosureId'), uuidParam('correctionId')],
          responses: { ...ok('200', 'Acknowledged', 'CorrectionAcknowledged'), '401': problems['401'], '404': problems['404'], ...conflict },
        }),
      },
      '/agreements/{agreementId}': {
        get: op('getOnwardAgreement', 'A request for agreement to onward sharing, for the originating agency (audited)', {
          parameters: [uuidParam('agreementId')],
          responses: { ...ok('200', 'The request for agreement', 'OnwardAgreement'), '401': problems['401'], '404': problems['404'] },
        }),
      },
      '/agreements/{agreementId}/answer': {
        post: op('answerOnwardAgreement', 'Agree or refuse (with reasons) to your information being passed on', {
          parameters: [uuidParam('agreementId')],
          requestBody: body('AnswerOnwardAgreement'),
          responses: { ...ok('200', 'Answered', 'OnwardAgreementAnswered'), ...problems, ...conflict },
        }),
      },
      '/corrections/{correctionId}': {
        get: op('getCorrection', 'A reported inaccuracy, for the originator deciding it and the agency that reported it (audited)', {
          parameters: [uuidParam('correctionId')],
          responses: { ...ok('200', 'The correction', 'Correction'), '401': problems['401'], '404': problems['404'] },
        }),
      },
      '/corrections/{correctionId}/decision': {
        post: op('decideCorrection', 'The originator corrects the item (the correction reaches every agency that received it) or says why it stands', {
          parameters: [uuidParam('correctionId')],
          requestBody: body('DecideCorrection'),
          responses: { ...ok('200', 'Decided', 'CorrectionDecided'), ...problems, ...conflict },
        }),
      },
    },
  };
}
