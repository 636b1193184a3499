/**
 * The practitioner's answers to "can I share this?" — the decision engine's input.
 *
 * The questions follow the flowchart of when and how to share information used by every seed
 * protocol (Wirral 2022 "When and How"; Sandwell 2022 App. 2 q.1–q.7 and App. 4; Derby 2015 s.3–4),
 * with the extra questions the protocols make decisive (consent not sought and why, Sandwell 2022
 * s.6.3; sexual activity under 13, Derby 2015 s.3; a competent child and a parent disagreeing,
 * Sandwell 2022 App. 2 q.4).
 *
 * Which answers are required depends on earlier answers. One function, `applicability`, says
 * whether a question applies; the schema, `parseAnswers` and the question flow (questions.ts) all
 * use it, so the engine accepts exactly the answer sets the flow produces:
 *   - an answer that applies must be present (except `childAge`, which may be absent or null);
 *   - an answer that does not apply must be absent — it is rejected, never silently ignored.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Value lists (ordered as they should appear on the page) and their labels
// ---------------------------------------------------------------------------------------------

export const PURPOSES = [
  'child_protection',
  'child_in_need',
  'early_help',
  'crime_prevention',
  'police_investigation',
  'court_order',
  'statutory_request',
  'practice_review',
  'service_planning',
  'none',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const purposeLabels: Readonly<Record<Purpose, string>> = {
  child_protection: 'To protect a child who may be suffering, or likely to suffer, significant harm',
  child_in_need: 'To assess or meet the needs of a child in need',
  early_help: 'To offer early help or support to a child or family',
  crime_prevention: 'To prevent or reduce crime and disorder',
  police_investigation: 'To help a police investigation',
  court_order: 'A court has ordered the information to be disclosed',
  statutory_request: 'A body with a legal power to require the information has asked for it',
  practice_review: 'For a safeguarding practice review, rapid review or multi-agency audit',
  service_planning: 'To plan, commission or monitor services',
  none: 'None of these — there is no clear purpose for sharing',
};

export const LEVELS = ['minimum', 'detailed', 'aggregate'] as const;
export type Level = (typeof LEVELS)[number];

export const levelLabels: Readonly<Record<Level, string>> = {
  minimum: 'Basic details only — enough to identify the child and who is working with them',
  detailed: 'Detailed or sensitive information — for example health, case notes or legal status',
  aggregate: 'Figures about a group of children, where someone could still be identified',
};

export const CONSENT_STATES = ['given', 'refused', 'withdrawn', 'not_yet_asked', 'not_sought'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const consentLabels: Readonly<Record<ConsentState, string>> = {
  given: 'Yes, consent has been given',
  refused: 'No, consent was refused',
  withdrawn: 'Consent was given but has since been withdrawn',
  not_yet_asked: 'I have not asked yet',
  not_sought: 'I have decided not to ask for consent',
};

export const CONSENT_NOT_SOUGHT_REASONS = ['increase_risk', 'prejudice_crime', 'unjustified_delay', 'imbalance_of_power', 'statutory_duty'] as const;
export type ConsentNotSoughtReason = (typeof CONSENT_NOT_SOUGHT_REASONS)[number];

export const consentNotSoughtReasonLabels: Readonly<Record<ConsentNotSoughtReason, string>> = {
  increase_risk: 'Asking would put a child or someone else at increased risk of significant harm',
  prejudice_crime: 'Asking would harm the prevention, detection or prosecution of a serious crime',
  unjustified_delay: 'Asking would cause an unjustified delay in enquiries about significant harm',
  imbalance_of_power: 'Consent could not be freely given because of an imbalance of power (for example, a police enquiry)',
  statutory_duty: 'The law requires me to share (a statutory duty or a court order)',
};

export const HARMS = ['evidence_significant_harm', 'reasonable_cause_significant_harm', 'urgent_medical_treatment', 'serious_crime', 'serious_harm_adult', 'emerging_needs', 'none', 'unsure'] as const;
export type Harm = (typeof HARMS)[number];

export const harmLabels: Readonly<Record<Harm, string>> = {
  evidence_significant_harm: 'There is evidence that the child is suffering, or is likely to suffer, significant harm',
  reasonable_cause_significant_harm: 'There is reasonable cause to suspect the child is suffering, or is likely to suffer, significant harm',
  urgent_medical_treatment: 'The child or young person needs urgent medical treatment',
  serious_crime: 'Sharing would help prevent, detect or prosecute a serious crime',
  serious_harm_adult: 'Sharing would prevent serious harm to an adult',
  emerging_needs: 'There are emerging needs, but no concern about significant harm',
  none: 'There is no concern about harm',
  unsure: 'I am not sure',
};

// ---------------------------------------------------------------------------------------------
// Fields, in question order
// ---------------------------------------------------------------------------------------------

export const ANSWER_FIELDS = ['purpose', 'identifiable', 'level', 'confidential', 'childAge', 'consent', 'consentNotSoughtReason', 'consentConflict', 'harm', 'sexualActivityUnder13'] as const;
export type AnswerField = (typeof ANSWER_FIELDS)[number];

export const MIN_CHILD_AGE = 0;
export const MAX_CHILD_AGE = 25;
/** The age at which a young person is an adult: Children Act 1989 s.105 "child" means under 18. */
export const ADULT_AGE = 18;
/** Derby 2015 s.3 "Sharing information in the case of sexual activity of under 16 year olds". */
const SEXUAL_ACTIVITY_QUESTION_BELOW_AGE = 16;
/**
 * Below this age (the early years, 0–4) two questions do not fit the child (ADR 0033):
 *   - whether the child and a parent disagree about sharing: "the law does not set out a specific
 *     age" (Sandwell 2022 App. 2 q.4) but a child this young cannot meet the test of understanding
 *     (Derby 2015 s.3 "Whose consent should be sought?": understand what may be shared, why, and
 *     the implications; weigh one aspect against another), so consent comes from a person with
 *     parental responsibility and there is no child's own view to set against theirs;
 *   - whether the child is sexually active under 13 (Derby 2015 s.3): for a child this young any
 *     sexual activity is itself a concern of significant harm, which the harm question asks.
 * The engine reads the answers through the same `applicability`, so an answer to a skipped question
 * cannot change the advice (`applicableAnswers`).
 */
