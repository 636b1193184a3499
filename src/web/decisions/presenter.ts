// Pure presenters for the decision journey.
import type { Answers } from '../../domain/decision/answers.ts';
import { conditionLabels, outcomeLabels, type Decision } from '../../domain/decision/engine.ts';
import { askedQuestions, QUESTIONS, type Question, type QuestionId } from '../../domain/decision/questions.ts';
import { actionLabels } from '../../domain/decision-record.ts';
import { purposeLabels } from '../../domain/decision/answers.ts';
import type { DecisionView } from '../../use-cases/decisions/view-decision.ts';

const outcomeColours: Record<Decision['outcome'], string> = { share: 'green', do_not_share: 'red', seek_advice: 'yellow' };

/** The answer to a question as the practitioner chose it, in words. */
export function answerText(q: Question, value: unknown): string {
  if (q.kind === 'age') return value === null ? q.unknownOption.label : `${String(value)}`;
  const option = (q.options as readonly { value: unknown; label: string }[]).find((o) => o.value === value);
  return option?.label ?? String(value);
}

/** Radios for a question page, with the current answer checked. */
export function questionView(q: Question, current: unknown) {
  if (q.kind === 'age') {
    return { kind: q.kind, title: q.title, hint: q.hint, source: q.source, value: typeof current === 'number' ? String(current) : '', unknown: current === null, unknownLabel: q.unknownOption.label };
  }
  const items = (q.options as readonly { value: string | boolean; label: string; hint?: string }[]).map((o) => {
    const value = typeof o.value === 'boolean' ? (o.value ? 'yes' : 'no') : o.value;
    return { value, text: o.label, ...(o.hint ? { hint: { text: o.hint } } : {}), checked: current === o.value };
  });
  return { kind: q.kind, title: q.title, hint: q.hint, source: q.source, items };
}

export function checkAnswersRows(childId: string, answers: Partial<Answers>) {
  return askedQuestions(answers).map((id: QuestionId) => {
    const q = QUESTIONS[id];
    const value = answers[id];
    return {
      key: { text: q.title },
      value: { text: value === undefined ? 'Not answered' : answerText(q, value) },
      actions: { items: [{ href: `/children/${childId}/decisions/new/${id}`, text: 'Change', visuallyHiddenText: q.title.toLowerCase() }] },
    };
  });
}

export function adviceView(decision: Decision) {
  return {
    outcome: { code: decision.outcome, text: outcomeLabels[decision.outcome], colour: outcomeColours[decision.outcome] },
    reasons: decision.reasons,
    lawfulBases: decision.lawfulBases,
    conditions: decision.conditions.map((c) => ({ code: c, text: conditionLabels[c] ?? c })),
    rules: decision.rules,
    engineVersion: decision.engineVersion,
    /** Decisions recorded before engine 2026.2 do not carry their pack in the result. */
    pack: decision.pack ?? null,
  };
}

export function decisionPage(d: DecisionView) {
  return {
    ...d,
    advice: adviceView(d.result),
    actionText: d.action === 'shared' ? 'Information shared' : 'Decided not to share',
    actionLabel: actionLabels[d.action],
    purposeText: purposeLabels[d.purpose as keyof typeof purposeLabels] ?? d.purpose,
    answers: Object.entries(d.answers)
      .filter(([id]) => id in QUESTIONS)
      .map(([id, value]) => ({ key: { text: QUESTIONS[id as QuestionId].title }, value: { text: answerText(QUESTIONS[id as QuestionId], value) } })),
  };
}
