/**
 * The "can I share this?" questions for a one-question-per-page journey.
 *
 * Questions are asked in QUESTION_IDS order; each is asked only if it applies given the earlier
 * answers (the same `applicability` the answers schema uses, so the engine accepts exactly what
 * this flow produces). A question's id is the name of the answer field it fills.
 *
 *   purpose ─ none ──────────────────────────────────────────────▶ done (do not share)
 *      └ identifiable ─ no ──────────────────────────────────────▶ done (share anonymised)
 *           └ (service planning) ────────────────────────────────▶ done (use anonymised data)
 *           └ level → confidential → childAge → consent
 *                    ├ not_sought → consentNotSoughtReason
 *                    └ given / refused / withdrawn, aged 5–17 or age not known → consentConflict
 *             → harm → sexualActivityUnder13 (aged 5–15 or age not known) ─▶ done
 */
import {
  ANSWER_FIELDS,
  type AnswerField,
  type Answers,
  applicability,
  applicableAnswers,
  CONSENT_NOT_SOUGHT_REASONS,
  CONSENT_STATES,
  consentLabels,
  consentNotSoughtReasonLabels,
  HARMS,
  harmLabels,
  LEVELS,
  levelLabels,
  MAX_CHILD_AGE,
  MIN_CHILD_AGE,
  OPTIONAL_FIELDS,
  PURPOSES,
  purposeLabels,
  requiredMessages,
} from './answers.ts';

export const QUESTION_IDS = ANSWER_FIELDS;
export type QuestionId = AnswerField;

export type QuestionOption<V> = { value: V; label: string; hint?: string };

type Common = {
  id: QuestionId;
  /** The answer field this question fills (the same as `id`). */
  field: AnswerField;
  /** The page heading, phrased as a question. */
  title: string;
  hint: string;
  /** The error message when the question is not answered. */
  errorMessage: string;
  /** Where the question comes from. */
  source: string;
};

export type Question =
  | (Common & { kind: 'choice'; options: readonly QuestionOption<string>[] })
  | (Common & { kind: 'yes_no'; options: readonly QuestionOption<boolean>[] })
  | (Common & {
      kind: 'age';
      min: number;
      max: number;
      /** The answer to store when the age is not known (the engine treats it as under 18). */
      unknownOption: QuestionOption<null>;
    });

const choice = <V extends string>(values: readonly V[], labels: Readonly<Record<V, string>>, hints: Partial<Record<V, string>> = {}) =>
  values.map((value): QuestionOption<string> => {
    const hint = hints[value];
    return hint === undefined ? { value, label: labels[value] } : { value, label: labels[value], hint };
  });

const yesNo = (yesHint?: string, noHint?: string): readonly QuestionOption<boolean>[] => [
  yesHint === undefined ? { value: true, label: 'Yes' } : { value: true, label: 'Yes', hint: yesHint },
  noHint === undefined ? { value: false, label: 'No' } : { value: false, label: 'No', hint: noHint },
];

