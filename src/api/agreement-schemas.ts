// Schemas of the agreement register API (/api/v1/agreements): the request bodies are the domain's
// own schemas, and the responses are described here, from which the OpenAPI document is generated.
import { z } from 'zod';
import { answerDocumentRequestSchema, proposeChangeSchema, requestDocumentSchema } from '../domain/agreement-changes.ts';
import { recordReviewSchema } from '../domain/agreement-reviews.ts';
import { addDocumentSchema, createAgreementSchema, lapseSignatureSchema, PARTY_ROLES, signAgreementSchema } from '../domain/agreements.ts';

const id = z.uuid();
const date = z.iso.date().describe('A calendar date, YYYY-MM-DD');
const STANDINGS = ['in_force', 'not_party', 'not_signed', 'lapsed', 'earlier_version', 'reaffirmation_overdue'] as const;
const REVIEW = ['overdue', 'due', 'scheduled'] as const;

export const AGREEMENT_BODIES = {
  CreateAgreement: createAgreementSchema,
  SignAgreement: signAgreementSchema,
  AddAgreementDocument: addDocumentSchema,
  LapseSignature: lapseSignatureSchema,
  RecordReview: recordReviewSchema,
  ApproveReview: z.object({ agencyId: z.string().optional().describe('The party you approve for; your own agency if left out') }),
  ProposeChange: proposeChangeSchema,
  AgreeChange: z.object({ agencyId: z.string().optional().describe('The party you agree for; your own agency if left out') }),
  RequestDocument: requestDocumentSchema,
  AnswerDocumentRequest: answerDocumentRequestSchema,
} as const;

export const agreementSummarySchema = z.strictObject({
  id,
  title: z.string(),
  pack: z.string().describe('The protocol pack the agreement is made under, id@version'),
  parentId: id.nullable().describe('For a second-tier agreement, the agreement it sits under'),
  purpose: z.string().nullable(),
  status: z.enum(['in_force', 'superseded']),
  effectiveOn: date,
  nextReviewOn: date,
  review: z.enum(REVIEW),
  parties: z.number().int(),
  inForce: z.number().int().describe('Parties that have signed and may receive information'),
  href: z.string(),
});
export const agreementListSchema = z.strictObject({ agreements: z.array(agreementSummarySchema) });

