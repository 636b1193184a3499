// Rights requests: a child, a parent or a representative asks an agency to exercise a data
// protection right — access, rectification, erasure, restriction, objection — or asks for
// information under the Freedom of Information Act. The seeds: each agency keeps subject access
// procedures (Derby & Derbyshire 2015 s.5 para. 6) and helps the other partners comply with
// subject access and FOI requests (Wirral 2022 App. 2 s.4.3); access, rectification, objection and
// erasure, with the source agency consulted before a non-disclosure exemption is applied to
// information it supplied (Sandwell 2022 s.11.1); FOI requests routed to the partnership's business
// unit, no record of a meeting shared without the statutory partners' permission (Sandwell s.12).
//
// The clock (UK GDPR Art. 12(3) and Art. 12A, inserted by the Data (Use and Access) Act 2025): one
// calendar month from "the relevant time" — the latest of receiving the request and receiving the
// confirmation of identity (or a fee) the controller asked for; paused while the controller waits
// for clarification it reasonably needs; extendable by up to two further months, with reasons,
// told to the requester within the first month. Month arithmetic is `addMonths` in clocks.ts (31
// January + 1 month = 28/29 February; the deadline is the end of that day in England).
//
// Pure: time is a parameter.
import { z } from 'zod';
import { addCalendarDays, addMonths, addWorkingDays, londonDateOf } from './clocks.ts';
import { optionalText, requiredText } from './fields.ts';
import { defineLifecycle, next } from './lifecycle.ts';
import { type RetentionRecord, type RetentionSchedule, retentionEndsAt, ruleFor } from './retention.ts';
import { type Actor, hasRole } from './staff.ts';

export const RIGHTS_KINDS = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'foi'] as const;
export type RightsKind = (typeof RIGHTS_KINDS)[number];
export const rightsKindLabels: Record<RightsKind, string> = {
  access: 'Access (subject access request)',
  rectification: 'Rectification (correct inaccurate information)',
  erasure: 'Erasure',
  restriction: 'Restriction of use',
  objection: 'Objection to use',
  foi: 'Freedom of Information request',
};

/** Who asks: the child or young person, a parent (with parental responsibility, checked), a
 *  representative acting with authority (a solicitor, an advocate), or — for FOI — anyone. */
export const REQUESTER_KINDS = ['child', 'parent', 'representative', 'public'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];
export const requesterKindLabels: Record<RequesterKind, string> = {
  child: 'The child or young person',
  parent: 'A parent or carer',
  representative: 'A representative (for example a solicitor or advocate)',
  public: 'A member of the public (Freedom of Information)',
};

export const RIGHTS_STATUSES = ['awaiting_identity', 'awaiting_clarification', 'open', 'answered', 'routed', 'withdrawn'] as const;
export type RightsStatus = (typeof RIGHTS_STATUSES)[number];
export const rightsStatusLabels: Record<RightsStatus, { text: string; colour: string }> = {
  awaiting_identity: { text: 'Waiting for identity', colour: 'grey' },
  awaiting_clarification: { text: 'Paused: waiting for clarification', colour: 'purple' },
  open: { text: 'Clock running', colour: 'blue' },
  answered: { text: 'Answered', colour: 'green' },
  routed: { text: 'Routed to the partnership’s business unit', colour: 'grey' },
  withdrawn: { text: 'Withdrawn', colour: 'grey' },
};

export const RIGHTS_EVENTS = ['verify', 'ask_clarification', 'receive_clarification', 'extend', 'answer', 'withdraw'] as const;
export type RightsEvent = (typeof RIGHTS_EVENTS)[number];

/** A request waits for identity (the clock has not started) until it is verified; clarification
 *  pauses a running clock; the answer ends it. FOI requests are routed when logged (Sandwell s.12). */
export const rightsLifecycle = defineLifecycle<RightsStatus, RightsEvent>({
  states: RIGHTS_STATUSES,
  final: ['answered', 'routed', 'withdrawn'],
  transitions: {
    verify: { from: ['awaiting_identity'], to: 'open' },
    ask_clarification: { from: ['open'], to: 'awaiting_clarification' },
    receive_clarification: { from: ['awaiting_clarification'], to: 'open' },
    extend: { from: ['open', 'awaiting_clarification'], to: 'open' },
    answer: { from: ['open'], to: 'answered' },
    withdraw: { from: ['awaiting_identity', 'awaiting_clarification', 'open'], to: 'withdrawn' },
  },
});
export const rightsTransition = (s: RightsStatus, e: RightsEvent): RightsStatus | undefined => {
  const to = next(rightsLifecycle, s, e);
  // Extending while paused keeps the pause.
  return to && e === 'extend' ? s : to;
};