export const EARLY_YEARS_BELOW_AGE = 5;
const inEarlyYears = (answers: Partial<AnswersShape>): boolean => typeof answers.childAge === 'number' && answers.childAge < EARLY_YEARS_BELOW_AGE;

/** The message shown when an answer that is needed is missing or not one of the options. */
export const requiredMessages: Readonly<Record<AnswerField, string>> = {
  purpose: 'Select why you want to share the information',
  identifiable: 'Select whether the information could identify a child or anyone else',
  level: 'Select how much information you need to share',
  confidential: 'Select whether the information is confidential',
  childAge: `Enter the child's age as a whole number from ${MIN_CHILD_AGE} to ${MAX_CHILD_AGE}, or say you do not know it`,
  consent: 'Select whether you have consent to share',
  consentNotSoughtReason: 'Select why consent was not sought',
  consentConflict: 'Select whether the child and a parent or carer disagree about sharing',
  harm: 'Select the concern about harm',
  sexualActivityUnder13: 'Select whether there is information that the child is, or was, sexually active under 13',
};

const fieldSchemas = {
  purpose: z.enum(PURPOSES, { error: requiredMessages.purpose }),
  identifiable: z.boolean({ error: requiredMessages.identifiable }),
  level: z.enum(LEVELS, { error: requiredMessages.level }),
  confidential: z.boolean({ error: requiredMessages.confidential }),
  childAge: z.int({ error: requiredMessages.childAge }).min(MIN_CHILD_AGE, { error: requiredMessages.childAge }).max(MAX_CHILD_AGE, { error: requiredMessages.childAge }).nullable(),
  consent: z.enum(CONSENT_STATES, { error: requiredMessages.consent }),
  consentNotSoughtReason: z.enum(CONSENT_NOT_SOUGHT_REASONS, { error: requiredMessages.consentNotSoughtReason }),
  consentConflict: z.boolean({ error: requiredMessages.consentConflict }),
  harm: z.enum(HARMS, { error: requiredMessages.harm }),
  sexualActivityUnder13: z.boolean({ error: requiredMessages.sexualActivityUnder13 }),
} as const satisfies Record<AnswerField, z.ZodType>;

const answersShape = z.strictObject({
  purpose: fieldSchemas.purpose,
  identifiable: fieldSchemas.identifiable.optional(),
  level: fieldSchemas.level.optional(),
  confidential: fieldSchemas.confidential.optional(),
  childAge: fieldSchemas.childAge.optional(),
  consent: fieldSchemas.consent.optional(),
  consentNotSoughtReason: fieldSchemas.consentNotSoughtReason.optional(),
  consentConflict: fieldSchemas.consentConflict.optional(),
  harm: fieldSchemas.harm.optional(),
  sexualActivityUnder13: fieldSchemas.sexualActivityUnder13.optional(),
});

type AnswersShape = z.infer<typeof answersShape>;