export const agreementViewSchema = z.strictObject({
  id,
  title: z.string(),
  pack: z.string(),
  parentId: id.nullable(),
  purpose: z.string().nullable(),
  status: z.enum(['in_force', 'superseded']),
  effectiveOn: date,
  nextReviewOn: date,
  review: z.enum(REVIEW),
  signatoryChecklist: z.array(z.strictObject({ id: z.string(), text: z.string() })),
  privacyImpactAssessmentBeforeSigning: z.boolean(),
  parties: z.array(
    z.strictObject({
      agency: z.strictObject({ id, name: z.string() }),
      role: z.enum(PARTY_ROLES),
      standing: z.enum(STANDINGS).describe('Only `in_force` may receive information'),
      reaffirmBy: date.nullable(),
      signature: z
        .strictObject({
          kind: z.enum(['signature', 'reaffirmation']),
          pack: z.string(),
          signatoryName: z.string(),
          signatoryTitle: z.string(),
          signedOn: date,
          checklist: z.array(z.strictObject({ id: z.string(), text: z.string(), evidence: z.string() })),
          privacyImpactAssessment: z.strictObject({ completedOn: date, outcome: z.string(), risks: z.string(), mitigations: z.string(), document: z.string().nullable() }).nullable(),
          dataStorage: z
            .strictObject({ location: z.string(), elsewhere: z.string().nullable(), safeguard: z.string().nullable() })
            .nullable()
            .describe('Where the agency stores the information it receives; outside the protocol’s places, with the transfer’s safeguard (pack `dataResidency`)'),
          lapsedOn: date.nullable(),
          lapseReason: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  documents: z.array(z.strictObject({ id, kind: z.string(), title: z.string(), reference: z.string(), agencyId: id.nullable() })),
  reviews: z.array(
    z.strictObject({
      id,
      dueOn: date,
      heldOn: date,
      findings: z.string(),
      reportedOn: date,
      reportedLate: z.boolean().describe('Reported after the protocol’s time for reporting findings (pack `dates.findingsReportedWithin`)'),
      actions: z.array(z.strictObject({ action: z.string(), owner: z.string(), dueOn: date })),
      approvedOn: date.nullable(),
      approvals: z
        .array(z.strictObject({ agency: z.strictObject({ id, name: z.string() }), approved: z.boolean() }))
        .describe('The parties the protocol names to approve it (pack `dates.reviewApprovedBy`)'),
    }),
  ),
});
export const agreementChangesSchema = z.strictObject({
  move: z
    .strictObject({ pack: z.string(), title: z.string(), on: date })
    .nullable()
    .describe('An agreed move to a new protocol version waiting for its date: from it, only signatures under the new version put a party in force'),
  changes: z.array(
    z.strictObject({
      id,
      summary: z.string(),
      proposedBy: z.string(),
      fromPack: z.string(),
      toPack: z.string().nullable(),
      effectiveOn: date.nullable(),
      movesOn: date.nullable(),
      status: z.enum(['proposed', 'agreed', 'in_effect']),
      agreedOn: date.nullable(),
      approvals: z.array(z.strictObject({ agency: z.strictObject({ id, name: z.string() }), agreed: z.boolean() })).describe('The parties the protocol names to agree changes'),
    }),
  ),
  documentRequests: z.array(z.strictObject({ id, requestingAgency: z.string(), holderAgency: z.string(), kind: z.string(), dueOn: date, state: z.enum(['open', 'overdue', 'provided', 'declined']) })),
});
export const documentRequestSchema = z.strictObject({
  id,
  requestingAgency: z.strictObject({ id, name: z.string() }),
  holderAgency: z.strictObject({ id, name: z.string() }),
  kind: z.string(),
  detail: z.string(),
  dueOn: date,
  state: z.enum(['open', 'overdue', 'provided', 'declined']),
  declineReason: z.string().nullable(),
  document: z.strictObject({ id, title: z.string(), reference: z.string() }).nullable(),
});
export const agreementCreatedSchema = z.strictObject({ id, links: z.strictObject({ self: z.string() }) });

const json = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** The OpenAPI paths and component schemas of the agreement register. */
export function agreementOpenApi(problems: Record<string, unknown>) {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const ok = (status: string, description: string, name: string) => ({ [status]: { description, content: { 'application/json': { schema: ref(name) } } } });
  const conflict = { '409': { description: 'Conflict: the change cannot happen now (the `detail` says why)', content: { 'application/problem+json': { schema: ref('Problem') } } } };
  const param = { name: 'agreementId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const op = (operationId: string, summary: string, rest: Record<string, unknown>) => ({ operationId, summary, tags: ['Agreements'], ...rest });
  const post = (operationId: string, summary: string, body: string) => ({
    post: op(operationId, summary, {
      parameters: [param],
      requestBody: { required: true, content: { 'application/json': { schema: ref(body) } } },
      responses: { ...ok('201', 'Recorded', 'AgreementCreated'), ...problems, ...conflict },
    }),
  });
  return {
    schemas: {
      ...Object.fromEntries(Object.entries(AGREEMENT_BODIES).map(([name, s]) => [name, json(s, 'input')])),
      AgreementList: json(agreementListSchema, 'output'),
      AgreementView: json(agreementViewSchema, 'output'),
      AgreementCreated: json(agreementCreatedSchema, 'output'),
      AgreementChanges: json(agreementChangesSchema, 'output'),
      AgreementDocumentRequest: json(documentRequestSchema, 'output'),
    },
    paths: {
      '/agreements': {
        get: op('listAgreements', 'The partnership’s agreement and the second-tier agreements your agency is party to', {
          responses: { ...ok('200', 'The agreements', 'AgreementList'), ...problems },
        }),
        post: op('createAgreement', 'Set up an agreement on the partnership’s protocol version (the partnership manager); with `parentId`, a second-tier agreement', {
          requestBody: { required: true, content: { 'application/json': { schema: ref('CreateAgreement') } } },
          responses: { ...ok('201', 'Set up', 'AgreementCreated'), ...problems },
        }),
      },
      '/agreements/{agreementId}/register': {
        get: op('getAgreementRegister', 'One agreement with its signature register and documents (audited)', {
          parameters: [param],
          responses: { ...ok('200', 'The agreement', 'AgreementView'), ...problems },
        }),
      },
      '/agreements/{agreementId}/signatures': post(
        'signAgreement',
        'Sign or re-affirm for your agency as its nominated officer: every checklist item with evidence, and the privacy impact assessment where the protocol requires it before signing',
        'SignAgreement',
      ),
      '/agreements/{agreementId}/documents': post('addAgreementDocument', 'Record a document of the agreement (what it is and where it is held)', 'AddAgreementDocument'),
      '/agreements/{agreementId}/reviews': post(
        'recordAgreementReview',
        'Record a review of the agreement (the partnership manager): findings, the date they were reported in writing, and the implementation plan; the next review counts from it',
        'RecordReview',
      ),
      '/agreements/{agreementId}/reviews/{reviewId}/approvals': {
        post: op('approveAgreementReview', 'Approve a review’s implementation plan for your agency as its nominated officer, where the protocol names it to approve', {
          parameters: [param, { name: 'reviewId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ApproveReview') } } },
          responses: { ...ok('201', 'Recorded', 'AgreementCreated'), ...problems, ...conflict },
        }),
      },
      '/agreements/{agreementId}/changes': {
        get: op('listAgreementChanges', 'Proposed and agreed changes, any move to a new protocol version waiting for its date, and documents parties asked each other for', {
          parameters: [param],
          responses: { ...ok('200', 'The changes', 'AgreementChanges'), ...problems },
        }),
        ...post(
          'proposeAgreementChange',
          'Propose a change for a party, as its nominated officer (Derby 2015 s.5 para. 1); with `toPack` and `effectiveOn`, a move to a new protocol version',
          'ProposeChange',
        ),
      },
      '/agreements/{agreementId}/changes/{changeId}/approvals': {
        post: op('agreeAgreementChange', 'Agree to a change for your agency as its nominated officer, where the protocol names it to agree changes (Wirral 2022 App. 2 s.5.3)', {
          parameters: [param, { name: 'changeId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('AgreeChange') } } },
          responses: { ...ok('201', 'Recorded', 'AgreementCreated'), ...problems, ...conflict },
        }),
      },
      '/agreements/{agreementId}/document-requests': post(
        'requestAgreementDocument',
        'Ask another party for a document, such as its summary security document (Haringey 2006 s.7.4)',
        'RequestDocument',
      ),
      '/agreements/{agreementId}/document-requests/{requestId}': {
        get: op('getAgreementDocumentRequest', 'One document request and the document provided (the two agencies’ nominated officers and the partnership manager; audited)', {
          parameters: [param, { name: 'requestId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { ...ok('200', 'The request', 'AgreementDocumentRequest'), ...problems },
        }),
      },
      '/agreements/{agreementId}/document-requests/{requestId}/answer': {
        post: op('answerAgreementDocumentRequest', 'Provide the document asked for (what it is and where it is held) or decline with a reason, as the holder’s nominated officer', {
          parameters: [param, { name: 'requestId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('AnswerDocumentRequest') } } },
          responses: { ...ok('201', 'Recorded', 'AgreementCreated'), ...problems, ...conflict },
        }),
      },
      '/agreements/{agreementId}/lapses': post('lapseSignature', 'Record that a party’s signature lapsed (the partnership manager): it receives no information until it signs again', 'LapseSignature'),
    },
  };
}