// ---------------------------------------------------------------------------------------------
// The clock.

export interface Pause {
  from: Date;
  /** null while still waiting. */
  to: Date | null;
}

export interface ClockFacts {
  receivedAt: Date;
  /** When identity (and authority) was confirmed; null while waiting for it. */
  verifiedAt: Date | null;
  /** Waits for clarification. */
  pauses: readonly Pause[];
  /** Further months added (0, 1 or 2). */
  extensionMonths: number;
}

export interface RightsClock {
  /** The relevant time: the latest of receipt and identity confirmed (Art. 12A(2)); null until verified. */
  startsAt: Date | null;
  /** The deadline without the extension (the date an extension must be told by). */
  firstDueAt: Date | null;
  /** The deadline: the end of the day in England; null until started and while paused. */
  dueAt: Date | null;
  /** Whole days the clock stood still for clarification. */
  pausedDays: number;
  paused: boolean;
  /** Three quarters of the way to the deadline: when the IG lead is reminded. */
  remindAt: Date | null;
}

export const MAX_EXTENSION_MONTHS = 2;

/** Days between two instants' dates in England: a wait asked on Monday and answered on Wednesday
 *  stops the clock for two days (the day it is answered counts again). */
function londonDaysBetween(a: Date, b: Date): number {
  const [x, y] = [londonDateOf(a), londonDateOf(b)];
  return Math.max(0, Math.round((Date.parse(`${y}T00:00:00Z`) - Date.parse(`${x}T00:00:00Z`)) / 86_400_000));
}

/** Where a request's clock stands, from the facts (pure; `now` closes an open pause for `pausedDays`). */
export function rightsClock(f: ClockFacts, now: Date): RightsClock {
  if (!f.verifiedAt) return { startsAt: null, firstDueAt: null, dueAt: null, pausedDays: 0, paused: false, remindAt: null };
  const startsAt = f.verifiedAt.getTime() > f.receivedAt.getTime() ? f.verifiedAt : f.receivedAt;
  // A wait that began before the relevant time does not stop a clock that had not started.
  const counted = f.pauses.filter((p) => (p.to ?? now).getTime() > startsAt.getTime());
  const paused = f.pauses.some((p) => p.to === null);
  const pausedDays = counted.reduce((n, p) => n + londonDaysBetween(p.from.getTime() < startsAt.getTime() ? startsAt : p.from, p.to ?? now), 0);
  const firstDueAt = addCalendarDays(addMonths(startsAt, 1), pausedDays);
  const extension = Math.min(Math.max(0, f.extensionMonths), MAX_EXTENSION_MONTHS);
  const dueAt = paused ? null : addCalendarDays(addMonths(startsAt, 1 + extension), pausedDays);
  const remindAt = dueAt ? new Date(startsAt.getTime() + Math.floor((dueAt.getTime() - startsAt.getTime()) * 0.75)) : null;
  return { startsAt, firstDueAt, dueAt, pausedDays, paused, remindAt };
}

/** Why an extension cannot be granted, if it cannot: at most two further months in all, and only
 *  within the first month (the requester must be told within it, Art. 12(3)). */
export function extensionError(f: ClockFacts, months: number, now: Date): string | undefined {
  if (!f.verifiedAt) return 'The clock has not started: confirm the requester’s identity first';
  if (f.extensionMonths + months > MAX_EXTENSION_MONTHS) return `The deadline can be extended by at most ${MAX_EXTENSION_MONTHS} further months in all`;
  const first = rightsClock({ ...f, extensionMonths: 0 }, now).firstDueAt;
  if (first && now.getTime() > first.getTime()) return 'An extension must be decided and told to the requester within the first month';
  return undefined;
}

export const CLOCK_STATES = ['not_started', 'paused', 'running', 'due_soon', 'overdue', 'stopped'] as const;
export type RightsClockState = (typeof CLOCK_STATES)[number];
export const clockStateLabels: Record<RightsClockState, { text: string; colour: string }> = {
  not_started: { text: 'Not started: waiting for identity', colour: 'grey' },
  paused: { text: 'Paused', colour: 'purple' },
  running: { text: 'Running', colour: 'blue' },
  due_soon: { text: 'Due soon', colour: 'orange' },
  overdue: { text: 'Overdue', colour: 'red' },
  stopped: { text: 'Stopped', colour: 'grey' },
};

