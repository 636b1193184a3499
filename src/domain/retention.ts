// Retention schedules and disposal: how long each kind of record is kept, from which event, and who
// decides its disposal; the disposition review's lifecycle (pending → approved → disposed, deferred,
// held on legal hold). Pure: the clock is a parameter.
//
// The seeds: keep data no longer than necessary and destroy it beyond recovery when its purpose is
// served (Southampton 2010 s.6, s.8, s.18 item 19; Wirral 2022 App. 2 s.8.1–8.2); once shared, the
// receiving agency's retention policy applies unless the originator says otherwise (Southampton
// 2010 s.8; Derby & Derbyshire 2015 s.5 para. 3).
import { z } from 'zod';

/** The kinds of record a schedule covers (issue 14 part 2). Child and family records are listed so
 *  a pack can state them; Concord disposes of the sealed kinds (see DISPOSABLE_KINDS). */
export const RETENTION_RECORDS = ['decision', 'request', 'disclosure_sent', 'disclosure_received', 'child_record', 'family_record', 'audit_details', 'attachments'] as const;
export type RetentionRecord = (typeof RETENTION_RECORDS)[number];

/** The kinds Concord can dispose of today (crypto-shredding their sealed data). */
export const DISPOSABLE_KINDS = ['decision', 'request', 'disclosure_received', 'audit_details'] as const satisfies readonly RetentionRecord[];
export type DisposableKind = (typeof DISPOSABLE_KINDS)[number];

/** What starts the retention period. */
export const RETENTION_STARTS = ['recorded', 'closed', 'shared', 'child_25th_birthday'] as const;
export type RetentionStart = (typeof RETENTION_STARTS)[number];

/** Whose policy governs, and whose IG lead reviews the disposal: the agency that made the record,
 *  or — for information received — the recipient, unless the originator says otherwise. */
export const RETENTION_OWNERS = ['holder', 'recipient_unless_originator_says_otherwise'] as const;
export type RetentionOwner = (typeof RETENTION_OWNERS)[number];

export const keepForSchema = z.strictObject({
  amount: z.number().int().min(0, 'a period cannot be negative').max(100, 'a period is at most 100'),
  unit: z.enum(['months', 'years']),
});
export type KeepFor = z.infer<typeof keepForSchema>;

const clause = z.string().trim().min(3, 'cite the clause this comes from, e.g. "Southampton 2010 s.8"');

const ruleBody = z.strictObject({
  keepFor: keepForSchema,
  from: z.enum(RETENTION_STARTS),
  owner: z.enum(RETENTION_OWNERS),
  clause,
});
export type RetentionRule = z.infer<typeof ruleBody> & { record: RetentionRecord };

/** The pack section, keyed by kind of record so that a pack extending the baseline overrides only
 *  the kinds its protocol speaks to (objects merge key by key). The disposable kinds are required. */
export const retentionScheduleSchema = z.strictObject({
  decision: ruleBody,
  request: ruleBody,
  disclosure_sent: ruleBody.optional(),
  disclosure_received: ruleBody,
  child_record: ruleBody.optional(),
  family_record: ruleBody.optional(),
  audit_details: ruleBody,
  attachments: ruleBody.optional(),
});
export type RetentionSchedule = z.infer<typeof retentionScheduleSchema>;

/** The schedule's rules in the order of RETENTION_RECORDS. */
export function scheduleRules(schedule: RetentionSchedule): RetentionRule[] {
  return RETENTION_RECORDS.flatMap((record) => {
    const r = schedule[record];
    return r ? [{ ...r, record }] : [];
  });
}

export const RECORD_LABELS: Record<RetentionRecord, string> = {
  decision: 'Decisions about sharing',
  request: 'Requests for information',
  disclosure_sent: 'Information sent (the sender’s record)',
  disclosure_received: 'Information received (the recipient’s copy)',
  child_record: 'Child records',
  family_record: 'Family records',
  audit_details: 'Audit details (for example search criteria)',
  attachments: 'Attachments',
};

const START_TEXT: Record<RetentionStart, string> = {
  recorded: 'the date it was recorded',
  closed: 'the case closing',
  shared: 'the date it was shared',
  child_25th_birthday: 'the child’s 25th birthday',
};

const OWNER_TEXT: Record<RetentionOwner, string> = {
  holder: 'reviewed by the information governance lead of the agency that holds it',
  recipient_unless_originator_says_otherwise: 'the receiving agency’s policy applies unless the originating agency says otherwise; reviewed by the receiving agency’s information governance lead',
};

const plural = (n: number, unit: 'months' | 'years') => `${n} ${n === 1 ? unit.slice(0, -1) : unit}`;

/** The rule in plain English, for /protocol. */
export function describeRetention(rule: RetentionRule): string {
  const when = rule.keepFor.amount === 0 ? `Until ${START_TEXT[rule.from]}` : `${plural(rule.keepFor.amount, rule.keepFor.unit)} from ${START_TEXT[rule.from]}`;
  return `${when}, then disposed of beyond recovery; ${OWNER_TEXT[rule.owner]}.`;
}

