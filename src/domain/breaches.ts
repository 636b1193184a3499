// Breaches and incidents: information lost, sent to the wrong place, or shared improperly. Every
// partnership's protocol sets a procedure and its deadlines (pack `breach`), and Concord runs it:
// anyone reports; the agency's IG lead triages; the parties grade its severity together on the
// pack's scale (Wirral 2022 App. 2 s.5.9 "a risk assessment to grade the severity"); the lead
// agency investigates — the owner of the data (Wirral 2022 App. 2 s.5.8) or the partner in breach
// (Haringey 2006 s.6.2; Sandwell 2022 s.13.2), as the pack says; every deadline is a clock; the
// ICO decision (UK GDPR Art. 33, "including a decision not to notify": Wirral 2022 "Personal Data
// Breach") and the decision about telling the people affected (Art. 34) are recorded; actions,
// outcome and lessons close it (Sandwell 2022 s.13.4 "collate … and their outcomes").
//
// Pure: time is a parameter; the clocks come from domain/clocks.ts.
import { z } from 'zod';
import { deadline } from './clocks.ts';
import { optionalText, requiredText } from './fields.ts';
import { defineLifecycle, next } from './lifecycle.ts';
import type { BREACH_CLOCK_STARTS, Duration, Pack } from './protocol/pack.ts';
import { type Actor, hasRole, type Role } from './staff.ts';

export const BREACH_STATUSES = ['reported', 'investigating', 'closed'] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];
export const breachStatusLabels: Record<BreachStatus, { text: string; colour: string }> = {
  reported: { text: 'Awaiting triage', colour: 'blue' },
  investigating: { text: 'Being investigated', colour: 'yellow' },
  closed: { text: 'Closed', colour: 'grey' },
};

export const BREACH_EVENTS = ['confirm', 'dismiss', 'assess', 'decide_ico', 'decide_individuals', 'record_meeting', 'meet_deadline', 'add_action', 'close'] as const;
export type BreachEvent = (typeof BREACH_EVENTS)[number];

/** The breach lifecycle: triage confirms it (or finds it was not a breach, which closes it with
 *  reasons: it stays on the register), the lead agency investigates and records each decision,
 *  and closing records the outcome and lessons. */
export const breachLifecycle = defineLifecycle<BreachStatus, BreachEvent>({
  states: BREACH_STATUSES,
  final: ['closed'],
  transitions: {
    confirm: { from: ['reported'], to: 'investigating' },
    dismiss: { from: ['reported'], to: 'closed' },
    assess: { from: ['investigating'], to: 'investigating' },
    decide_ico: { from: ['investigating'], to: 'investigating' },
    decide_individuals: { from: ['investigating'], to: 'investigating' },
    record_meeting: { from: ['investigating'], to: 'investigating' },
    meet_deadline: { from: ['reported', 'investigating'], to: 'investigating' },
    add_action: { from: ['reported', 'investigating'], to: 'investigating' },
    close: { from: ['investigating'], to: 'closed' },
  },
});
export const breachTransition = (s: BreachStatus, e: BreachEvent): BreachStatus | undefined => {
  const to = next(breachLifecycle, s, e);
  // Recording a deadline or an action keeps an untriaged report untriaged.
  return to && s === 'reported' && (e === 'meet_deadline' || e === 'add_action') ? 'reported' : to;
};

/** Why a recipient returns or refuses a disclosure (Wirral 2022 App. 2 s.3.7: the front door may
 *  refuse information gathered or shared improperly). */