// ---------------------------------------------------------------------------------------------
// Which questions apply — the single source of truth for the schema and the question flow
// ---------------------------------------------------------------------------------------------

export type Applicability =
  | { applies: true }
  | { applies: false; because: string }
  /** An earlier answer this depends on is missing or invalid, so it cannot be known yet. */
  | { applies: 'unknown' };

const YES = { applies: true } as const;
const UNKNOWN = { applies: 'unknown' } as const;
const no = (because: string): Applicability => ({ applies: false, because });

/**
 * Whether `field` applies given the other answers. It depends only on answers to earlier
 * questions (see ANSWER_FIELDS), so the flow can ask the questions in order.
 *
 * `invalid` names fields whose answers were present but invalid; they count as unknown.
 */
export function applicability(field: AnswerField, answers: Partial<AnswersShape>, invalid: ReadonlySet<AnswerField> = new Set()): Applicability {
  const known = (f: AnswerField): boolean => !invalid.has(f) && answers[f] !== undefined;
  if (field === 'purpose') return YES;

  // Wirral 2022 When and How q.1; Sandwell 2022 App. 2 q.1: no legitimate purpose, do not share.
  if (!known('purpose')) return UNKNOWN;
  if (answers.purpose === 'none') return no('there is no clear and legitimate purpose for sharing');
  if (field === 'identifiable') return YES;

  // Wirral 2022 When and How q.3; Sandwell 2022 App. 2 q.2: information that identifies no one
  // can be shared for a legitimate purpose, so nothing else is needed.
  if (!known('identifiable')) return UNKNOWN;
  if (answers.identifiable === false) return no('the information cannot identify anyone');
  // Southampton 2010 s.12; Sandwell 2022 App. 2 q.1–q.2: planning needs no identities.
  if (answers.purpose === 'service_planning') {
    return no('information that identifies people is not shared for service planning');
  }

  switch (field) {
    case 'level':
    case 'confidential':
    case 'childAge':
    case 'consent':
    case 'harm':
      return YES;
    case 'consentNotSoughtReason':
      if (!known('consent')) return UNKNOWN;
      return answers.consent === 'not_sought' ? YES : no('you did not decide against asking for consent');
    case 'consentConflict': {
      if (!known('consent')) return UNKNOWN;
      if (invalid.has('childAge')) return UNKNOWN;
      const c = answers.consent;
      if (c !== 'given' && c !== 'refused' && c !== 'withdrawn') {
        return no('consent has not been asked for');
      }
      if (typeof answers.childAge === 'number' && answers.childAge >= ADULT_AGE) {
        return no('the young person is 18 or over and decides about consent themselves');
      }
      if (inEarlyYears(answers)) {
        return no(`the child is under ${EARLY_YEARS_BELOW_AGE}, so consent comes from a person with parental responsibility`);
      }
      return YES;
    }
    case 'sexualActivityUnder13':
      if (invalid.has('childAge')) return UNKNOWN;
      if (typeof answers.childAge === 'number' && answers.childAge >= SEXUAL_ACTIVITY_QUESTION_BELOW_AGE) {
        return no(`the young person is ${SEXUAL_ACTIVITY_QUESTION_BELOW_AGE} or over`);
      }
      if (inEarlyYears(answers)) {
        return no(`the child is under ${EARLY_YEARS_BELOW_AGE}: any sexual activity is a concern of significant harm, asked about under harm`);
      }
      return YES;
  }
}

/**
 * Only the answers to questions that apply, in question order: an answer to a question that does
 * not apply is dropped. The question flow stores answers through it (`relevantAnswers`) and the
 * engine reads answers through it, so the two agree on which answers count.
 */
export function applicableAnswers<T extends Partial<AnswersShape>>(answers: T): T {
  const kept: Record<string, unknown> = {};
  for (const field of ANSWER_FIELDS) {
    const value = answers[field];
    if (value === undefined) continue;
    // Applicability depends only on earlier answers, which are already filtered.
    if (applicability(field, kept as Partial<AnswersShape>).applies === true) kept[field] = value;
  }
  return kept as T;
}

/** Fields that may be left out even when they apply. `childAge` absent means "not known". */
export const OPTIONAL_FIELDS: ReadonlySet<AnswerField> = new Set<AnswerField>(['childAge']);

/** Short descriptions of each answer, for messages. */
const fieldDescriptions: Readonly<Record<AnswerField, string>> = {
  purpose: 'why you want to share',
  identifiable: 'whether the information could identify anyone',
  level: 'how much information to share',
  confidential: 'whether the information is confidential',
  childAge: "the child's age",
  consent: 'consent',
  consentNotSoughtReason: 'why consent was not sought',
  consentConflict: 'whether the child and a parent or carer disagree',
  harm: 'the concern about harm',
  sexualActivityUnder13: 'sexual activity under 13',
};