export function rightsClockState(c: RightsClock, status: RightsStatus, now: Date): RightsClockState {
  if (status === 'answered' || status === 'routed' || status === 'withdrawn') return 'stopped';
  if (!c.startsAt) return 'not_started';
  if (c.paused || !c.dueAt) return 'paused';
  if (now.getTime() > c.dueAt.getTime()) return 'overdue';
  if (c.remindAt && now.getTime() >= c.remindAt.getTime()) return 'due_soon';
  return 'running';
}

// ---------------------------------------------------------------------------------------------
// Who may do what.

/** A rights request belongs to the agency that received it; its IG lead (or DPO) handles it. */
export const canHandleRightsRequest = (actor: Pick<Actor, 'agencyId' | 'roles'>, r: { agencyId: string }) => actor.agencyId === r.agencyId && hasRole(actor, 'ig_lead');

/** Logging a request is for an agency's IG lead. */
export const canLogRightsRequest = (actor: Pick<Actor, 'roles'>) => hasRole(actor, 'ig_lead');

// ---------------------------------------------------------------------------------------------
// Erasure and restriction against retention and legal holds.

/** A record the agency holds about the child, with the dates its retention may start from. */
export interface HeldRecord {
  kind: Extract<RetentionRecord, 'decision' | 'request' | 'disclosure_received'>;
  recordedAt: Date;
  closedAt: Date | null;
  dateOfBirth: Date | null;
  /** On legal hold in the disposition review. */
  held: boolean;
}

export interface RetentionCheck {
  /** Records on legal hold: erasure is refused while a hold lasts. */
  held: number;
  /** Records whose retention has not ended, by kind, with the latest end. */
  retained: { kind: HeldRecord['kind']; count: number; until: Date | null }[];
  /** Records whose retention has ended (they go to the disposition review). */
  ended: number;
}

/** When a record's retention ends under the schedule; null when its starting event has not happened (a case not closed). */
function endOf(schedule: RetentionSchedule, r: HeldRecord): Date | null {
  const rule = ruleFor(schedule, r.kind);
  if (!rule) return null;
  const start = rule.from === 'closed' ? r.closedAt : rule.from === 'child_25th_birthday' ? r.dateOfBirth : r.recordedAt;
  return start ? retentionEndsAt(rule, start) : null;
}

export function retentionCheck(schedule: RetentionSchedule, records: readonly HeldRecord[], now: Date): RetentionCheck {
  const retained = new Map<HeldRecord['kind'], { count: number; until: Date | null; open: boolean }>();
  let held = 0;
  let ended = 0;
  for (const r of records) {
    if (r.held) held++;
    const end = endOf(schedule, r);
    if (end && end.getTime() <= now.getTime()) {
      ended++;
      continue;
    }
    const k = retained.get(r.kind) ?? { count: 0, until: null, open: false };
    k.count++;
    if (!end) k.open = true;
    else if (!k.until || end.getTime() > k.until.getTime()) k.until = end;
    retained.set(r.kind, k);
  }
  return { held, ended, retained: [...retained].map(([kind, v]) => ({ kind, count: v.count, until: v.open ? null : v.until })) };
}

export const RIGHTS_OUTCOMES = ['complied', 'partly_complied', 'refused'] as const;
export type RightsOutcome = (typeof RIGHTS_OUTCOMES)[number];
export const rightsOutcomeLabels: Record<RightsOutcome, string> = {
  complied: 'Complied with',
  partly_complied: 'Partly complied with',
  refused: 'Refused, with reasons',
};

/**
 * Whether an erasure or restriction answer may be given, given the retention check: erasure cannot
 * be complied with (in whole) while any record is on legal hold or still within its retention — the
 * record is kept for the agency's safeguarding duty (UK GDPR Art. 17(3)(b)); restriction cannot be
 * refused without reasons, and a held record stays stored (Art. 18(2)). Returns the reasons the
 * answer must carry, or an error when the outcome contradicts the check.
 */
export function retentionAnswer(kind: 'erasure' | 'restriction', outcome: RightsOutcome, check: RetentionCheck): { error?: string; reasons: string[] } {
  const reasons: string[] = [];
  if (check.held) reasons.push(`${check.held} ${check.held === 1 ? 'record is' : 'records are'} on legal hold and must be kept until the hold is released`);
  for (const r of check.retained)
    reasons.push(
      `${r.count} ${r.kind.replace('_', ' ')} ${r.count === 1 ? 'record is' : 'records are'} within the retention schedule${r.until ? ` until ${londonDateOf(r.until)}` : ' (its retention has not started)'}`,
    );
  if (kind === 'erasure' && outcome === 'complied' && (check.held || check.retained.length))
    return { error: 'Erasure cannot be complied with in full: records are on legal hold or within their retention period', reasons };
  if (kind === 'erasure' && outcome !== 'refused' && check.held) return { error: 'Records on legal hold cannot be erased until the hold is released', reasons };
  return { reasons };
}

