// The protocol pack: a partnership's Information Sharing Protocol as data. One schema validates
// every pack at load (YAML, see protocols/*/pack.yaml); a pack may `extends` another (usually the
// national baseline) and is merged over it before validation. Every section cites its clause.
import { z } from 'zod';
import { CONSENT_NOT_SOUGHT_REASONS, HARMS, LEVELS, PURPOSES } from '../decision/answers.ts';
import { LAWFUL_BASES } from '../decision/engine.ts';
import { ROLES } from '../staff.ts';

const clause = z.string().trim().min(3, 'cite the clause this comes from, e.g. "Haringey 2006 s.6"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2022-06-30');
const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'use lower-case letters, digits, "-" and "_"');

export const DURATION_UNITS = ['working_days', 'calendar_days', 'hours', 'months'] as const;
export const durationSchema = z.strictObject({
  amount: z.number().int().positive('a duration must be a positive whole number'),
  unit: z.enum(DURATION_UNITS),
});
export type Duration = z.infer<typeof durationSchema>;

/** A role a protocol names: a Concord role, or one of its own (e.g. "nominated officer"). */
const roleRef = z.string().min(2);

export const packSchema = z.strictObject({
  id,
  version: z.string().regex(/^[0-9A-Za-z.-]{1,32}$/, 'use a version like 2022.1'),
  title: z.string().min(3),
  extends: z.string().regex(/^[a-z0-9_-]+@[0-9A-Za-z.-]+$/, 'write the parent as id@version').optional(),
  source: z.strictObject({
    document: z.string().min(3),
    publisher: z.string().min(2),
    published: isoDate.optional(),
    summary: z.string().min(10),
  }),
  dates: z.strictObject({
    effective: isoDate,
    review: isoDate.optional(),
    reviewCycle: z.strictObject({ first: durationSchema, then: durationSchema, clause }),
  }),
  roles: z
    .array(z.strictObject({ id, title: z.string().min(2), concordRole: z.enum(ROLES).optional(), duties: z.array(z.string().min(3)).min(1), clause }))
    .min(1),
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
    explicitConsentRequiredFor: z.strictObject({ levels: z.array(z.enum(LEVELS)), purposes: z.array(z.enum(PURPOSES)) }),
    /** Circumstances in which information may be shared without consent. */
    exceptions: z.strictObject({ harms: z.array(z.enum(HARMS)), notSoughtReasons: z.array(z.enum(CONSENT_NOT_SOUGHT_REASONS)) }),
    /** The minimum data set may be shared without consent to identify a child and who works with them. */
    minimumDataSetWithoutConsent: z.boolean(),
    competence: z.strictObject({
      /** Children of this age or over are presumed competent to decide (null: assess each child). */
      presumedFromAge: z.number().int().min(0).max(18).nullable(),
      test: z.string().min(5),
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
  lawfulBases: z.strictObject({ preferred: z.array(z.enum(LAWFUL_BASES)).min(1), notes: z.string().min(5), clause }),
  secondaryDisclosure: z.strictObject({ requiresOriginatorAgreement: z.boolean(), clause }),
  accuracy: z.strictObject({ recipientReportsInaccuracy: z.boolean(), originatorCorrectsAndNotifiesRecipients: z.boolean(), clause }),
  retention: z.array(z.strictObject({ record: z.string().min(3), period: durationSchema.nullable(), note: z.string().optional(), clause })).min(1),
  breach: z.strictObject({
    reportInternallyWithin: durationSchema,
    notifyOriginatorWithin: durationSchema.optional(),
    icoNotificationWithin: durationSchema.optional(),
    lead: roleRef,
    notify: z.array(roleRef).min(1),
    severityGrades: z.array(z.strictObject({ grade: z.string().min(1), description: z.string().min(3) })),
    steps: z.array(z.string().min(3)).min(1),
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
        }),
      )
      .min(1),
    centralRegister: z.strictObject({ keptBy: roleRef, contents: z.array(z.string().min(3)) }).optional(),
    clause,
  }),
  signatories: z.strictObject({
    checklist: z.array(z.strictObject({ id, text: z.string().min(5) })),
    privacyImpactAssessmentBeforeSigning: z.boolean(),
    reaffirmation: durationSchema.optional(),
    clause,
  }),
  aggregate: z.strictObject({ smallNumberThreshold: z.number().int().min(0).max(100), clause }),
  dataResidency: z.strictObject({ storeIn: z.array(z.string().min(2)).min(1), transfersOutside: z.string().min(5), clause }),
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

/** Validate a (merged) pack. Errors carry the dotted path and a plain message. */
export function validatePack(input: unknown): { ok: true; pack: Pack } | { ok: false; errors: PackError[] } {
  const parsed = packSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(top level)', message: i.message })) };
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
  return errors.length ? { ok: false, errors } : { ok: true, pack: p };
}