function notApplicableMessage(field: AnswerField, because: string): string {
  if (field === 'consentNotSoughtReason') {
    return 'Only give a reason for not seeking consent when you have decided not to ask for consent';
  }
  if (field === 'consentConflict' && because.startsWith('consent has not')) {
    return 'Only say whether the child and a parent or carer disagree when consent has been asked for';
  }
  return `Remove the answer about ${fieldDescriptions[field]}: it does not apply because ${because}`;
}

type Issue = { field: AnswerField; message: string };

/** Conditional rules: needed answers present, answers that do not apply absent. */
function conditionalIssues(answers: Partial<AnswersShape>, invalid: ReadonlySet<AnswerField>): Issue[] {
  const issues: Issue[] = [];
  for (const field of ANSWER_FIELDS) {
    if (invalid.has(field)) continue;
    const a = applicability(field, answers, invalid);
    const present = answers[field] !== undefined;
    if (a.applies === true && !present && !OPTIONAL_FIELDS.has(field)) {
      issues.push({ field, message: requiredMessages[field] });
    } else if (a.applies === false && present) {
      issues.push({ field, message: notApplicableMessage(field, a.because) });
    }
  }
  return issues;
}

/** The zod schema for the engine's input (strict: unknown keys are errors). */
export const answersSchema = answersShape.superRefine((value, ctx) => {
  for (const issue of conditionalIssues(value, new Set())) {
    ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  }
});

export type Answers = z.infer<typeof answersSchema>;

// ---------------------------------------------------------------------------------------------
// parseAnswers: every problem at once, one message per field, in question order
// ---------------------------------------------------------------------------------------------

export type FieldError = { path: string; message: string };
export type ParseAnswersResult = { ok: true; value: Answers } | { ok: false; errors: FieldError[] };

const KNOWN_FIELDS: ReadonlySet<string> = new Set(ANSWER_FIELDS);

function isPlainObject(input: unknown): input is Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const proto = Object.getPrototypeOf(input) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Validate untrusted input (a form, an API body, a JSON file). Unlike a bare `safeParse`, this
 * reports conditional problems even when another field has the wrong type, so an error summary
 * can list everything in one go.
 */
export function parseAnswers(input: unknown): ParseAnswersResult {
  if (!isPlainObject(input)) {
    return { ok: false, errors: [{ path: '', message: 'The answers must be a JSON object' }] };
  }

  const errors: FieldError[] = [];
  const invalid = new Set<AnswerField>();
  const valid: Record<string, unknown> = {};

  for (const field of ANSWER_FIELDS) {
    // An `undefined` value (possible from JavaScript callers) counts as absent, as in zod.
    if (!Object.hasOwn(input, field) || input[field] === undefined) continue;
    const result = fieldSchemas[field].safeParse(input[field]);
    if (result.success) {
      valid[field] = result.data;
    } else {
      invalid.add(field);
      errors.push({ path: field, message: result.error.issues[0]?.message ?? requiredMessages[field] });
    }
  }

  for (const issue of conditionalIssues(valid as Partial<AnswersShape>, invalid)) {
    errors.push({ path: issue.field, message: issue.message });
  }

  for (const key of Object.keys(input)) {
    if (!KNOWN_FIELDS.has(key)) {
      errors.push({ path: key, message: `Remove "${key}": it is not one of the questions in this decision` });
    }
  }

  if (errors.length > 0) return { ok: false, errors: orderErrors(errors) };

  // Everything checked above; the schema gives the typed value (and is the single definition).
  const parsed = answersSchema.safeParse(input);
  if (!parsed.success) {
    // Unreachable unless the two checks disagree; report rather than throw.
    return {
      ok: false,
      errors: orderErrors(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))),
    };
  }
  return { ok: true, value: parsed.data };
}

function orderErrors(errors: FieldError[]): FieldError[] {
  const rank = (path: string): number => {
    const i = (ANSWER_FIELDS as readonly string[]).indexOf(path);
    return i === -1 ? ANSWER_FIELDS.length : i;
  };
  const seen = new Set<string>();
  const firstPerPath = errors.filter((e) => {
    if (seen.has(e.path)) return false;
    seen.add(e.path);
    return true;
  });
  return firstPerPath
    .map((e, index) => ({ e, index }))
    .sort((x, y) => rank(x.e.path) - rank(y.e.path) || x.index - y.index)
    .map(({ e }) => e);
}
