// Pure presenters for the breach register: the register's table, the report form's date and time,
// and one breach with its clocks, history and the forms its viewer may use.
import { type BreachStatus, breachStatusLabels, clockStateLabels, RETURN_REASONS, returnReasonLabels } from '../../domain/breaches.ts';
import { londonInstant } from '../../domain/clocks.ts';
import type { BreachListRow, BreachRegister } from '../../use-cases/breaches/list-breaches.ts';
import type { BreachView } from '../../use-cases/breaches/view-breach.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import { formatDateTime } from '../nunjucks.ts';
import { durationText } from '../protocol/presenter.ts';

type Values = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

export const breachStatusTag = (s: string) => breachStatusLabels[s as BreachStatus] ?? { text: s, colour: 'grey' };
export const kindText = (k: string) => (k === 'returned_disclosure' ? 'Information returned by its recipient' : 'Reported breach');

/**
 * A date and time typed into the form (`<name>-day`, `-month`, `-year`, and `-time` as HH:MM,
 * London time) as an ISO instant for the use case; '' when nothing was typed, and the raw text when
 * it is not a real date (the use case then says so).
 */
export function formInstant(body: Values, name: string): string {
  const [day, month, year, time] = ['day', 'month', 'year', 'time'].map((p) => str(body[`${name}-${p}`]).trim());
  if (!day && !month && !year && !time) return '';
  const t = /^(\d{1,2})[:.](\d{2})$/.exec(time || '00:00');
  if (!/^\d{1,2}$/.test(day!) || !/^\d{1,2}$/.test(month!) || !/^\d{4}$/.test(year!) || !t) return `${year}-${month}-${day} ${time}`;
  try {
    return londonInstant(`${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`, { hour: Number(t[1]), minute: Number(t[2]) }).toISOString();
  } catch {
    return `${year}-${month}-${day} ${time}`;
  }
}

/** The date input's items and the time, with what was typed kept. */
export function dateTimeFields(values: Values, name: string) {
  return {
    items: [
      { name: 'day', label: 'Day', classes: 'govuk-input--width-2', value: str(values[`${name}-day`]) },
      { name: 'month', label: 'Month', classes: 'govuk-input--width-2', value: str(values[`${name}-month`]) },
      { name: 'year', label: 'Year', classes: 'govuk-input--width-4', value: str(values[`${name}-year`]) },
    ],
    time: str(values[`${name}-time`]),
  };
}

export function registerRow(r: BreachListRow, now: Date) {
  const overdue = Number(r.overdue_clocks ?? 0);
  return {
    href: `/breaches/${r.id}`,
    reportedAt: r.reported_at,
    kind: kindText(r.kind),
    reportingAgency: r.reporting_agency_name,
    leadAgency: r.lead_agency_name,
    status: breachStatusTag(r.status),
    severity: r.severity ?? 'Not graded yet',
    nextDue: r.closed_at ? null : r.next_due_at ? new Date(r.next_due_at) : null,
    overdue: r.closed_at ? 0 : overdue,
    ico: r.ico_decision === 'reported' ? 'Reported' : r.ico_decision === 'not_reported' ? 'Not reported' : 'Not decided',
    open: r.closed_at === null && now.getTime() >= 0,
  };
}

export function presentRegister(register: BreachRegister, now: Date) {
  const rows = register.rows.map((r) => registerRow(r, now));
  return {
    caption: register.scope === 'partnership' ? 'Every breach in the partnership' : register.scope === 'agency' ? 'Breaches your agency is party to, and those you reported' : 'Breaches you reported',
    open: rows.filter((r) => r.status.text !== breachStatusLabels.closed.text),
    closed: rows.filter((r) => r.status.text === breachStatusLabels.closed.text),
    scope: register.scope,
  };
}

const eventTitles: Record<string, string> = {
  reported: 'Breach reported',
  confirm: 'Triaged: confirmed for investigation',
  dismiss: 'Triaged: not a breach',
  assess: 'Severity graded in the joint risk assessment',
  decide_ico: "Decision about the Information Commissioner's Office recorded",
  decide_individuals: 'Decision about telling the people affected recorded',
  record_meeting: 'Partners’ meeting recorded',
  meet_deadline: 'Step of the procedure recorded as done',
  add_action: 'Action recorded',
  close: 'Breach closed',
  'deadline-near': 'Reminder: a deadline is due soon',
  'deadline-missed': 'A deadline passed: escalated',
};

const noteLabels: Record<string, string> = { note: '', reasons: 'Reasons: ', outcome: 'Outcome: ', lessons: 'Lessons learned: ' };

/** Field errors of one form on the breach page get ids prefixed with the form's name. */
export const formErrors = (form: string, errors: FieldError[]): FieldError[] => errors.map((e) => ({ path: `${form}-${e.path.replace(/\..*$/, '')}`, message: e.message }));

