// The protocol pack: a partnership's Information Sharing Protocol as data. One schema validates
// every pack at load (YAML, see protocols/*/pack.yaml); a pack may `extends` another (usually the
// national baseline) and is merged over it before validation. Every section cites its clause.
import { z } from 'zod';
import { CONSENT_NOT_SOUGHT_REASONS, HARMS, LEVELS, PURPOSES } from '../decision/answers.ts';
import { LAWFUL_BASES } from '../decision/lawful-bases.ts';
import { retentionScheduleSchema } from '../retention.ts';
import { ROLES } from '../staff.ts';

const clause = z.string().trim().min(3, 'cite the clause this comes from, e.g. "Haringey 2006 s.6"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2022-06-30');
const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'use lower-case letters, digits, "-" and "_"');

export const DURATION_UNITS = ['working_days', 'calendar_days', 'hours', 'months'] as const;
/** What starts a breach deadline: the breach being identified (becoming aware), the breach itself, or a meeting about it. */
export const BREACH_CLOCK_STARTS = ['identified', 'occurred', 'meeting'] as const;
/** What happens when a dispute stage's time runs out. */
export const DISPUTE_DEADLINE_ACTIONS = ['remind', 'escalate'] as const;
export const durationSchema = z.strictObject({
  amount: z.number().int().positive('a duration must be a positive whole number'),
  unit: z.enum(DURATION_UNITS),
});
export type Duration = z.infer<typeof durationSchema>;

/** How urgently a requester needs an answer; the pack sets the time allowed for each. */
export const URGENCIES = ['immediate', 'urgent', 'routine'] as const;

/** How requests between agencies are handled: time to respond, escalation of overdue requests,
 *  and the front door's scrutiny of purpose and consent (Wirral 2022 s.3.6–3.8; Southampton 2010
 *  s.18 item 7 "respond to requests for information within a reasonable time scale"). */
const requestRulesSchema = z.strictObject({
  responseTimes: z.strictObject({ immediate: durationSchema, urgent: durationSchema, routine: durationSchema, clause }),
  /** Who an overdue request escalates to, in order; `afterDue` absent means at the due time. */
  escalation: z.array(z.strictObject({ afterDue: durationSchema.optional(), to: z.enum(ROLES), clause })).min(1),
  /** What the receiving agency checks before accepting a request. */
  scrutiny: z.strictObject({ checks: z.array(z.strictObject({ id, text: z.string().min(5) })).min(1), clause }),
});

/** How disclosures are delivered: unopened information expires (it can be sent again). */
const disclosureRulesSchema = z.strictObject({
  expireUnopenedAfter: durationSchema,
  /** Shown beside the form: share only what is necessary for the purpose. */
  necessaryPrompt: z.string().min(10),
  clause,
});

/** A role a protocol names: a Concord role, or one of its own (e.g. "nominated officer"). */
const roleRef = z.string().min(2);

