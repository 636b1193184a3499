// The API's request and response schemas. The decision engine's own schema is the contract for
// answers; these wrap it. The OpenAPI document is generated from these (see openapi.ts).

import { z } from 'zod';
import { answersSchema } from '../domain/decision/answers.ts';
import { APPROVAL_STATUSES, DECISION_STATES, decisionRecordSchema } from '../domain/decision-record.ts';

export const fieldErrorSchema = z.object({
  path: z.string(),
  pointer: z.string(),
  message: z.string(),
  /** A warning that may be confirmed (send its code back, e.g. in a request's `confirmedWarnings`), not an error. */
  warning: z.string().optional(),
});
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
  sendBlockers: z.array(z.string()).describe('Why you cannot send information under this decision now (empty: you can, with POST /disclosures)'),
  state: z.enum(DECISION_STATES).describe('What the decision has led to: "decided_not_sent" until information is sent under it'),
  sentDisclosureId: z.string().uuid().nullable(),
  approval: z.object({
    status: z.enum(APPROVAL_STATUSES).describe("A designated manager's approval of sharing against or without the advice, where the protocol requires it (pack field `departures`)"),
    role: z.string().nullable(),
    byName: z.string().nullable(),
    at: z.string().nullable(),
    note: z.string().nullable(),
  }),
  withdrawal: z.object({ byName: z.string().nullable(), at: z.string(), reason: z.string() }).nullable(),
  can: z.object({ approve: z.boolean(), withdraw: z.boolean() }),
});

/** A designated manager's answer to sharing against the advice (Haringey 2006 s.4.6). */
export const approvalBodySchema = z
  .object({
    answer: z.enum(['approve', 'refuse'], { error: 'Give answer: approve or refuse' }),
    note: z.string().max(5000).nullable().optional().describe('Your reasons: required when refusing'),
  })
  .strict();
export const withdrawDecisionBodySchema = z.object({ reason: z.string().max(5000).describe('Why the decision is withdrawn (required)') }).strict();
export const decisionStepResultSchema = z.object({
  id: z.string().uuid(),
  state: z.enum(DECISION_STATES),
  approvalStatus: z.enum(APPROVAL_STATUSES),
  links: z.object({ self: z.string() }),
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
      state: z.enum(DECISION_STATES),
      href: z.string(),
    }),
  ),
});
