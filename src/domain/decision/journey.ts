// The "can I share this?" journey, one question per page: which question comes next, reading a
// posted answer, going back, checking the answers, and when the journey is complete. Pure: the
// web layer keeps the answers in progress (in the session) and renders each step.
//
// The questions and the order they apply in are in questions.ts; this module is the journey over
// them, so the pages, the API and the tests move through the same steps.
import { type Answers, parseAnswers } from './answers.ts';
import { askedQuestions, isAsked, nextQuestion, QUESTION_IDS, QUESTIONS, type Question, type QuestionId, relevantAnswers } from './questions.ts';

/** The answers in progress: what the record already tells us (the child's age) fills answers the
 *  practitioner has not given; an answer they give always wins. Only answers that still apply. */
export function journeyAnswers(known: Record<string, unknown> | undefined, given: Record<string, unknown> | undefined): Partial<Answers> {
  return relevantAnswers({ ...(known ?? {}), ...(given ?? {}) } as Partial<Answers>);
}

/** The next step: the next question the flowchart needs, or "check" when every needed answer is given. */
export type Step = QuestionId | 'check';
export const nextStep = (answers: Partial<Answers>): Step => nextQuestion(answers) ?? 'check';

/** Whether every needed answer is given: the complete, valid answers, or undefined. */
export function completeAnswers(answers: Partial<Answers>): Answers | undefined {
  if (nextQuestion(answers)) return undefined;
  const parsed = parseAnswers(answers);
  return parsed.ok ? parsed.value : undefined;
}

/** A question page applies only if it is a real question the flowchart needs now. */
export function questionFor(id: string, answers: Partial<Answers>): { kind: 'unknown' } | { kind: 'not_asked' } | { kind: 'asked'; id: QuestionId; question: Question } {
  if (!(QUESTION_IDS as readonly string[]).includes(id)) return { kind: 'unknown' };
  const qid = id as QuestionId;
  return isAsked(qid, answers) ? { kind: 'asked', id: qid, question: QUESTIONS[qid] } : { kind: 'not_asked' };
}

/** Where a question sits in the journey: its step number, and the question before it (null for the first). */
export function questionPlace(id: QuestionId, answers: Partial<Answers>): { step: number; previous: QuestionId | null } {
  const asked = askedQuestions(answers);
  const index = asked.indexOf(id);
  return { step: index + 1, previous: index > 0 ? asked[index - 1]! : null };
}

/** The last question asked, for "back" from checking the answers. */
export const lastQuestion = (answers: Partial<Answers>): QuestionId | undefined => askedQuestions(answers).at(-1);

/** What a question page posts: the chosen option ("yes"/"no" for yes-or-no questions), or for the
 *  age question the age typed and whether "not known" was ticked. */
export interface PostedAnswer {
  answer: string;
  ageUnknown?: boolean;
}

/** Read a posted answer to a question: its value, or the error to show beside the question. */
export function readAnswer(q: Question, posted: PostedAnswer): { ok: true; value: unknown } | { ok: false; error: string } {
  if (q.kind === 'age') {
    const raw = posted.answer.trim();
    if (posted.ageUnknown && raw) return { ok: false, error: 'Enter the age, or say you do not know it, not both' };
    if (posted.ageUnknown) return { ok: true, value: null };
    if (/^\d{1,2}$/.test(raw) && Number(raw) >= q.min && Number(raw) <= q.max) return { ok: true, value: Number(raw) };
    return { ok: false, error: q.errorMessage };
  }
  const option = (q.options as readonly { value: string | boolean }[]).find((o) => optionValue(o.value) === posted.answer);
  return option ? { ok: true, value: option.value } : { ok: false, error: q.errorMessage };
}

/** How an option is posted: yes-or-no answers as "yes" and "no", choices as their code. */
export const optionValue = (value: string | boolean): string => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : value);

/** The answers after answering `id`: answers to questions that no longer apply are dropped. */
export const withAnswer = (answers: Partial<Answers>, id: QuestionId, value: unknown): Partial<Answers> => relevantAnswers({ ...answers, [id]: value });

/** The questions asked and their answers, in order, for "check your answers". */
export function checkAnswers(answers: Partial<Answers>): { id: QuestionId; question: Question; value: unknown }[] {
  return askedQuestions(answers).map((id) => ({ id, question: QUESTIONS[id], value: answers[id] }));
}