export const packSchema = z.strictObject({
  id,
  version: z.string().regex(/^[0-9A-Za-z.-]{1,32}$/, 'use a version like 2022.1'),
  title: z.string().min(3),
  extends: z
    .string()
    .regex(/^[a-z0-9_-]+@[0-9A-Za-z.-]+$/, 'write the parent as id@version')
    .optional(),
  source: z.strictObject({
    document: z.string().min(3),
    publisher: z.string().min(2),
    published: isoDate.optional(),
    summary: z.string().min(10),
  }),
  dates: z.strictObject({
    effective: isoDate,
    review: isoDate.optional(),
    // biome-ignore lint/suspicious/noThenProperty: the protocols' own word for the cycle after the first review
    reviewCycle: z.strictObject({ first: durationSchema, then: durationSchema, clause }),
    /** Who approves a review's implementation plan: every party to the agreement (Haringey 2006
     *  s.5.4 "The partner organisation must … approve an implementation plan") or the statutory
     *  safeguarding partners (Wirral 2022 App. 2 s.5.2–5.3; Derby 2015 s.5 para. 1). */
    reviewApprovedBy: z.enum(['parties', 'statutory_partners']).optional(),
    /** How soon after a review its findings must be reported in writing (Haringey 2006 s.5.3 "one
     *  calendar month after the review"); a later report is recorded and marked late. */
    findingsReportedWithin: durationSchema.optional(),
  }),
  roles: z.array(z.strictObject({ id, title: z.string().min(2), concordRole: z.enum(ROLES).optional(), duties: z.array(z.string().min(3)).min(1), clause })).min(1),
  ageScope: z.strictObject({
    from: z.number().int().min(0),
    to: z.number().int().min(1).max(25),
    extendedTo: z.number().int().min(1).max(25),
    extendedFor: z.array(z.enum(['care_leaver', 'send'])),
    clause,
  }),
  informationLevels: z
    .array(
      z.strictObject({
        level: z.enum(LEVELS),
        title: z.string().min(2),
        items: z.array(z.string().min(2)).min(1),
        explicitConsentRequired: z.boolean(),
        clause,
      }),
    )
    .min(1),
  purposes: z.array(z.strictObject({ purpose: z.enum(PURPOSES), description: z.string().min(5), clause })).min(1),
  consent: z.strictObject({
    /** Information levels and purposes that may be shared only with explicit consent (or an exception). */
    explicitConsentRequiredFor: z.strictObject({ levels: z.array(z.enum(LEVELS)), purposes: z.array(z.enum(PURPOSES)), clause }),
    /** Circumstances in which information needing explicit consent may be shared without it. */
    exceptions: z.strictObject({ harms: z.array(z.enum(HARMS)), notSoughtReasons: z.array(z.enum(CONSENT_NOT_SOUGHT_REASONS)), clause }),
    /** The minimum data set may be shared without consent to identify a child and who works with them. */
    minimumDataSetWithoutConsent: z.boolean(),
    /** Purposes for which consent is not required (families are informed instead). */
    notRequiredFor: z.strictObject({ purposes: z.array(z.enum(PURPOSES)), clause }),
    /** Purposes for which, when consent cannot be had, the protocol asks for a proportionality judgement. */
    weighProportionalityFor: z.strictObject({ purposes: z.array(z.enum(PURPOSES)), clause }),
    competence: z.strictObject({
      /** Children of this age or over are presumed competent to decide (null: assess each child). */
      presumedFromAge: z.number().int().min(0).max(18).nullable(),
      test: z.string().min(5),
      clause,
    }),
    whoMayConsent: z.array(z.string().min(3)).min(1),
    clause,
  }),
  mandatoryReferrals: z.array(
    z.strictObject({
      id,
      when: z.enum(['sexual_activity_under_13', 'significant_harm']),
      to: z.string().min(3),
      within: durationSchema.optional(),
      clause,
    }),
  ),
  lawfulBases: z.strictObject({
    preferred: z.array(z.enum(LAWFUL_BASES)).min(1),
    /** The purposes for which the preferred UK GDPR Art. 6 bases are relied on. */
    forPurposes: z.array(z.enum(PURPOSES)),
    notes: z.string().min(5),
    clause,
  }),
  secondaryDisclosure: z.strictObject({ requiresOriginatorAgreement: z.boolean(), clause }),
  /** Absent only in pack versions stored before requests existed (Concord's defaults then apply). */
  requests: requestRulesSchema.optional(),
  disclosures: disclosureRulesSchema.optional(),
  accuracy: z.strictObject({
    recipientReportsInaccuracy: z.boolean(),
    originatorCorrectsAndNotifiesRecipients: z.boolean(),
    /** Shared information shows where it came from (organisation, contact, date). */
    showOriginator: z.boolean(),
    clause,
  }),
  /** What is recorded and given to whom when a decision is made (beyond golden rule 7). */
  recording: z.strictObject({ reasonsNotToShareGivenToRequester: z.boolean(), clause }),
  retention: z.array(z.strictObject({ record: z.string().min(3), period: durationSchema.nullable(), note: z.string().optional(), clause })).min(1),
  /** How long each kind of record is kept, from which event, under whose policy (src/domain/retention.ts).
   *  Drives the disposal job and the disposition review. Absent only in packs stored before it existed. */
  retentionSchedule: retentionScheduleSchema.optional(),
  breach: z.strictObject({
    reportInternallyWithin: durationSchema,
    notifyOriginatorWithin: durationSchema.optional(),
    icoNotificationWithin: durationSchema.optional(),
    lead: roleRef,
    notify: z.array(roleRef).min(1),
    severityGrades: z.array(z.strictObject({ grade: z.string().min(1), description: z.string().min(3) })),
    steps: z.array(z.string().min(3)).min(1),
    /** Every deadline of the procedure, with what starts its clock (reportInternallyWithin etc. are the common ones). */
    deadlines: z
      .array(
        z.strictObject({
          id,
          action: z.string().min(5),
          who: roleRef,
          within: durationSchema,
          from: z.enum(BREACH_CLOCK_STARTS),
          clause,
        }),
      )
      .optional(),
    clause,
  }),
  dispute: z.strictObject({
    stages: z
      .array(
        z.strictObject({
          stage: z.number().int().positive(),
          name: z.string().min(3),
          who: z.array(roleRef).min(1),
          within: durationSchema.optional(),
          record: z.array(z.string().min(3)),
          /** The Concord roles that act at this stage (the people `who` names, as they sign in). */
          actedBy: z.array(z.enum(ROLES)).min(1).optional(),
          /** When the stage's time runs out: remind the people who act, or escalate to the next stage. */
          onDeadline: z.enum(DISPUTE_DEADLINE_ACTIONS).optional(),
        }),
      )
      .min(1),
    /** The time a stage has when it sets none itself, with its source (the baseline sets Concord's default). */
    stageDeadline: z.strictObject({ within: durationSchema, clause }).optional(),
    centralRegister: z.strictObject({ keptBy: roleRef, contents: z.array(z.string().min(3)) }).optional(),
    clause,
  }),
  /** Complaints about the use or disclosure of personal information: who handles them in the agency
   *  complained about, and the time it has to respond (Southampton 2010 s.14; Derby 2015 s.5 para. 5). */
  complaints: z
    .strictObject({
      handledBy: z.array(z.enum(ROLES)).min(1),
      respondWithin: durationSchema,
      clause,
    })
    .optional(),
  /** Scrutiny of decisions not to share and declined requests (Wirral 2022 App. 2 s.5.4): who may
   *  record a finding, and whether they must belong to a statutory safeguarding partner. */
  scrutiny: z
    .strictObject({
      findingsBy: z.array(z.enum(ROLES)).min(1),
      statutoryPartnersOnly: z.boolean(),
      clause,
    })
    .optional(),
  /** Sharing against or without the advice ("seek advice", "do not share"): whether a manager must
   *  approve it first, and when not. Haringey 2006 s.4.6: "All situations where it may be necessary
   *  to breach client confidentiality must be referred to a designated manager unless exceptional
   *  circumstances apply e.g. where there is a need for urgent medical treatment". `approverRole`
   *  null: the practitioner's recorded reasons suffice (the national baseline's default). */
  departures: z
    .strictObject({
      approverRole: z.enum(ROLES).nullable(),
      /** Harms in which the practitioner may act at once, without approval. */
      exceptions: z.strictObject({ harms: z.array(z.enum(HARMS)) }),
      clause,
    })
    .optional(),
  /** Break-glass access to a child the requester's agency is not involved with (ADR 0050): granted
   *  at once or by one of `approverRoles` in the requester's agency, for `hours` (Wirral 2022 s.7.2
   *  need to know; Haringey 2006 s.4.6, s.8.3 designated managers). Read by breakGlassRule. */
  breakGlass: z.strictObject({
    grant: z.enum(['immediate', 'lead_approval']),
    hours: z.number().int().min(1).max(168),
    approverRoles: z.array(z.enum(ROLES)).min(1),
    clause,
  }),
  signatories: z.strictObject({
    checklist: z.array(z.strictObject({ id, text: z.string().min(5) })),
    privacyImpactAssessmentBeforeSigning: z.boolean(),
    reaffirmation: durationSchema.optional(),
    clause,
  }),
  aggregate: z.strictObject({ smallNumberThreshold: z.number().int().min(0).max(100), clause }),
  dataResidency: z.strictObject({
    storeIn: z.array(z.string().min(2)).min(1),
    transfersOutside: z.string().min(5),
    /** Identifiable information goes only by secure or encrypted e-mail (never unsecured e-mail or post). */
    secureEmailOnly: z.boolean(),
    /** In e-mails, people are named by initials where possible. */
    initialsInEmail: z.boolean(),
    clause,
  }),
});

