// Pure presenters for the decision journey.

import { type AdviceReader, summariseAdvice } from '../../domain/decision/advice.ts';
import type { Answers } from '../../domain/decision/answers.ts';
import { purposeLabels } from '../../domain/decision/answers.ts';
import { type Decision, outcomeLabels } from '../../domain/decision/engine.ts';
import { checkAnswers, optionValue } from '../../domain/decision/journey.ts';
import { QUESTIONS, type Question, type QuestionId } from '../../domain/decision/questions.ts';
import { ACTIONS, actionLabels, type DecisionState, decisionStateLabels, reasonsRequired, recordContextOf } from '../../domain/decision-record.ts';
import { NATIONAL_GUIDANCE, ownCitations } from '../../domain/protocol/citations.ts';
import { type Role, roleLabels } from '../../domain/staff.ts';
import type { DecisionView } from '../../use-cases/decisions/view-decision.ts';
import { formatDateTime } from '../nunjucks.ts';
import type { JourneyContext } from '../types.ts';

const outcomeColours: Record<Decision['outcome'], string> = { share: 'green', do_not_share: 'red', seek_advice: 'yellow' };

/** The answer to a question as the practitioner chose it, in words. */
export function answerText(q: Question, value: unknown): string {
  if (q.kind === 'age') return value === null ? q.unknownOption.label : `${String(value)}`;
  const option = (q.options as readonly { value: unknown; label: string }[]).find((o) => o.value === value);
  return option?.label ?? String(value);
}

/** Radios for a question page, with the current answer checked. */
export function questionView(q: Question, current: unknown, protocol: { cited?: ReadonlySet<string> | null; whoMayConsent?: readonly string[] } = {}) {
  const { cited } = protocol;
  // The consent question says who may consent under the partnership's protocol (pack
  // `consent.whoMayConsent`: Derby 2015 s.3 "12 or over"; Sandwell 2022 App. 2 q.4 "16 or 17, or under 16 with capacity").
  if (q.id === 'consent' && protocol.whoMayConsent?.length) {
    q = { ...q, hint: `${q.hint} Under your protocol, consent may be given by ${protocol.whoMayConsent.join('; or ')}.` };
  }
  const source = citationFor(q.source, cited);
  if (q.kind === 'age') {
    return { kind: q.kind, title: q.title, hint: q.hint, source, value: typeof current === 'number' ? String(current) : '', unknown: current === null, unknownLabel: q.unknownOption.label };
  }
  const items = (q.options as readonly { value: string | boolean; label: string; hint?: string }[]).map((o) => {
    return { value: optionValue(o.value), text: o.label, ...(o.hint ? { hint: { text: o.hint } } : {}), checked: current === o.value };
  });
  return { kind: q.kind, title: q.title, hint: q.hint, source, items };
}

/** "Check your answers": a row for each question asked, with a link to change it. */
export function checkAnswersRows(childId: string, answers: Partial<Answers>) {
  return checkAnswers(answers).map(({ id, question: q, value }) => ({
    key: { text: q.title },
    value: { text: value === undefined ? 'Not answered' : answerText(q, value) },
    actions: { items: [{ href: `/children/${childId}/decisions/new/${id}`, text: 'Change', visuallyHiddenText: q.title.toLowerCase() }] },
  }));
}

/** Who is reading the advice: the local protocols their partnership's pack cites (null: any, for a
 *  decision whose pack is no longer loaded) and their agency's sector. */
export interface AdviceReaderView extends AdviceReader {
  cited?: ReadonlySet<string> | null;
}

/** A citation the reader may be shown: their own protocol's and national ones only. */
export function citationFor(source: string, cited: ReadonlySet<string> | null | undefined): string {
  if (!cited) return source;
  return ownCitations(source, cited).join('; ') || NATIONAL_GUIDANCE;
}

/** The advice as a short summary, with the full reasons, the rest of what to do and the rules folded. */
export function adviceView(decision: Decision, reader: AdviceReaderView = {}) {
  const summary = summariseAdvice(decision, reader);
  return {
    outcome: { code: decision.outcome, text: outcomeLabels[decision.outcome], colour: outcomeColours[decision.outcome] },
    headline: summary.headline,
    lawfulBases: decision.lawfulBases,
    toDoNow: summary.toDoNow,
    alsoToDo: summary.alsoToDo,
    done: summary.done,
    outsideConcord: summary.outsideConcord,
    moreReasons: summary.moreReasons,
    /** Every condition, in the reader's words (the API and stored result keep the codes). */
    conditions: [...summary.toDoNow, ...summary.alsoToDo, ...summary.outsideConcord],
    rules: decision.rules.map((r) => ({ ...r, source: citationFor(r.source, reader.cited) })),
    engineVersion: decision.engineVersion,
    /** Decisions recorded before engine 2026.2 do not carry their pack in the result. */
    pack: decision.pack ?? null,
  };
}