// ---------------------------------------------------------------------------------------------
// Inputs.

const text = requiredText;
const instant = (required: string) =>
  z.union([z.date(), z.string({ error: required }).trim().min(1, required)], { error: required }).transform((v, ctx) => {
    const d = v instanceof Date ? v : new Date(v);
    if (Number.isNaN(d.getTime()) || (typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(v))) {
      ctx.addIssue({ code: 'custom', message: 'Enter a real date, like 2026-11-20' });
      return z.NEVER;
    }
    return d;
  });

export const AUTHORITY_BASES = ['self', 'parental_responsibility', 'child_consent', 'court_order', 'public'] as const;
export type AuthorityBasis = (typeof AUTHORITY_BASES)[number];
export const authorityLabels: Record<AuthorityBasis, string> = {
  self: 'The child or young person asks for themselves',
  parental_responsibility: 'The parent has parental responsibility',
  child_consent: 'The child, competent to decide, has authorised the requester',
  court_order: 'A court order or power of attorney',
  public: 'Not needed: a Freedom of Information request',
};

export const logRightsRequestSchema = z
  .object({
    kind: z.enum(RIGHTS_KINDS, { error: 'Select what the request is for' }),
    requesterKind: z.enum(REQUESTER_KINDS, { error: 'Select who is asking' }),
    childId: z
      .string()
      .optional()
      .nullable()
      .transform((v) => v || null),
    receivedAt: instant('Enter the date the request was received'),
    summary: text('Summarise what the requester asks for'),
    identityVerified: z.union([z.boolean(), z.enum(['yes', 'no']).transform((v) => v === 'yes')]).default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind !== 'foi' && !v.childId) ctx.addIssue({ code: 'custom', path: ['childId'], message: 'Select the child the request is about' });
    if (v.kind !== 'foi' && v.requesterKind === 'public') ctx.addIssue({ code: 'custom', path: ['requesterKind'], message: 'Only a Freedom of Information request comes from a member of the public' });
  });
export type LogRightsRequestInput = z.output<typeof logRightsRequestSchema>;

/** Identity and authority: who the requester is, and why they may act for the child — a parent's
 *  parental responsibility, or the child's own authority when the child is competent to decide
 *  (in England, from about 12 a child is presumed able to make their own request: ICO guidance). */
export const verifySchema = z
  .object({
    verifiedAt: instant('Enter the date identity was confirmed'),
    basis: z.enum(AUTHORITY_BASES, { error: 'Select the requester’s authority' }),
    childCompetent: z
      .union([z.boolean(), z.enum(['yes', 'no']).transform((v) => v === 'yes')])
      .optional()
      .nullable(),
    evidence: text('Say what evidence of identity and authority was seen'),
  })
  .strict();

export function verifyErrors(v: z.output<typeof verifySchema>, r: { requesterKind: RequesterKind; receivedAt: Date }, now: Date): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (v.verifiedAt.getTime() > now.getTime()) errors.push({ path: 'verifiedAt', message: 'The date identity was confirmed must be today or in the past' });
  if (londonDateOf(v.verifiedAt) < londonDateOf(r.receivedAt)) errors.push({ path: 'verifiedAt', message: 'Identity cannot be confirmed before the request was received' });
  const fits: Record<RequesterKind, AuthorityBasis[]> = {
    child: ['self'],
    parent: ['parental_responsibility', 'child_consent', 'court_order'],
    representative: ['child_consent', 'court_order'],
    public: ['public'],
  };
  if (!fits[r.requesterKind].includes(v.basis)) errors.push({ path: 'basis', message: 'Select an authority that fits who is asking' });
  // A competent child decides for themselves: a parent's request for a competent child's data
  // needs the child's authority, not parental responsibility alone.
  if (v.basis === 'parental_responsibility' && v.childCompetent === true)
    errors.push({ path: 'basis', message: 'The child is competent to decide: record the child’s authority for the parent’s request' });
  if (r.requesterKind !== 'public' && v.childCompetent == null) errors.push({ path: 'childCompetent', message: 'Say whether the child is competent to decide for themselves' });
  return errors;
}