export type Pack = z.output<typeof packSchema>;
export const packRef = (p: Pick<Pack, 'id' | 'version'>) => `${p.id}@${p.version}`;

export interface PackError {
  /** Where in the pack, e.g. "consent.competence.presumedFromAge". */
  path: string;
  message: string;
}

/** Deep-merge a pack over its parent: objects merge key by key; arrays and scalars replace. */
export function mergePack(parent: Record<string, unknown>, child: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...parent };
  for (const [key, value] of Object.entries(child)) {
    const base = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && base && typeof base === 'object' && !Array.isArray(base)
        ? mergePack(base as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

type SchemaDef = { type: string; innerType?: SchemaLike; element?: SchemaLike; shape?: Record<string, SchemaLike> };
type SchemaLike = { def: SchemaDef };

/** The keys a section of the pack may have, for "unknown key" messages (undefined if not an object). */
function allowedKeysAt(path: readonly PropertyKey[]): string[] | undefined {
  const unwrap = (s: SchemaLike): SchemaLike => (s.def.innerType && (s.def.type === 'optional' || s.def.type === 'nullable') ? unwrap(s.def.innerType) : s);
  let schema: SchemaLike | undefined = packSchema as unknown as SchemaLike;
  for (const part of path) {
    schema = unwrap(schema);
    schema = schema.def.type === 'array' ? schema.def.element : schema.def.type === 'object' ? schema.def.shape?.[String(part)] : undefined;
    if (!schema) return undefined;
  }
  schema = unwrap(schema);
  return schema.def.type === 'object' && schema.def.shape ? Object.keys(schema.def.shape) : undefined;
}

/** The closest allowed key, if the unknown one looks like a typo of it. */
function suggestion(unknown: string, allowed: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cur = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
        prev = cur;
      }
    }
    return row[b.length]!;
  };
  const best = allowed.map((k) => ({ k, d: distance(unknown, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(unknown.length / 4)) ? best.k : undefined;
}

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** Validate a (merged) pack. Errors carry the dotted path and a plain message. */
export function validatePack(input: unknown): { ok: true; pack: Pack } | { ok: false; errors: PackError[] } {
  const parsed = packSchema.safeParse(input);
  if (!parsed.success) {
    const errors: PackError[] = [];
    for (const i of parsed.error.issues) {
      if (i.code === 'unrecognized_keys') {
        // One error per unknown key, at the key itself, saying what is allowed there.
        const allowed = allowedKeysAt(i.path) ?? [];
        for (const key of i.keys) {
          const near = suggestion(key, allowed);
          errors.push({
            path: dotted([...i.path, key]),
            message: `"${key}" is not a known key here${near ? ` — did you mean "${near}"?` : ''}${allowed.length ? ` Allowed: ${allowed.join(', ')}` : ''}`,
          });
        }
      } else {
        errors.push({ path: dotted(i.path) || '(top level)', message: i.message });
      }
    }
    return { ok: false, errors };
  }
  const p = parsed.data;
  const errors: PackError[] = [];
  if (p.ageScope.extendedTo < p.ageScope.to) errors.push({ path: 'ageScope.extendedTo', message: 'must be at least ageScope.to' });
  if (p.dates.review && p.dates.review < p.dates.effective) errors.push({ path: 'dates.review', message: 'the review date is before the effective date' });
  const stages = p.dispute.stages.map((s) => s.stage);
  stages.forEach((s, i) => {
    if (s !== i + 1) errors.push({ path: `dispute.stages.${i}.stage`, message: `stages must be numbered 1, 2, 3… in order (found ${s} at position ${i + 1})` });
  });
  const levels = p.informationLevels.map((l) => l.level);
  if (new Set(levels).size !== levels.length) errors.push({ path: 'informationLevels', message: 'each level may appear once' });
  for (const [i, l] of p.informationLevels.entries()) {
    if (l.explicitConsentRequired !== p.consent.explicitConsentRequiredFor.levels.includes(l.level)) {
      errors.push({ path: `informationLevels.${i}.explicitConsentRequired`, message: `disagrees with consent.explicitConsentRequiredFor.levels for "${l.level}"` });
    }
  }
  // ADR 0006: consent is never the UK GDPR Art. 6 basis for safeguarding (Sandwell 2022 s.1.7).
  p.lawfulBases.preferred.forEach((b, i) => {
    if (b === 'uk_gdpr_6_1_a')
      errors.push({
        path: `lawfulBases.preferred.${i}`,
        message: 'consent (uk_gdpr_6_1_a) cannot be a preferred basis: Concord relies on public task or legal obligation and seeks consent for the duty of confidence (ADR 0006)',
      });
  });
  if (!p.lawfulBases.preferred.some((b) => b === 'uk_gdpr_6_1_e' || b === 'uk_gdpr_6_1_c')) {
    errors.push({ path: 'lawfulBases.preferred', message: 'name at least one UK GDPR Art. 6 basis the engine can rely on: uk_gdpr_6_1_e (public task) or uk_gdpr_6_1_c (legal obligation)' });
  }
  p.consent.notRequiredFor.purposes.forEach((purpose, i) => {
    if (p.consent.explicitConsentRequiredFor.purposes.includes(purpose)) {
      errors.push({ path: `consent.notRequiredFor.purposes.${i}`, message: `"${purpose}" cannot both need explicit consent and need no consent` });
    }
  });
  const referralKinds = p.mandatoryReferrals.map((r) => r.when);
  referralKinds.forEach((w, i) => {
    if (referralKinds.indexOf(w) !== i) errors.push({ path: `mandatoryReferrals.${i}.when`, message: `there is already a mandatory referral for "${w}"` });
  });
  return errors.length ? { ok: false, errors } : { ok: true, pack: p };
}
