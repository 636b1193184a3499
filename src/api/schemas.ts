// The API's request and response schemas. The decision engine's own schema is the contract for
// answers; these wrap it. The OpenAPI document is generated from these (see openapi.ts).
import { z } from 'zod';
import { answersSchema } from '../domain/decision/answers.ts';
import { decisionRecordSchema } from '../domain/decision-record.ts';

export const fieldErrorSchema = z.object({ path: z.string(), pointer: z.string(), message: z.string() });
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string(),
  errors: z.array(fieldErrorSchema).optional(),
});

export const citedSchema = z.object({ code: z.string(), label: z.string() });
export const decisionResultSchema = z.object({
  outcome: z.enum(['share', 'do_not_share', 'seek_advice']),
  lawfulBases: z.array(citedSchema),
  conditions: z.array(citedSchema.or(z.string())),
  reasons: z.array(z.string()),
  rules: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      source: z.string().describe('The seed protocol clauses the rule was built from'),
      clause: z.string().optional().describe("For a rule that comes from the protocol pack: the pack's own clause"),
    }),
  ),
  engineVersion: z.string(),
  pack: z.string().optional().describe('The protocol pack the advice follows, as id@version (engine 2026.2 and later)'),
});

/** What a decision is about, when it is not made on its own: a request it answers, or received
 *  information it is about passing on (checked by the use case: see use-cases/decisions/_links.ts). */
export const decisionContextSchema = z
  .object({
    requestId: z
      .string()
      .nullable()
      .optional()
      .describe('A request to your agency, allocated to you (or you are its SPoC), about this child: the decision is your answer to it, so the recipient must be the agency that asked'),
    sourceDisclosureId: z
      .string()
      .nullable()
      .optional()
      .describe(
        "Information your agency received and opened about this child: the decision is about passing it on, which needs each originator's agreement (POST /disclosures/{disclosureId}/agreements); the decision cites the agreements",
      ),
  })
  .strict();

export const recordDecisionBodySchema = z.object({
  answers: answersSchema,
  record: decisionRecordSchema,
  context: decisionContextSchema.optional().describe('Optional: what the decision is about. Send information under it with POST /disclosures.'),
});

export const recordedDecisionSchema = z.object({
  id: z.string().uuid(),
  childId: z.string().uuid(),
  decision: decisionResultSchema,
  links: z.object({ self: z.string(), child: z.string() }),
});

export const decisionViewSchema = z.object({
  id: z.string().uuid(),
  childId: z.string().uuid(),
  decidedAt: z.string(),
  decidedBy: z.object({ id: z.string().uuid(), name: z.string() }),
  agency: z.object({ id: z.string().uuid(), name: z.string() }),
  pack: z.string(),
  engineVersion: z.string(),
  answers: z.record(z.string(), z.unknown()),
  result: decisionResultSchema,
  action: z.enum(['shared', 'not_shared']),
  recipient: z.object({ agencyId: z.string().uuid().nullable(), name: z.string() }),
  purpose: z.string(),
  consent: z.string().nullable(),
  purposeDetail: z.string(),
  informationShared: z.string().nullable(),
  reasons: z.string().nullable(),
});

export const childViewSchema = z.object({
  id: z.string().uuid(),
  givenName: z.string(),
  familyName: z.string(),
  aliases: z.array(z.string()),
  dateOfBirth: z.string(),
  gender: z.string().nullable(),
  ethnicity: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  phone: z.string().nullable(),
  currentSetting: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  careLeaver: z.boolean(),
  send: z.boolean(),
  family: z.array(
    z.object({
      id: z.string().uuid(),
      givenName: z.string(),
      familyName: z.string(),
      relationship: z.string(),
      parentalResponsibility: z.boolean(),
      isCarer: z.boolean(),
      livesWithChild: z.boolean(),
    }),
  ),
  agencies: z.array(z.object({ id: z.string().uuid(), name: z.string(), kind: z.string() })),
  decisions: z.array(
    z.object({
      id: z.string().uuid(),
      decidedAt: z.string(),
      decidedBy: z.string(),
      agency: z.string(),
      outcome: z.string(),
      action: z.string(),
      purpose: z.string(),
      recipient: z.string(),
      href: z.string(),
    }),
  ),
});