/** Add (or with sign -1 subtract) whole months, clamping the day to the month's length (31 Jan +
 *  1 month = 28/29 Feb), in UTC. */
export function addMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), last));
  return target;
}

const months = (k: KeepFor) => (k.unit === 'years' ? k.amount * 12 : k.amount);

/** When a record's retention ends, given the date of its starting event (for `child_25th_birthday`,
 *  the child's date of birth). */
export function retentionEndsAt(rule: Pick<RetentionRule, 'keepFor' | 'from'>, start: Date): Date {
  const base = rule.from === 'child_25th_birthday' ? addMonths(start, 25 * 12) : start;
  return addMonths(base, months(rule.keepFor));
}

/**
 * The latest starting date whose retention has ended by `now`: a record is due when its start is at
 * or before this. Lets the job ask the database one comparison per kind, with the arithmetic here.
 * Month-end clamping makes retentionEndsAt monotonic but not invertible, so the cut-off is the
 * largest start that still satisfies retentionEndsAt(start) <= now (checked by property tests).
 */
export function dueCutoff(rule: Pick<RetentionRule, 'keepFor' | 'from'>, now: Date): Date {
  const total = months(rule.keepFor) + (rule.from === 'child_25th_birthday' ? 25 * 12 : 0);
  let cutoff = addMonths(now, -total);
  // Clamping can leave a few days' slack at month ends: step forward while still due.
  for (let i = 0; i < 4; i++) {
    const next = new Date(cutoff.getTime() + 86_400_000);
    if (retentionEndsAt(rule, next).getTime() <= now.getTime()) cutoff = next;
    else break;
  }
  return cutoff;
}

/** The rule for a kind in a schedule (every disposable kind has one: the schema insists). */
export function ruleFor(schedule: RetentionSchedule, record: RetentionRecord): RetentionRule | undefined {
  const r = schedule[record];
  return r ? { ...r, record } : undefined;
}

// The disposition review.

export const REVIEW_STATUSES = ['pending', 'approved', 'deferred', 'held', 'disposed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Why a record is held: legal holds block disposal until released (issue 14 part 3). */
export const HOLD_KINDS = ['inquiry', 'safeguarding_practice_review', 'litigation', 'other'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];
export const HOLD_LABELS: Record<HoldKind, string> = {
  inquiry: 'An inquiry',
  safeguarding_practice_review: 'A child safeguarding practice review',
  litigation: 'Litigation',
  other: 'Another legal reason',
};

export const REVIEW_ACTIONS = ['approve', 'defer', 'hold', 'release'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

const TRANSITIONS: Record<ReviewAction, { from: readonly ReviewStatus[]; to: ReviewStatus }> = {
  approve: { from: ['pending', 'deferred'], to: 'approved' },
  defer: { from: ['pending', 'approved'], to: 'deferred' },
  hold: { from: ['pending', 'approved', 'deferred'], to: 'held' },
  release: { from: ['held'], to: 'pending' },
};

/** The status a review item moves to, or why it cannot (a held record cannot be approved until the hold is released). */
export function reviewTransition(status: ReviewStatus, action: ReviewAction): { ok: true; to: ReviewStatus } | { ok: false; reason: string } {
  const t = TRANSITIONS[action];
  if (t.from.includes(status)) return { ok: true, to: t.to };
  if (status === 'held') return { ok: false, reason: 'This record is on legal hold: release the hold before it can be disposed of or deferred' };
  if (status === 'disposed') return { ok: false, reason: 'This record has already been disposed of' };
  return { ok: false, reason: `A record that is ${status} cannot be ${action === 'release' ? 'released' : `${action}d`}` };
}

/** May this status be disposed of now? Only approved records; a deferral ends when its date passes
 *  (the job puts it back to pending). */
export const isDisposable = (status: ReviewStatus): boolean => status === 'approved';

/** Only information-governance leads review and approve disposal. */
export const REVIEWER_ROLES = ['ig_lead'] as const;

/** The agency's information-governance lead reviews its own agency's records, and only those. */
export function canReviewDisposal(actor: { agencyId: string; roles: readonly string[] }, review: { agencyId: string }): boolean {
  return actor.roles.includes('ig_lead') && actor.agencyId === review.agencyId;
}

/** What a disposed record's sealed text says instead (no personal data). */
export const TOMBSTONE_TEXT = 'Disposed of under the retention schedule';

/** The validation limits of a reviewer's reason (defer, hold, release). */
export function reasonError(action: ReviewAction, reason: string): string | undefined {
  if (action === 'approve') return reason.length > 500 ? 'Keep the note to 500 characters or fewer' : undefined;
  if (reason.length < 5)
    return action === 'defer' ? 'Say why disposal is deferred' : action === 'hold' ? 'Say what the hold is for (for example the inquiry or review)' : 'Say why the hold is released';
  if (reason.length > 500) return 'Keep the reason to 500 characters or fewer';
  return undefined;
}