export function presentBreach(v: BreachView, now: Date, state: { form?: string; values?: Values } = {}) {
  const values = (form: string) => (state.form === form ? (state.values ?? {}) : {});
  const clockTitle = (id: string) => v.clocks.find((c) => c.id === id)?.action ?? id;
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text } });
  const full = v.scope === 'full';
  return {
    id: v.id,
    version: v.version,
    full,
    title: v.kind === 'returned_disclosure' ? 'Information returned by its recipient' : 'Breach or incident',
    status: breachStatusTag(v.status),
    summary: [
      row('Reported', `${formatDateTime(v.reportedAt)}${v.reportedByName ? ` by ${v.reportedByName}` : ''}, ${v.reportingAgency.name}`),
      row('Found', formatDateTime(v.identifiedAt)),
      row('Happened', v.occurredAt ? formatDateTime(v.occurredAt) : 'Not known'),
      row('Lead agency', v.leadAgency.name),
      row('Parties', v.parties.map((p) => p.name).join(', ')),
      row('Severity', v.severity ? `${v.severity}${v.assessedAt ? ` (graded ${formatDateTime(v.assessedAt)})` : ''}` : 'Not graded yet'),
      row(
        "Information Commissioner's Office",
        v.ico.decision === 'reported'
          ? `Reported on ${formatDateTime(v.ico.reportedAt!)}, reference ${v.ico.reference}`
          : v.ico.decision === 'not_reported'
            ? 'Not reported (reasons in the history)'
            : 'Not decided yet',
      ),
      row(
        'People affected',
        v.individuals.decision === 'told' ? `Told on ${formatDateTime(v.individuals.toldAt!)}` : v.individuals.decision === 'not_told' ? 'Not told (reasons in the history)' : 'Not decided yet',
      ),
      row('Protocol', v.pack),
    ],
    narrative: v.narrative,
    children: v.children.map((c) => ({ href: `/children/${c.id}`, name: c.name })),
    disclosures: v.disclosures.map((d) => ({ href: `/disclosures/${d.id}`, text: `From ${d.fromAgencyName} to ${d.toAgencyName}, sent ${formatDateTime(d.sentAt)}` })),
    clocks: v.clocks.map((c) => ({
      id: c.id,
      action: c.action,
      who: c.who,
      clause: c.clause,
      within: `${durationText(c.within)} from ${c.from === 'identified' ? 'when it was found' : c.from === 'occurred' ? 'when it happened' : 'the meeting'}`,
      dueAt: c.dueAt,
      metAt: c.metAt,
      state: clockStateLabels[c.state],
      recordable: c.recordable,
      overdue: c.state === 'overdue',
    })),
    timeline: [...v.events].reverse().map((e) => ({
      at: e.at,
      title:
        e.kind === 'meet_deadline' || e.kind === 'deadline-near' || e.kind === 'deadline-missed'
          ? `${eventTitles[e.kind]}: ${clockTitle(String(e.details.deadlineId ?? ''))}`
          : (eventTitles[e.kind] ?? e.kind),
      by: e.byName ? `${e.byName}, ${e.byAgencyName}` : 'Concord',
      lines: e.note
        ? Object.entries(e.note)
            .filter(([, t]) => t)
            .map(([k, t]) => `${noteLabels[k] ?? ''}${t}`)
        : [],
    })),
    procedure: v.procedure,
    can: v.can,
    forms: {
      triage: {
        values: values('triage'),
        leads: [
          { value: '', text: `Keep ${v.leadAgency.name}` },
          ...v.parties.filter((p) => p.agencyId !== v.leadAgency.id).map((p) => ({ value: p.agencyId, text: p.name, selected: values('triage').leadAgencyId === p.agencyId })),
        ],
      },
      assess: {
        values: values('assess'),
        grades: v.procedure.severityGrades.map((g) => ({ value: g.grade, text: g.grade, hint: { text: g.description }, checked: (values('assess').grade ?? v.severity) === g.grade })),
        agencies: v.parties.map((p) => ({ value: p.agencyId, text: p.name })),
      },
      ico: { values: values('ico'), reportedAt: dateTimeFields(values('ico'), 'reportedAt'), needed: v.ico.decision === null },
      individuals: { values: values('individuals'), toldAt: dateTimeFields(values('individuals'), 'toldAt'), needed: v.individuals.decision === null },
      meeting: { values: values('meeting'), heldAt: dateTimeFields(values('meeting'), 'heldAt') },
      deadline: { values: values('deadline'), metAt: dateTimeFields(values('deadline'), 'metAt'), choices: v.clocks.filter((c) => c.recordable).map((c) => ({ value: c.id, text: c.action })) },
      action: { values: values('action') },
      close: { values: values('close') },
    },
    now,
  };
}

export const returnReasons = (chosen: unknown) => RETURN_REASONS.map((r) => ({ value: r, text: returnReasonLabels[r], checked: chosen === r }));
