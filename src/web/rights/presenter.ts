// Pure presenters for the rights requests pages: the agency's register with each clock, the log
// form's choices, one request with its clock, history and the forms its status allows, and a source
// agency's consultation.

import {
  AUTHORITY_BASES,
  authorityLabels,
  CONSULTATION_ANSWERS,
  clockStateLabels,
  EXEMPTIONS,
  exemptionLabels,
  REQUESTER_KINDS,
  RIGHTS_KINDS,
  RIGHTS_OUTCOMES,
  type RightsClockState,
  type RightsStatus,
  requesterKindLabels,
  rightsClockState,
  rightsKindLabels,
  rightsOutcomeLabels,
  rightsStatusLabels,
} from '../../domain/rights.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import type { listRightsRequestsFor } from '../../use-cases/rights/list-rights-requests.ts';
import type { ConsultationView } from '../../use-cases/rights/view-consultation.ts';
import type { RightsRequestView } from '../../use-cases/rights/view-rights-request.ts';
import { dateTimeFields } from '../breaches/presenter.ts';

type Values = Record<string, unknown>;
type RightsListRow = Extract<Awaited<ReturnType<typeof listRightsRequestsFor>>, { kind: 'ok' }>['value'][number];
const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const label = <K extends string>(labels: Record<K, string>, k: string) => labels[k as K] ?? k;
const tag = <K extends string>(labels: Record<K, { text: string; colour: string }>, k: string) => labels[k as K] ?? { text: k, colour: 'grey' };
const choices = (keys: readonly string[], labels: Record<string, string>, chosen: unknown) => keys.map((k) => ({ value: k, text: labels[k] ?? k, checked: str(chosen) === k }));
const exemptionText = (k: string) => (k === 'none' ? 'No exemption: the information can be released' : label(exemptionLabels, k));

/** The register: each request with its kind, status and deadline. The clock state comes from the
 *  stored deadline (the list is metadata only; the request's page recomputes the clock). */
export function presentRegister(rows: readonly RightsListRow[], now: Date) {
  return rows.map((r) => {
    const status = r.status as RightsStatus;
    const clock = {
      startsAt: r.verified_at,
      firstDueAt: r.due_at,
      dueAt: status === 'awaiting_clarification' ? null : r.due_at,
      pausedDays: 0,
      paused: status === 'awaiting_clarification',
      remindAt: null,
    };
    return {
      href: `/rights-requests/${r.id}`,
      kind: label(rightsKindLabels, r.kind),
      requester: label(requesterKindLabels, r.requester_kind),
      receivedAt: r.received_at,
      status: tag(rightsStatusLabels, status),
      dueAt: r.due_at,
      clock: tag(clockStateLabels, rightsClockState(clock, status, now)),
    };
  });
}

export function presentConsultations(rows: readonly { id: string; handling_agency_name: string; asked_at: Date; due_at: Date; answered_at: Date | null; exemption: string | null }[]) {
  return rows.map((c) => ({
    href: `/rights-requests/consultations/${c.id}`,
    from: c.handling_agency_name,
    askedAt: c.asked_at,
    dueAt: c.due_at,
    answered: c.answered_at ? `Answered: ${exemptionText(c.exemption ?? 'none')}` : null,
  }));
}

/** The log form: what was typed, and the children the agency works with to choose from. */
export function presentLogForm(values: Values, children: readonly { id: string; given_name: string; family_name: string }[]) {
  return {
    values,
    kinds: choices(RIGHTS_KINDS, rightsKindLabels, values.kind),
    requesters: choices(REQUESTER_KINDS, requesterKindLabels, values.requesterKind),
    children: [{ value: '', text: 'Select a child' }, ...children.map((c) => ({ value: c.id, text: `${c.given_name} ${c.family_name}`, selected: str(values.childId) === c.id }))],
    receivedAt: dateTimeFields(values, 'receivedAt').items,
    identity: choices(['yes', 'no'], { yes: 'Yes, identity and authority are already confirmed', no: 'No, they still have to be confirmed' }, values.identityVerified),
  };
}

/** Field errors of one form on the request's page get ids prefixed with the form's name. */
export const formErrors = (form: string, errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ path: `${form}-${String(e.path).replace(/\..*$/, '')}`, message: e.message }));

const eventTitles: Record<string, string> = {
  logged: 'Request logged',
  verify: 'Identity and authority confirmed: the clock started',
  ask_clarification: 'Clarification asked for: the clock paused',
  receive_clarification: 'Clarification received: the clock restarted',
  extend: 'Deadline extended',
  answer: 'Request answered',
  withdraw: 'Request withdrawn',
  consulted: 'Source agencies consulted',
  pack_produced: 'Response pack produced',
  'deadline-near': 'Reminder: the deadline is near',
  'deadline-missed': 'The deadline passed: escalated',
};