export const RETURN_REASONS = ['wrongly_sent', 'wrong_child', 'not_expected', 'improperly_gathered'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export const returnReasonLabels: Record<ReturnReason, string> = {
  wrongly_sent: 'It was sent to us by mistake',
  wrong_child: 'It is about a different child',
  not_expected: 'We did not ask for it and should not hold it',
  // Wirral 2022 App. 2 s.3.7: the front door "may refuse information that has been incorrectly or
  // illegally gathered or shared without appropriate consent".
  improperly_gathered: 'It was gathered incorrectly or unlawfully, or shared without the consent it needed',
};

// ---------------------------------------------------------------------------------------------
// The lead agency.

export type LeadRule = 'data_owner' | 'in_breach';

/**
 * Which agency leads, from the pack's `breach.lead`. Packs name the lead in the protocol's words:
 * the owner of the data ("the partner agency that owns the data that was lost", Wirral 2022 App. 2
 * s.5.8; "data protection officer of the controller", UK GDPR Art. 33) or the agency in breach
 * ("the partner organisation in breach", Haringey 2006 s.6.2; "the agency whose employee disclosed
 * the information", Sandwell 2022 s.13.2; "the relevant organisation", Derby 2015 s.5 para. 5).
 */
export function leadRule(pack: Pick<Pack, 'breach'>): LeadRule {
  return /\b(own|owns|owner|belongs|controller)\b/i.test(pack.breach.lead) ? 'data_owner' : 'in_breach';
}

/** The lead agency: the data's owner (the originator of the information involved, if it is
 *  another agency's) or the reporting agency, as the pack's rule says. Triage may change it. */
export function defaultLeadAgency(rule: LeadRule, reportingAgencyId: string, originatorAgencyIds: readonly string[]): string {
  const owner = originatorAgencyIds.find((a) => a !== reportingAgencyId);
  return rule === 'data_owner' && owner ? owner : reportingAgencyId;
}

// ---------------------------------------------------------------------------------------------
// The procedure's deadlines.

export type ClockStart = (typeof BREACH_CLOCK_STARTS)[number];

export interface BreachDeadline {
  id: string;
  action: string;
  who: string;
  within: Duration;
  from: ClockStart;
  clause: string;
}

/** What meets a deadline. Concord meets some itself: reporting in Concord is the internal report;
 *  reporting a breach that involves another agency's information tells that agency at once; the
 *  ICO decision meets the ICO deadline. The others are recorded as met by the lead agency. */
export type MetBy = 'report' | 'originator_told' | 'ico_decision' | 'recorded';

/** The deadlines the pack's shorthand fields give, by id, and what meets each. */
export const DERIVED_DEADLINES = {
  'report-internally': { action: 'Report the breach internally, to the agency’s information governance lead', metBy: 'report' },
  'notify-originator': { action: 'Tell the agency the information belongs to', metBy: 'originator_told' },
  ico: { action: "Decide whether to report the breach to the Information Commissioner's Office, and report it if it is reportable", metBy: 'ico_decision' },
} as const;

/**
 * The procedure's deadlines: the pack's `breach.deadlines`, and a deadline for each of
 * `reportInternallyWithin`, `notifyOriginatorWithin` and `icoNotificationWithin` the list does not
 * already have (by id: report-internally, notify-originator, ico). `notify-originator` applies only
 * when the breach involves information another agency originated.
 */
export function breachDeadlines(pack: Pick<Pack, 'breach'>, involvesOtherAgencysInformation: boolean): BreachDeadline[] {
  const b = pack.breach;
  const listed: BreachDeadline[] = (b.deadlines ?? []).map((d) => ({ ...d }));
  const ids = new Set(listed.map((d) => d.id));
  const shorthand: [keyof typeof DERIVED_DEADLINES, Duration | undefined][] = [
    ['report-internally', b.reportInternallyWithin],
    ['notify-originator', b.notifyOriginatorWithin],
    ['ico', b.icoNotificationWithin],
  ];
  for (const [id, within] of shorthand) {
    if (!within || ids.has(id)) continue;
    listed.push({ id, action: DERIVED_DEADLINES[id].action, who: b.lead, within, from: 'identified', clause: b.clause });
  }
  return listed.filter((d) => d.id !== 'notify-originator' || involvesOtherAgencysInformation);
}

export function metBy(deadlineId: string): MetBy {
  return deadlineId in DERIVED_DEADLINES ? DERIVED_DEADLINES[deadlineId as keyof typeof DERIVED_DEADLINES].metBy : 'recorded';
}

/** The instants a breach's clocks start from; null until the event has happened (a meeting). */
export interface ClockEvents {
  identified: Date;
  occurred: Date | null;
  meeting: Date | null;
}

/** When a clock starts: its event, or for `occurred` when the breach's date is not known, when
 *  it was identified (the earliest the parties can count from). */
export function clockStart(from: ClockStart, events: ClockEvents): Date | null {
  if (from === 'occurred') return events.occurred ?? events.identified;
  return events[from];
}

/** A reminder goes when three quarters of the time allowed has passed. */
export function reminderAt(start: Date, due: Date): Date {
  return new Date(start.getTime() + Math.floor((due.getTime() - start.getTime()) * 0.75));
}

export interface ClockTimes {
  startedAt: Date | null;
  dueAt: Date | null;
  remindAt: Date | null;
}

export function clockTimes(d: Pick<BreachDeadline, 'within' | 'from'>, events: ClockEvents): ClockTimes {
  const startedAt = clockStart(d.from, events);
  if (!startedAt) return { startedAt: null, dueAt: null, remindAt: null };
  const dueAt = deadline(startedAt, d.within);
  return { startedAt, dueAt, remindAt: reminderAt(startedAt, dueAt) };
}

export const CLOCK_STATES = ['waiting', 'running', 'due_soon', 'overdue', 'met', 'met_late', 'stopped'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];
export const clockStateLabels: Record<ClockState, { text: string; colour: string }> = {
  waiting: { text: 'Not started', colour: 'grey' },
  running: { text: 'Running', colour: 'blue' },
  due_soon: { text: 'Due soon', colour: 'orange' },
  overdue: { text: 'Overdue', colour: 'red' },
  met: { text: 'Done in time', colour: 'green' },
  met_late: { text: 'Done late', colour: 'pink' },
  stopped: { text: 'Stopped: the breach is closed', colour: 'grey' },
};

/** Where a clock stands at `now`. A closed breach stops the clocks still running. */
export function clockState(c: { startedAt: Date | null; dueAt: Date | null; remindAt: Date | null; metAt: Date | null }, now: Date, closed: boolean): ClockState {
  if (c.metAt) return c.dueAt && c.metAt.getTime() > c.dueAt.getTime() ? 'met_late' : 'met';
  if (!c.startedAt || !c.dueAt) return closed ? 'stopped' : 'waiting';
  if (closed) return 'stopped';
  if (now.getTime() > c.dueAt.getTime()) return 'overdue';
  if (c.remindAt && now.getTime() >= c.remindAt.getTime()) return 'due_soon';
  return 'running';
}

// ---------------------------------------------------------------------------------------------
// Who may do what.

export interface BreachAccess {
  reportedBy: string;
  reportingAgencyId: string;
  leadAgencyId: string;
  /** Every agency party to the breach: reporting, lead, and the originators and recipients of the information involved. */
  partyAgencyIds: readonly string[];
}

/** Information governance staff of an agency: its IG lead or DPO, and its Caldicott guardian. */
const IG: Role[] = ['ig_lead', 'caldicott_guardian'];

/** The person who reported it, and the information governance staff of every agency party to it,
 *  see the whole record (children, narrative, decisions). */
export const canSeeBreach = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, b: BreachAccess) =>
  actor.userId === b.reportedBy || (b.partyAgencyIds.includes(actor.agencyId) && hasRole(actor, ...IG));

