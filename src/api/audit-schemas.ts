// Schemas of the audit-log API (/api/v1/audit/…): query validation and the OpenAPI document.
import { z } from 'zod';

const hex32 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('SHA-256, hex');
const treeSize = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const inclusionQuerySchema = z.object({ treeSize: treeSize.optional() }).strict();
export const consistencyQuerySchema = z.object({ first: treeSize, second: treeSize }).strict();

export const checkpointSchema = z.object({
  treeSize: z.number().int(),
  rootHash: hex32,
  issuedAt: z.string().describe('ISO 8601, UTC, milliseconds'),
  keyId: z
    .string()
    .regex(/^[0-9a-f]{8}$/)
    .describe('signed-note key hash'),
  signature: z.string().describe('Ed25519 signature of the note body, hex'),
  note: z.string().describe('the checkpoint as a C2SP signed note (https://c2sp.org/tlog-checkpoint)'),
});

export const inclusionProofSchema = z.object({
  event: z.object({ partnershipId: z.string().uuid(), id: z.string() }),
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  leaf: z.string().describe('the canonical leaf encoding (docs/audit-log.md), base64'),
  leafHash: hex32,
  auditPath: z.array(hex32).describe('RFC 9162 §2.1.3 audit path, nearest the leaf first'),
  rootHash: hex32,
  checkpoint: checkpointSchema.nullable(),
});

export const consistencyProofSchema = z.object({
  first: z.number().int(),
  second: z.number().int(),
  firstRootHash: hex32,
  secondRootHash: hex32,
  proof: z.array(hex32).describe('RFC 9162 §2.1.4 consistency proof'),
  checkpoints: z.object({ first: checkpointSchema.nullable(), second: checkpointSchema.nullable() }),
});

export const publicKeySchema = z.object({
  algorithm: z.literal('Ed25519'),
  keyId: z.string(),
  publicKey: z.string().describe('SPKI PEM'),
  verifierKey: z.string().describe('signed-note verifier key: name+hash+base64'),
});

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });

/** The audit log's part of the OpenAPI document. */
export function auditOpenApi(problems: Record<string, unknown>) {
  const ok = (description: string, ref: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
  const conflict = {
    description: 'Not in a signed checkpoint yet: the log is signed every half second; try again',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  const size = (name: string, description: string, required: boolean) => ({ name, in: 'query', required, description, schema: { type: 'integer', minimum: 1 } });
  const igOnly = ' For information-governance staff (IG lead / DPO, Caldicott guardian); anyone else gets 404.';
  return {
    schemas: {
      AuditCheckpoint: json(checkpointSchema),
      AuditInclusionProof: json(inclusionProofSchema),
      AuditConsistencyProof: json(consistencyProofSchema),
      AuditPublicKey: json(publicKeySchema),
    },
    paths: {
      '/audit/public-key': {
        get: {
          operationId: 'getAuditPublicKey',
          summary: 'The Ed25519 public key that signs the audit log’s checkpoints (no sign-in needed)',
          security: [],
          responses: { '200': ok('The key', 'AuditPublicKey') },
        },
      },
      '/audit/checkpoints/latest': {
        get: {
          operationId: 'getLatestAuditCheckpoint',
          summary: `The latest signed checkpoint of the tamper-evident audit log (tree size, RFC 9162 root hash, time, signature).${igOnly}`,
          responses: { '200': ok('The checkpoint', 'AuditCheckpoint'), '409': conflict, ...problems },
        },
      },
      '/audit/events/{eventId}/inclusion': {
        get: {
          operationId: 'proveAuditEventInclusion',
          summary: `Prove that an audit event of your partnership is in the log (RFC 9162 inclusion proof), at a tree size (default: the latest checkpoint). Audited.${igOnly}`,
          parameters: [{ name: 'eventId', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]*$' } }, size('treeSize', 'prove against this tree size', false)],
          responses: { '200': ok('The proof', 'AuditInclusionProof'), '409': conflict, ...problems },
        },
      },
      '/audit/consistency': {
        get: {
          operationId: 'proveAuditConsistency',
          summary: `Prove that the log at one tree size is a prefix of the log at a later one (RFC 9162 consistency proof).${igOnly}`,
          parameters: [size('first', 'the earlier tree size', true), size('second', 'the later tree size', true)],
          responses: { '200': ok('The proof', 'AuditConsistencyProof'), ...problems },
        },
      },
    },
  };
}