/** What a decision to share is waiting for, and what the person looking at it can do next. */
export function decisionNext(d: DecisionView, values: Record<string, unknown> = {}) {
  const label = decisionStateLabels[d.state];
  const approverTitle = d.approval.role ? (roleLabels[d.approval.role as Role] ?? d.approval.role).toLowerCase() : 'designated manager';
  const text: Record<DecisionState, string> = {
    not_sharing: 'Nothing is sent under a decision not to share. Decide again if circumstances change.',
    awaiting_approval: `Your protocol needs a designated manager (the agency’s ${approverTitle}) to approve sharing against or without the advice before anything is sent. They have been told.`,
    approval_refused: `The designated manager did not approve sharing${d.approval.byName ? ` (${d.approval.byName})` : ''}. Nothing can be sent under this decision.`,
    decided_not_sent:
      d.sendBlockers.length === 0
        ? 'Nothing has been sent yet. Send the information securely, or withdraw the decision if it is no longer needed.'
        : `Nothing has been sent yet. ${d.decidedBy.name} sends it securely, or withdraws the decision.`,
    sent: 'The information was sent securely under this decision.',
    withdrawn: `The decision was withdrawn${d.withdrawal ? ` by ${d.withdrawal.byName ?? 'a member of staff'} on ${formatDateTime(d.withdrawal.at)}` : ''}. Nothing was sent.`,
  };
  return {
    state: { text: label.text, colour: label.colour },
    text: text[d.state],
    sendHref: d.state === 'decided_not_sent' && d.sendBlockers.length === 0 ? `/decisions/${d.id}/send` : null,
    sentHref: d.sentDisclosureId && d.sendBlockers.includes('already_sent') ? `/disclosures/${d.sentDisclosureId}` : null,
    approvalNote: d.approval.note,
    withdrawalReason: d.withdrawal?.reason ?? null,
    approve: d.can.approve
      ? {
          answers: [
            { value: 'approve', text: 'Approve: the information may be sent', checked: values.answer === 'approve' },
            { value: 'refuse', text: 'Do not approve: nothing is sent', checked: values.answer === 'refuse' },
          ],
          note: typeof values.note === 'string' ? values.note : '',
        }
      : null,
    withdraw: d.can.withdraw ? { reason: typeof values.reason === 'string' ? values.reason : '' } : null,
  };
}

export function decisionPage(d: DecisionView, reader: AdviceReaderView = {}) {
  return {
    ...d,
    advice: adviceView(d.result, reader),
    actionText: d.action === 'shared' ? 'Decision to share' : 'Decided not to share',
    /** As the child's chronology says it: "Information shared" only once something was sent. */
    chronologyText: decisionStateLabels[d.state].chronology,
    actionLabel: actionLabels[d.action],
    purposeText: purposeLabels[d.purpose as keyof typeof purposeLabels] ?? d.purpose,
    answers: Object.entries(d.answers)
      .filter(([id]) => id in QUESTIONS)
      .map(([id, value]) => ({ key: { text: QUESTIONS[id as QuestionId].title }, value: { text: answerText(QUESTIONS[id as QuestionId], value) } })),
  };
}

/** The record page: the advice, what to record, and — for a journey answering a request or passing
 *  information on — who it is with and where "back" goes. `agencies` are those the practitioner may
 *  choose from. */
export function recordView(
  childId: string,
  decision: Decision,
  answers: Answers,
  agencies: readonly { id: string; name: string }[],
  context: JourneyContext | undefined,
  values: Record<string, unknown>,
  reader: AdviceReaderView = {},
) {
  const notSharing = values.action === 'not_shared';
  return {
    childId,
    advice: adviceView(decision, reader),
    actions: ACTIONS.map((a) => ({ value: a, text: actionLabels[a], checked: values.action === a })),
    notSharing,
    // The page reads for the decision being recorded: a decision not to share is not asked what is
    // being shared, and its reasons are why not (Wirral 2022 App. 2 s.5.4: reasons for not sharing
    // are recorded and explained to the agency that asked).
    wording: notSharing
      ? {
          heading: 'Record your decision not to share',
          recipientHint: 'The agency that asked for the information, or that you thought of sharing with',
          purposeHint: 'Why the information was wanted, and what it would have been used for',
          reasons: 'Your reasons for not sharing',
          reasonsHint: context?.requestId
            ? `Required. Say who you consulted, if anyone. You will give ${context.recipient?.name ?? 'the agency that asked'} these reasons next.`
            : 'Required. Say who you consulted, if anyone.',
          button: 'Record decision not to share',
        }
      : {
          heading: 'Record your decision',
          recipientHint:
            context && !context.requestId ? 'Only the agencies the originators have agreed the information may be shared with' : 'The agency you are sharing with, or that asked for the information',
          purposeHint: 'Why the information is needed and what it will be used for',
          reasons: 'Your reasons',
          reasonsHint: `${reasonsRequired(recordContextOf(decision.outcome, answers), 'shared') ? 'Required: you are sharing without consent, or against the advice.' : 'Required if you decide not to share.'} Say who you consulted, if anyone.`,
          button: 'Record decision',
        },
    agencies: [{ value: '', text: 'Select an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: values.recipientAgencyId === a.id }))],
    reasonsAlwaysRequired: reasonsRequired(recordContextOf(decision.outcome, answers), 'shared'),
    context: context
      ? {
          kind: context.requestId ? 'request' : 'onward',
          recipientName: context.recipient?.name,
          back: context.requestId ? `/requests/${context.requestId}` : `/disclosures/${context.sourceDisclosureId}`,
          noneAgreed: !context.requestId && agencies.length === 0,
        }
      : null,
    values,
  };
}