/** The partnership's register: the partnership manager sees every breach, as metadata only — no
 *  children, no narrative (administration is not access: DESIGN "Security defaults"). */
export const canSeeRegister = (actor: Pick<Actor, 'roles'>) => hasRole(actor, 'partnership_manager');

/** Triage is for the reporting agency's IG lead (Sandwell 2022 App. 1: raise it with the IG lead). */
export const canTriage = (actor: Pick<Actor, 'agencyId' | 'roles'>, b: BreachAccess) => actor.agencyId === b.reportingAgencyId && hasRole(actor, 'ig_lead');

/** The joint risk assessment: the IG staff of any party agency records the grade agreed. */
export const canAssess = (actor: Pick<Actor, 'agencyId' | 'roles'>, b: BreachAccess) => b.partyAgencyIds.includes(actor.agencyId) && hasRole(actor, ...IG);

/** The investigation and its decisions belong to the lead agency's IG staff. */
export const canInvestigate = (actor: Pick<Actor, 'agencyId' | 'roles'>, b: BreachAccess) => actor.agencyId === b.leadAgencyId && hasRole(actor, ...IG);

/** Who is reminded of a running deadline, and who hears when one is missed. */
export const REMINDED_ROLES: Role[] = ['ig_lead'];
export const ESCALATED_ROLES: Role[] = ['ig_lead', 'caldicott_guardian'];

/**
 * Whose job a deadline is, from the pack's `who` in the protocol's words: the lead agency alone
 * ("the partner organisation in breach", Haringey 2006 s.6.2; "data protection officer of the
 * controller"), every agency party to the breach ("the partner organisations" meet, Haringey s.6.3
 * and s.6.6; "the agencies' lead information officers", Sandwell 2022 s.13.3), or the partnership's
 * statutory partners as well ("statutory safeguarding partners", Wirral 2022 App. 2 s.5.10). The
 * reminder and the escalation go to everyone it names; the lead agency always hears.
 */