export const QUESTIONS: Readonly<Record<QuestionId, Question>> = {
  purpose: {
    id: 'purpose',
    field: 'purpose',
    kind: 'choice',
    title: 'Why do you want to share the information?',
    hint: 'There must be a clear and legitimate purpose. Choose the main one.',
    errorMessage: requiredMessages.purpose,
    source: 'Wirral 2022 When and How q.1; Sandwell 2022 App. 2 q.1',
    options: choice(PURPOSES, purposeLabels, {
      early_help: 'Support below the threshold for children’s social care, with the family’s agreement',
      statutory_request: 'For example, a request from the safeguarding partners under Children Act 2004 s.14B',
      practice_review: 'Including rapid reviews and local child safeguarding practice reviews',
    }),
  },
  identifiable: {
    id: 'identifiable',
    field: 'identifiable',
    kind: 'yes_no',
    title: 'Could the information identify a child or anyone else?',
    hint: 'Include information that could identify someone when combined with other information, and figures about small groups (usually 10 or fewer).',
    errorMessage: requiredMessages.identifiable,
    source: 'Wirral 2022 When and How q.3; Sandwell 2022 App. 2 q.2; Sandwell 2022 s.1.9; Southampton 2010 s.12',
    options: yesNo(undefined, 'It is anonymised or aggregated so that no one can be identified'),
  },
  level: {
    id: 'level',
    field: 'level',
    kind: 'choice',
    title: 'How much information do you need to share?',
    hint: 'Share no more than the purpose needs.',
    errorMessage: requiredMessages.level,
    source: 'Haringey 2006 s.3.7–3.9; Sandwell 2022 s.5.2 (Limited)',
    options: choice(LEVELS, levelLabels, {
      minimum: 'For example name, address, date of birth, school or NHS number',
      detailed: 'For example health information, special educational needs, case notes or offending',
    }),
  },
  confidential: {
    id: 'confidential',
    field: 'confidential',
    kind: 'yes_no',
    title: 'Is the information confidential?',
    hint: 'Information is confidential if it is sensitive, not already public, and was given to you in confidence — for example by a child or parent who expected it not to be passed on.',
    errorMessage: requiredMessages.confidential,
    source: 'Sandwell 2022 App. 2 q.3',
    options: yesNo(),
  },
  childAge: {
    id: 'childAge',
    field: 'childAge',
    kind: 'age',
    title: 'How old is the child or young person?',
    hint: `Enter their age in whole years. The protocol covers children up to 18, and young people up to ${MAX_CHILD_AGE} who are care leavers or have special educational needs or disabilities.`,
    errorMessage: requiredMessages.childAge,
    source: 'Southampton 2010 s.5; Derby 2015 s.3',
    min: MIN_CHILD_AGE,
    max: MAX_CHILD_AGE,
    unknownOption: { value: null, label: 'I do not know, or it is not about one child' },
  },
  consent: {
    id: 'consent',
    field: 'consent',
    kind: 'choice',
    title: 'Do you have consent to share?',
    hint: 'Consent must be freely given, informed and explicit — from the child if they are competent to decide, otherwise from a person with parental responsibility.',
    errorMessage: requiredMessages.consent,
    source: 'Wirral 2022 When and How q.2; Sandwell 2022 App. 2 q.4; Sandwell 2022 s.6.3',
    options: choice(CONSENT_STATES, consentLabels, {
      not_sought: 'For example, because asking would put a child at risk, or the law requires you to share',
    }),
  },
  consentNotSoughtReason: {
    id: 'consentNotSoughtReason',
    field: 'consentNotSoughtReason',
    kind: 'choice',
    title: 'Why was consent not sought?',
    hint: 'Consent should not be sought in these circumstances only.',
    errorMessage: requiredMessages.consentNotSoughtReason,
    source: 'Sandwell 2022 s.6.3; Sandwell 2022 s.6.7; Sandwell 2022 App. 2 (When not to seek consent)',
    options: choice(CONSENT_NOT_SOUGHT_REASONS, consentNotSoughtReasonLabels),
  },
  consentConflict: {
    id: 'consentConflict',
    field: 'consentConflict',
    kind: 'yes_no',
    title: 'Do the child and a parent or carer disagree about sharing?',
    hint: 'Answer yes if a child who understands the decision and a person with parental responsibility have given different answers.',
    errorMessage: requiredMessages.consentConflict,
    source: 'Sandwell 2022 App. 2 q.4; Derby 2015 s.3 (Whose consent should be sought?)',
    options: yesNo(),
  },
  harm: {
    id: 'harm',
    field: 'harm',
    kind: 'choice',
    title: 'What is your concern about harm?',
    hint: 'Choose the most serious that applies. Any sexual activity involving a young child is a concern of significant harm.',
    errorMessage: requiredMessages.harm,
    source: 'Derby 2015 s.3; Sandwell 2022 App. 2 q.5; Sandwell 2022 s.6.5; Haringey 2006 s.4.5',
    options: choice(HARMS, harmLabels, {
      serious_crime: 'A crime that causes, or is likely to cause, significant harm to a child or serious harm to an adult',
      unsure: 'You will be told to talk to your designated safeguarding lead',
    }),
  },
  sexualActivityUnder13: {
    id: 'sexualActivityUnder13',
    field: 'sexualActivityUnder13',
    kind: 'yes_no',
    title: 'Is there information that the child is, or was, sexually active under the age of 13?',
    hint: 'A child under 13 cannot consent to sexual activity in law. Every such case is discussed with a safeguarding lead without delay, and referred where your protocol says so.',
    errorMessage: requiredMessages.sexualActivityUnder13,
    source: 'Derby 2015 s.3 (sexual activity of under 16 year olds)',
    options: yesNo(),
  },
};

/** Whether `id` is a question that applies given the other answers. */
export function isAsked(id: QuestionId, partial: Partial<Answers>): boolean {
  return applicability(id, partial).applies === true;
}

/**
 * The next question the flowchart needs, or `null` when every needed answer is present.
 * Answers to questions that no longer apply are ignored (see `relevantAnswers`).
 *
 * An answer can make a later, already-given answer irrelevant (an age of 16 removes the question
 * about sexual activity under 13), so store `relevantAnswers({ ...answers, [id]: value })` after
 * each answer. When this returns `null`, `parseAnswers(relevantAnswers(answers))` succeeds.
 *
 * `childAge` counts as answered when it is a number or `null` ("not known"); a caller who knows
 * the child's date of birth can fill it in and the question is skipped.
 */
export function nextQuestion(partial: Partial<Answers>): QuestionId | null {
  const relevant = relevantAnswers(partial);
  for (const id of QUESTION_IDS) {
    if (isAsked(id, relevant) && relevant[id] === undefined) return id;
  }
  return null;
}

/**
 * Keep only the answers to questions that still apply, in question order. Call it after any
 * answer changes: e.g. changing consent from "not sought" to "given" drops the reason consent was
 * not sought, and changing "identifiable" to no drops everything after it.
 */
export function relevantAnswers(partial: Partial<Answers>): Partial<Answers> {
  return applicableAnswers(partial);
}

/** The questions that apply to these answers, in order — for a "check your answers" page. */
export function askedQuestions(partial: Partial<Answers>): QuestionId[] {
  const relevant = relevantAnswers(partial);
  return QUESTION_IDS.filter((id) => isAsked(id, relevant));
}

/** Whether the question may be left unanswered when it applies. */
export function isOptional(id: QuestionId): boolean {
  return OPTIONAL_FIELDS.has(id);
}
