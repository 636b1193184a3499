// Pure presenters for requests between agencies: the request form, the two queues, and one request
// with its history and the forms its viewer may use.
import { CONSENT_STATES, type ConsentState, consentLabels, PURPOSES, type Purpose, purposeLabels } from '../../domain/decision/answers.ts';
import { type LawfulBasisCode, lawfulBasisLabels } from '../../domain/decision/lawful-bases.ts';
import { type DisclosureStatus, disclosureStatusLabels } from '../../domain/disclosures.ts';
import { formatNhsNumber } from '../../domain/nhs-number.ts';
import type { Pack } from '../../domain/protocol/pack.ts';
import { basesInOrder, purposeShort, REQUEST_WARNINGS, type RequestWarningCode, requestWarningLabels, suggestedLawfulBasis } from '../../domain/request-coherence.ts';
import { type RequestRules, type RequestStatus, requestStatusLabels, URGENCIES, type Urgency, urgencyLabels } from '../../domain/requests.ts';
import { type Role, roleLabels } from '../../domain/staff.ts';
import type { RequestListRow, RequestQueues } from '../../use-cases/requests/list-requests.ts';
import type { RequestView } from '../../use-cases/requests/view-request.ts';
import { formatDate, formatDateTime } from '../nunjucks.ts';
import { durationText } from '../protocol/presenter.ts';

type Values = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** "Immediate", "Urgent", "Routine": the urgency without its explanation. */
export const urgencyShort = (u: string): string => (urgencyLabels[u as Urgency] ?? u).split(' — ')[0]!;
export const purposeText = (p: string): string => purposeLabels[p as Purpose] ?? p;
export const lawfulBasisText = (b: string): string => lawfulBasisLabels[b as LawfulBasisCode] ?? b;
export const consentText = (c: string): string => consentLabels[c as ConsentState] ?? c;
export const statusTag = (s: string) => requestStatusLabels[s as RequestStatus] ?? { text: s, colour: 'grey' };

export const disclosureScopeText: Record<string, string> = {
  share_all: 'All of the information asked for',
  share_part: 'Part of the information asked for',
  proactive: 'Sent without a request',
  onward: 'Passed on with the originators’ agreement',
};

/** Where each field of the request form starts, for links from the warnings. */
const fieldAnchor = (path: string) => `#${path}`;

/** The request form: agencies other than the actor's, purposes (each with the lawful basis suggested
 *  for it), the lawful bases with the one suggested for the chosen purpose first and pre-selected,
 *  urgencies with the time the protocol allows, consent, what was chosen kept, and the warnings the
 *  requester must confirm before the request is sent. */