export type DeadlineAudience = 'lead' | 'parties' | 'partnership';
export function deadlineAudience(who: string): DeadlineAudience {
  const w = who.toLowerCase();
  if (/\b(statutory|safeguarding partnership|partnership)\b/.test(w)) return 'partnership';
  if (/\b(partner organisations|partner agencies|partners|agencies|agencies’|agencies'|each party|all parties)\b/.test(w) && !/\bin breach\b/.test(w)) return 'parties';
  return 'lead';
}

// ---------------------------------------------------------------------------------------------
// Inputs.

const text = requiredText;
const instant = (required: string) =>
  z.union([z.date(), z.string({ error: required }).trim().min(1, required)], { error: required }).transform((v, ctx) => {
    const d = v instanceof Date ? v : new Date(v);
    if (Number.isNaN(d.getTime()) || (typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(v))) {
      ctx.addIssue({ code: 'custom', message: 'Enter a real date and time, like 2026-11-20T14:30:00Z' });
      return z.NEVER;
    }
    return d;
  });

export const reportBreachSchema = z
  .object({
    what: text('Say what happened: what information, and where it went'),
    how: text('Say how it happened and how it was found'),
    identifiedAt: instant('Enter when the breach was found'),
    occurredAt: instant('Enter when the breach happened').optional().nullable(),
    childIds: z.array(z.string()).max(20, 'Link at most 20 children').default([]),
    disclosureIds: z.array(z.string()).max(20, 'Link at most 20 disclosures').default([]),
  })
  .strict();
export type ReportBreachInput = z.output<typeof reportBreachSchema>;

/** Times a report gives: not in the future, and the breach not after it was found. */
export function reportTimeErrors(input: Pick<ReportBreachInput, 'identifiedAt' | 'occurredAt'>, now: Date): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (input.identifiedAt.getTime() > now.getTime()) errors.push({ path: 'identifiedAt', message: 'When the breach was found must be in the past' });
  if (input.occurredAt && input.occurredAt.getTime() > input.identifiedAt.getTime()) errors.push({ path: 'occurredAt', message: 'When the breach happened must be before it was found' });
  return errors;
}

export const triageBreachSchema = z
  .object({
    outcome: z.enum(['confirm', 'dismiss'], { error: 'Select whether this is a breach to investigate' }),
    leadAgencyId: z.string().optional().nullable(),
    note: optionalText(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === 'dismiss' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why this is not a breach' });
  });

export const assessBreachSchema = z
  .object({
    grade: z.string({ error: 'Select the severity agreed' }).trim().min(1, 'Select the severity agreed'),
    agencyIds: z.array(z.string()).default([]),
    note: text('Summarise the joint risk assessment: who is affected, how, and how likely harm is'),
  })
  .strict();

export const icoDecisionSchema = z
  .object({
    decision: z.enum(['reported', 'not_reported'], { error: "Select whether the breach was reported to the Information Commissioner's Office" }),
    reference: z
      .string()
      .trim()
      .max(60, 'The reference must be 60 characters or fewer')
      .regex(/^[A-Za-z0-9/ -]*$/, 'Use letters, numbers, spaces, "/" and "-"')
      .optional()
      .nullable()
      .transform((v) => v || null),
    reportedAt: instant('Enter when it was reported').optional().nullable(),
    reasons: optionalText(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'reported' && !v.reference) ctx.addIssue({ code: 'custom', path: ['reference'], message: "Enter the ICO's reference for the report" });
    if (v.decision === 'reported' && !v.reportedAt) ctx.addIssue({ code: 'custom', path: ['reportedAt'], message: 'Enter when it was reported' });
    if (v.decision === 'not_reported' && !v.reasons)
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'Say why the breach is not reportable: a decision not to report is recorded with its reasons' });
  });

export const individualsDecisionSchema = z
  .object({
    decision: z.enum(['told', 'not_told'], { error: 'Select whether the people affected have been told' }),
    toldAt: instant('Enter when they were told').optional().nullable(),
    reasons: optionalText(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'told' && !v.toldAt) ctx.addIssue({ code: 'custom', path: ['toldAt'], message: 'Enter when they were told' });
    if (v.decision === 'not_told' && !v.reasons) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'Say why the people affected are not being told' });
  });

export const meetingSchema = z.object({ heldAt: instant('Enter when the meeting was held'), note: text('Record what the meeting agreed') }).strict();
export const deadlineMetSchema = z.object({ metAt: instant('Enter when it was done'), note: optionalText() }).strict();
export const actionSchema = z.object({ note: text('Describe the action: what, by whom, by when') }).strict();
export const closeBreachSchema = z.object({ outcome: text('Record the outcome'), lessons: text('Record the lessons learned') }).strict();

/** What must be decided before a breach can close. */
export function closeBlockers(b: { severity: string | null; icoDecision: string | null; individualsDecision: string | null }, pack: Pick<Pack, 'breach'>): string[] {
  const missing: string[] = [];
  if (!b.severity && pack.breach.severityGrades.length) missing.push('grade its severity');
  if (!b.icoDecision) missing.push("record the decision about reporting it to the Information Commissioner's Office");
  if (!b.individualsDecision) missing.push('record the decision about telling the people affected');
  return missing;
}
