// Schemas of the disposal API (/api/v1/disposals): the review body, and the responses, from which
// the OpenAPI document is generated (disposalOpenApi below). Nothing here carries personal data:
// kinds, ids, dates and rules.
import { z } from 'zod';
import { DISPOSABLE_KINDS, HOLD_KINDS, REVIEW_ACTIONS, REVIEW_STATUSES } from '../domain/retention.ts';

const id = z.uuid();
const at = z.iso.datetime().describe('ISO 8601 date and time, UTC');

export const reviewBodySchema = z.strictObject({
  reviewIds: z.array(z.string()).min(1).max(1000).describe('Review ids from GET /disposals'),
  action: z.enum(REVIEW_ACTIONS).describe('approve; defer (with `reason` and `deferUntil`); hold (legal hold, with `holdKind` and `reason`); release a hold (with `reason`)'),
  reason: z.string().max(500).optional(),
  deferUntil: z.string().optional().describe('YYYY-MM-DD, in the future'),
  holdKind: z.enum(HOLD_KINDS).optional(),
});

const reviewSchema = z.strictObject({
  id,
  kind: z.enum(DISPOSABLE_KINDS),
  recordId: z.string(),
  status: z.enum(REVIEW_STATUSES),
  rule: z.string().describe('The clause of the pack’s retention schedule'),
  startedAt: at,
  dueAt: at,
  deferredUntil: at.nullable(),
  reason: z.string().nullable(),
  holdKind: z.enum(HOLD_KINDS).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: at.nullable(),
  certificateId: id.nullable(),
  disposedAt: at.nullable(),
});

const certificateSchema = z.strictObject({
  id,
  kind: z.enum(DISPOSABLE_KINDS),
  count: z.number().int(),
  disposedAt: at,
  pack: z.string(),
  rule: z.string(),
  ruleText: z.string(),
  approvedBy: z.string(),
  href: z.string(),
});

export const disposalsSchema = z.strictObject({
  pending: z.array(reviewSchema),
  approved: z.array(reviewSchema),
  deferred: z.array(reviewSchema),
  held: z.array(reviewSchema),
  disposed: z.array(reviewSchema).describe('Tombstones: what was disposed of, when and under which certificate'),
  certificates: z.array(certificateSchema),
  disposedByRecipients: z.array(z.strictObject({ disclosureId: z.string(), recipient: z.string(), disposedAt: at.nullable(), certificateId: id.nullable(), rule: z.string() })),
});

export const reviewResultSchema = z.strictObject({ decided: z.number().int(), status: z.enum(REVIEW_STATUSES) });
export const disposalRunSchema = z.strictObject({ disposed: z.number().int(), batches: z.number().int(), certificates: z.array(z.strictObject({ id, kind: z.string(), count: z.number().int() })) });
export const certificateViewSchema = certificateSchema.extend({ agency: z.string() });

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

export function disposalOpenApi(problems: Record<string, unknown>) {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const ok = (status: string, description: string, name: string) => ({ [status]: { description, content: { 'application/json': { schema: ref(name) } } } });
  const conflict = { '409': { description: 'Conflict: for example a record on legal hold cannot be approved', content: { 'application/problem+json': { schema: ref('Problem') } } } };
  const op = (operationId: string, summary: string, rest: Record<string, unknown>) => ({ operationId, summary, tags: ['Retention and disposal'], ...rest });
  return {
    schemas: {
      DisposalReviewBody: json(reviewBodySchema, 'input'),
      Disposals: json(disposalsSchema),
      DisposalReviewResult: json(reviewResultSchema),
      DisposalRun: json(disposalRunSchema),
      DisposalCertificate: json(certificateViewSchema),
    },
    paths: {
      '/disposals': {
        get: op(
          'listDisposals',
          'Your agency’s disposition review (information governance leads): records whose retention has ended, decisions, tombstones, certificates, and copies recipients disposed of',
          {
            responses: { ...ok('200', 'The review', 'Disposals'), ...problems },
          },
        ),
      },
      '/disposals/review': {
        post: op('reviewDisposals', 'Approve, defer with a reason, place on legal hold, or release a hold', {
          requestBody: { required: true, content: { 'application/json': { schema: ref('DisposalReviewBody') } } },
          responses: { ...ok('200', 'Decided', 'DisposalReviewResult'), ...problems, ...conflict },
        }),
      },
      '/disposals/run': {
        post: op('runDisposals', 'Dispose now of what your agency has approved (crypto-shredded, one transaction per batch, with certificates)', {
          responses: { ...ok('200', 'Disposed', 'DisposalRun'), ...problems },
        }),
      },
      '/disposals/certificates/{certificateId}': {
        get: op('getDisposalCertificate', 'A certificate of disposal: what kind, how many, when, under which rule, by whose approval', {
          parameters: [{ name: 'certificateId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { ...ok('200', 'The certificate', 'DisposalCertificate'), ...problems },
        }),
      },
    },
  };
}