export function requestFormView(
  agencies: readonly { id: string; name: string }[],
  rules: RequestRules,
  pack: Pack,
  values: Values,
  warnings: readonly { path: string; message: string; warning?: string }[] = [],
) {
  const purpose = PURPOSES.find((p) => p !== 'none' && p === values.purpose);
  const suggested = purpose ? suggestedLawfulBasis(pack, purpose) : null;
  const chosen = str(values.lawfulBasis) || suggested?.code || '';
  const suggestedFrom = suggested?.from === 'pack' ? 'your partnership’s protocol' : 'the national guidance';
  return {
    agencies: [{ value: '', text: 'Select an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: values.toAgencyId === a.id }))],
    // "None of these" is a decision engine answer meaning there is no purpose; a request must have one.
    purposes: PURPOSES.filter((p) => p !== 'none').map((p) => {
      const basis = suggestedLawfulBasis(pack, p);
      return { value: p, text: purposeLabels[p], checked: values.purpose === p, ...(basis ? { hint: { text: `Suggested lawful basis: ${lawfulBasisLabels[basis.code]}` } } : {}) };
    }),
    lawfulBases: [
      { value: '', text: purpose ? `Use the basis suggested for ${purposeShort[purpose]}` : 'Use the basis suggested for the purpose you choose' },
      ...basesInOrder(pack, purpose).map((b) => ({
        value: b,
        text: b === suggested?.code ? `${lawfulBasisLabels[b]} (suggested for ${purposeShort[purpose!]})` : lawfulBasisLabels[b],
        selected: chosen === b,
      })),
    ],
    lawfulBasisHint: suggested
      ? `Suggested for ${purposeShort[purpose!]}, from ${suggestedFrom}: ${lawfulBasisLabels[suggested.code]}. You can choose another basis if it fits better.`
      : 'The law that allows your agency to ask for and use this information. If you leave this, the basis suggested for the purpose you choose (shown under each purpose) is used; you can choose another.',
    urgencies: URGENCIES.map((u) => ({
      value: u,
      text: urgencyLabels[u],
      hint: { text: `The agency must answer within ${durationText(rules.responseTimes[u])}` },
      checked: values.urgency === u,
    })),
    consents: CONSENT_STATES.map((c) => ({ value: c, text: consentLabels[c], checked: values.consent === c })),
    values: {
      informationNeeded: str(values.informationNeeded),
      reason: str(values.reason),
      consentDetail: str(values.consentDetail),
    },
    warnings: warnings.map((w) => ({ text: w.message, href: fieldAnchor(w.path) })),
    // One box confirms the warnings shown, by their codes: a new warning after a change must be confirmed again.
    confirmWarnings: warnings
      .map((w) => w.warning)
      .filter((c): c is RequestWarningCode => (REQUEST_WARNINGS as readonly string[]).includes(c ?? ''))
      .join(' '),
  };
}

/** "Confirmed before sending: …" for the request's history, from the codes recorded with it. */
export function confirmedWarningsText(codes: unknown): string | null {
  const known = list(codes).filter((c): c is RequestWarningCode => (REQUEST_WARNINGS as readonly string[]).includes(c));
  return known.length ? `The requester went ahead after being warned that ${known.map((c) => requestWarningLabels[c]).join('; ')}.` : null;
}

export const requestMadeFlash = (agencyName: string, dueAt: Date) => `Request sent to ${agencyName}. They must answer by ${formatDateTime(dueAt)}.`;

export function requestListRow(r: RequestListRow, side: 'incoming' | 'outgoing') {
  const status = statusTag(r.status);
  return {
    id: r.id,
    href: `/requests/${r.id}`,
    childName: r.childName,
    agency: side === 'incoming' ? r.fromAgencyName : r.toAgencyName,
    urgency: urgencyShort(r.urgency),
    status,
    dueAt: r.dueAt,
    overdue: r.overdue,
    allocatedTo: r.allocatedName ?? 'Not allocated',
  };
}

export function presentQueues(q: RequestQueues) {
  return {
    incoming: {
      caption: q.isLead ? 'Requests to your agency' : 'Requests allocated to you',
      rows: q.incoming.map((r) => requestListRow(r, 'incoming')),
    },
    outgoing: {
      caption: q.isLead ? 'Requests your agency has made' : 'Requests you have made',
      rows: q.outgoing.map((r) => requestListRow(r, 'outgoing')),
    },
  };
}

type Event = RequestView['events'][number];

/** What one step in a request's history says. */
export function eventTitle(e: Event, names: ReadonlyMap<string, string>): string {
  const d = e.details ?? {};
  switch (e.kind) {
    case 'submitted':
      return 'Request made';
    case 'accept':
      return 'Accepted at triage';
    case 'return':
      return 'Returned to the requester';
    case 'resubmit':
      return 'Sent again';
    case 'allocate': {
      const name = typeof d.allocatedTo === 'string' ? names.get(d.allocatedTo) : undefined;
      return name ? `Allocated to ${name}` : 'Allocated';
    }
    case 'ask_more':
      return 'More information asked for';
    case 'provide_more':
      return 'More information given';
    case 'answer':
      return d.response === 'share_part' ? 'Answered: part of the information shared' : 'Answered: the information shared';
    case 'decline':
      return 'Declined: the information will not be shared';
    case 'withdraw':
      return 'Withdrawn';
    case 'escalated': {
      const to = Array.isArray(d.to) ? (d.to as string[]).map((r) => roleLabels[r as Role] ?? r) : [];
      return to.length ? `Overdue: escalated to the ${to.join(' and ').toLowerCase()}` : 'Overdue: escalated';
    }
    default:
      return e.kind;
  }
}

export interface RequestFormState {
  /** Which form the values and errors belong to. */
  form?: string;
  values?: Values;
}

/** One request: its summary, history, linked disclosures and the forms the viewer may use. */
export function presentRequest(v: RequestView, state: RequestFormState = {}) {
  const names = new Map<string, string>([...v.allocatable.map((a) => [a.id, a.name] as const), ...(v.allocated ? [[v.allocated.userId, v.allocated.name] as const] : [])]);
  const values = (form: string): Values => (state.form === form ? (state.values ?? {}) : {});
  const status = statusTag(v.status);
  const row = (key: string, text: string | null | undefined) => ({ key: { text: key }, value: { text: text?.length ? text : 'Not given' } });
  const triage = values('triage');
  const checks = list(triage.checks);
  return {
    id: v.id,
    version: v.version,
    childId: v.childId,
    childName: v.child.name,
    side: v.side,
    status,
    overdue: v.overdue,
    title: v.side === 'requesting' ? `Request to ${v.to.agencyName}` : `Request from ${v.from.agencyName}`,
    fromAgencyName: v.from.agencyName,
    child: [
      row('Name', v.child.name),
      row('Date of birth', formatDate(v.child.dateOfBirth)),
      row('NHS number', v.child.nhsNumber ? formatNhsNumber(v.child.nhsNumber) : 'Not known'),
      row('Address', [v.child.address, v.child.postcode].filter(Boolean).join(', ') || 'Not known'),
    ],
    summary: [
      row('From', `${v.from.userName}, ${v.from.agencyName}`),
      row('To', v.to.agencyName),
      row('Allocated to', v.allocated?.name ?? 'Not allocated'),
      row('Purpose', purposeText(v.purpose)),
      row('Lawful basis', lawfulBasisText(v.lawfulBasis)),
      row('Urgency', urgencyShort(v.urgency)),
      row('Made', formatDateTime(v.createdAt)),
    ],
    dueAt: v.dueAt,
    closedAt: v.closedAt,
    narrative: [
      row('What information is needed', v.informationNeeded),
      row('Why it is needed', v.reason),
      row('Consent', consentText(v.consent)),
      ...(v.consentDetail ? [row('About consent', v.consentDetail)] : []),
    ],
    timeline: v.events.map((e) => ({
      id: e.id,
      title: eventTitle(e, names),
      by: e.byName ? `${e.byName}, ${e.byAgencyName ?? ''}`.replace(/, $/, '') : 'Concord',
      at: e.at,
      // The warnings the requester confirmed are part of the request, for its triage.
      note: e.note ?? (e.kind === 'submitted' ? confirmedWarningsText(e.details?.confirmedWarnings) : null),
    })),
    disclosures: v.disclosures.map((d) => ({
      href: `/disclosures/${d.id}`,
      sentAt: d.sentAt,
      status: disclosureStatusLabels[d.status as DisclosureStatus] ?? { text: d.status, colour: 'grey' },
      scope: disclosureScopeText[d.scope] ?? d.scope,
    })),
    can: v.can,
    triage: v.can.triage
      ? {
          clause: v.rules.scrutiny.clause,
          checks: v.rules.scrutiny.checks.map((c) => ({ value: c.id, text: c.text, checked: checks.includes(c.id) })),
          outcomes: [
            { value: 'accept', text: 'Accept the request', checked: triage.outcome === 'accept' },
            {
              value: 'return',
              text: 'Return it to the requester',
              hint: { text: 'Say what the request needs: a clearer purpose, or an explanation about consent' },
              checked: triage.outcome === 'return',
            },
          ],
          note: str(triage.note),
        }
      : null,
    allocate: v.can.allocate
      ? {
          people: [
            { value: '', text: 'Select a person' },
            ...v.allocatable.map((a) => ({ value: a.id, text: a.name, selected: (str(values('allocate').allocateTo) || v.allocated?.userId) === a.id })),
          ],
        }
      : null,
    notes: {
      ask: str(values('ask').note),
      provide: str(values('provide').note),
      resubmit: str(values('resubmit').note),
      withdraw: str(values('withdraw').note),
    },
  };
}

/** Field ids on the request page: each form's fields are prefixed with the form's name. */
export function formErrors(form: string, errors: readonly { path: string; message: string }[]) {
  const seen = new Set<string>();
  return errors.map((e) => ({ path: e.path === 'allocateTo' ? 'allocateTo' : `${form}-${e.path}`, message: e.message })).filter((e) => !seen.has(e.path) && seen.add(e.path)); // the first message for each field
}