export const clarificationSchema = z.object({ at: instant('Enter the date'), note: text('Say what was asked or received') }).strict();
export const extendSchema = z
  .object({
    months: z.coerce.number({ error: 'Select how many further months' }).int().min(1, 'Select 1 or 2 further months').max(2, 'Select 1 or 2 further months'),
    reason: text('Say why the request is complex or numerous enough to need more time'),
  })
  .strict();
export const answerSchema = z
  .object({
    outcome: z.enum(RIGHTS_OUTCOMES, { error: 'Select the outcome' }),
    reasons: optionalText(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome !== 'complied' && !v.reasons) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'Give the reasons: a refusal is answered with reasons' });
  });

// ---------------------------------------------------------------------------------------------
// Access: consulting the source agencies and withholding items.

/** The exemptions a source agency may ask for (Sandwell 2022 s.11.1 "any applicable
 *  non-disclosure exemption"; DPA 2018 Sch. 3 Pt. 2 para. 5 serious harm, Sch. 2 Pt. 3 para. 16
 *  third-party information, Sch. 2 Pt. 1 para. 2 crime and taxation). */
export const EXEMPTIONS = ['serious_harm', 'third_party', 'crime_prevention'] as const;
export type Exemption = (typeof EXEMPTIONS)[number];
export const exemptionLabels: Record<Exemption, string> = {
  serious_harm: 'Disclosure would be likely to cause serious harm to someone’s physical or mental health',
  third_party: 'It identifies another person who has not agreed to its release',
  crime_prevention: 'Disclosure would be likely to prejudice the prevention or detection of crime',
};
export const CONSULTATION_ANSWERS = ['none', ...EXEMPTIONS] as const;
export type ConsultationAnswer = (typeof CONSULTATION_ANSWERS)[number];

/** A source agency has ten working days to answer, and never beyond the request's own deadline
 *  less two working days (so the handling agency can still respond in time); at least one day. */
export const CONSULTATION_WORKING_DAYS = 10;
export function consultationDueAt(askedAt: Date, requestDueAt: Date | null): Date {
  const standard = addWorkingDays(askedAt, CONSULTATION_WORKING_DAYS);
  if (!requestDueAt) return standard;
  const floor = addWorkingDays(askedAt, 1);
  const latest = new Date(requestDueAt.getTime() - 2 * 86_400_000);
  const due = latest.getTime() < standard.getTime() ? latest : standard;
  return due.getTime() < floor.getTime() ? floor : due;
}

/** The source agency's IG lead answers its consultation. */
export const canAnswerConsultation = (actor: Pick<Actor, 'agencyId' | 'roles'>, c: { sourceAgencyId: string }) => actor.agencyId === c.sourceAgencyId && hasRole(actor, 'ig_lead');

/** An item in a subject access response: its reference and where it came from. */
export interface AccessItem {
  ref: string;
  sourceAgencyId: string;
}

export interface ConsultationState {
  sourceAgencyId: string;
  answeredAt: Date | null;
  dueAt: Date;
}

/** Why an item cannot be withheld yet: another agency's information is withheld only once that
 *  agency has been consulted (it answered, or its time to answer has passed). */
export function withholdError(item: AccessItem, handlingAgencyId: string, consultations: readonly ConsultationState[], now: Date): string | undefined {
  if (item.sourceAgencyId === handlingAgencyId) return undefined;
  const c = consultations.find((x) => x.sourceAgencyId === item.sourceAgencyId);
  if (!c) return 'Consult the agency this information came from before withholding it';
  if (!c.answeredAt && now.getTime() <= c.dueAt.getTime()) return 'Wait for the source agency’s answer (or its deadline) before withholding its information';
  return undefined;
}

/** Why the response pack cannot be produced yet: every consultation answered or past its deadline. */
export function packBlockers(consultations: readonly (ConsultationState & { sourceAgencyName: string })[], now: Date): string[] {
  return consultations.filter((c) => !c.answeredAt && now.getTime() <= c.dueAt.getTime()).map((c) => `${c.sourceAgencyName} has not yet answered its consultation`);
}

export const WITHHOLD_REASONS = EXEMPTIONS;
export const answerConsultationSchema = z
  .object({
    answer: z.enum(CONSULTATION_ANSWERS, { error: 'Select whether an exemption applies' }),
    reasons: optionalText(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.answer !== 'none' && !v.reasons) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'Say why the exemption applies, and to which information' });
  });
export const withholdSchema = z
  .object({
    itemRef: z.string({ error: 'Select the item' }).trim().min(1, 'Select the item'),
    reason: z.enum(WITHHOLD_REASONS, { error: 'Select why it is withheld' }),
    note: text('Say what is withheld and why, for the schedule'),
  })
  .strict();