export function presentRequest(v: RightsRequestView, now: Date, state: { form?: string; values?: Values } = {}) {
  const r = v.request;
  const status = r.status as RightsStatus;
  const values = (form: string) => (state.form === form ? (state.values ?? {}) : {});
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text } });
  const day = (d: Date | null) => (d ? d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }) : '');
  const withheldRefs = new Set(v.withheld.map((w) => w.itemRef));
  const consulted = new Set(v.consultations.map((c) => c.source_agency_id));
  const open = status === 'open';
  const access = r.kind === 'access' && v.access !== null;
  return {
    id: r.id,
    title: label(rightsKindLabels, r.kind),
    status: tag(rightsStatusLabels, status),
    summary: [
      row('Requester', label(requesterKindLabels, r.requester_kind)),
      row('Received', day(r.received_at)),
      row('What is asked', v.summary),
      ...(r.verified_at ? [row('Identity confirmed', day(r.verified_at))] : []),
      ...(v.evidence ? [row('Evidence seen', v.evidence)] : []),
      ...(r.outcome ? [row('Outcome', `${label(rightsOutcomeLabels, r.outcome)}${r.answered_at ? ` on ${day(r.answered_at)}` : ''}`)] : []),
      ...(v.reasons ? [row('Reasons', v.reasons)] : []),
    ],
    clock: {
      state: tag(clockStateLabels, v.clockState as RightsClockState),
      rows: [
        row('Started', v.clock.startsAt ? day(v.clock.startsAt) : 'Not yet: it starts when identity and authority are confirmed'),
        row('Due', v.clock.dueAt ? day(v.clock.dueAt) : v.clock.paused ? 'Paused while waiting for clarification' : 'Not set'),
        ...(r.extension_months ? [row('Extended by', `${r.extension_months} month${r.extension_months === 1 ? '' : 's'} (first due ${day(v.clock.firstDueAt)})`)] : []),
        ...(v.clock.pausedDays ? [row('Paused for', `${v.clock.pausedDays} day${v.clock.pausedDays === 1 ? '' : 's'}`)] : []),
      ],
    },
    timeline: [...v.events].reverse().map((e) => ({ at: e.at, title: eventTitles[e.kind] ?? e.kind, by: e.byName ?? 'Concord', note: e.note })),
    access: access
      ? {
          entries: v.access!.entries.map((e) => ({
            ref: e.ref,
            at: e.at,
            title: e.title,
            text: e.text,
            source: e.sourceAgencyName,
            withheld: v.withheld.find((w) => w.itemRef === e.ref) ? label(exemptionLabels, v.withheld.find((w) => w.itemRef === e.ref)!.reason) : null,
          })),
          sources: v.access!.sources.map((s) => ({ name: s.name, entries: s.entries, consulted: consulted.has(s.agencyId) })),
          consultations: v.consultations.map((c) => ({
            agency: c.source_agency_name,
            askedAt: c.asked_at,
            dueAt: c.due_at,
            answer: c.answered_at ? exemptionText(c.exemption ?? 'none') : null,
          })),
          canConsult: open && v.access!.sources.some((s) => !consulted.has(s.agencyId)),
          packs: v.packs.map((p) => ({ href: `/rights-requests/${r.id}/packs/${p.id}`, producedAt: p.produced_at, kb: Math.max(1, Math.round(p.byte_size / 1024)) })),
        }
      : null,
    forms: {
      identity: status === 'awaiting_identity' && {
        values: values('identity'),
        verifiedAt: dateTimeFields(values('identity'), 'verifiedAt').items,
        bases: choices(
          AUTHORITY_BASES.filter((b) => b !== 'public'),
          authorityLabels,
          values('identity').basis,
        ),
        competent: choices(['yes', 'no'], { yes: 'Yes', no: 'No' }, values('identity').childCompetent),
      },
      clarificationAsked: open && { values: values('clarification-asked'), at: dateTimeFields(values('clarification-asked'), 'at').items },
      clarificationReceived: status === 'awaiting_clarification' && { values: values('clarification-received'), at: dateTimeFields(values('clarification-received'), 'at').items },
      extension: (open || status === 'awaiting_clarification') &&
        r.extension_months < 2 && { values: values('extension'), months: choices(['1', '2'], { '1': '1 month', '2': '2 months' }, values('extension').months) },
      withheld: open &&
        access &&
        v.access!.entries.some((e) => !withheldRefs.has(e.ref)) && {
          values: values('withheld'),
          items: [
            { value: '', text: 'Select an item' },
            ...v
              .access!.entries.filter((e) => !withheldRefs.has(e.ref))
              .map((e) => ({ value: e.ref, text: `${e.title} (from ${e.sourceAgencyName})`, selected: str(values('withheld').itemRef) === e.ref })),
          ],
          reasons: choices(EXEMPTIONS, exemptionLabels, values('withheld').reason),
        },
      pack: open && access,
      answer: open && {
        values: values('answer'),
        outcomes: choices(RIGHTS_OUTCOMES, rightsOutcomeLabels, values('answer').outcome),
        rectification: r.kind === 'rectification',
      },
    },
    now,
  };
}

export function presentConsultation(v: ConsultationView, state: { values?: Values } = {}) {
  const c = v.consultation;
  return {
    id: c.id,
    from: c.handling_agency_name,
    askedAt: c.asked_at,
    dueAt: c.due_at,
    answer: c.answered_at ? exemptionText(c.exemption ?? 'none') : null,
    reasons: v.reasons,
    entries: v.entries.map((e) => ({ at: e.at, title: e.title, text: e.text })),
    values: state.values ?? {},
    answers: choices(CONSULTATION_ANSWERS, { none: exemptionText('none'), ...exemptionLabels }, state.values?.answer),
  };
}
