// Break-glass access and unusual-access alerts (issue 11 part 5; ADR 0050, 0051). A practitioner
// who needs a child their agency is not involved with (an emergency at A&E, a new school) asks for
// time-limited access with a reason (ContactPoint's reason-for-access; Wirral 2022 s.7.2: personal
// information is accessed only by those working with the individual or having a need to know); the
// pack says whether it is granted at once or needs a designated manager's approval (Haringey 2006
// s.4.6, s.8.3), for how long, and who approves. The child's lead agency sees it at once and
// reviews it afterwards. Pure rules; the use cases in src/use-cases/break-glass/ apply them.
import { z } from 'zod';
import { addDaysToDate, type IsoDate } from './clocks.ts';
import { isRealDate } from './dates.ts';
import { hasControlCharacter } from './input.ts';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.ts';
import type { Pack } from './protocol/pack.ts';
import { type Actor, hasRole, type Role } from './staff.ts';

export const BREAK_GLASS_GRANTS = ['immediate', 'lead_approval'] as const;
export type BreakGlassGrant = (typeof BREAK_GLASS_GRANTS)[number];

export interface BreakGlassRule {
  grant: BreakGlassGrant;
  hours: number;
  approverRoles: Role[];
  clause: string;
}

/** The pack's break-glass rule (the national baseline sets it; every pack extends the baseline). */
export const breakGlassRule = (pack: Pick<Pack, 'breakGlass'>): BreakGlassRule => pack.breakGlass;

export type BreakGlassStatus = 'requested' | 'granted' | 'refused';

/** Roles of the child's lead agency who see and review break-glass access (its safeguarding and IG leads). */
export const BREAK_GLASS_REVIEWER_ROLES: readonly Role[] = ['designated_safeguarding_lead', 'spoc', 'ig_lead'];

const reasonText = z
  .string({ error: 'Enter why you need access to this child’s record' })
  .trim()
  .min(20, 'Enter why you need access in at least 20 characters, for example what has happened and what you need to know')
  .max(1000, 'The reason must be 1000 characters or fewer')
  .refine((v) => !hasControlCharacter(v), 'The reason contains a character that is not allowed');

/** A request: the child by NHS number and date of birth together (ADR 0042), and the reason. */
export const breakGlassRequestSchema = z.object({
  nhsNumber: z
    .string({ error: 'Enter the NHS number' })
    .trim()
    .min(1, 'Enter the NHS number')
    // One message per field: an empty field is not also "not valid".
    .refine((v) => v === '' || isValidNhsNumber(v), 'Enter a valid 10-digit NHS number, like 999 000 0018')
    .transform((v) => normaliseNhsNumber(v) ?? v),
  dateOfBirth: z
    .string({ error: 'Enter the date of birth' })
    .min(1, 'Enter the date of birth')
    .refine((v) => v === '' || isRealDate(v), 'Date of birth must be a real date, for example 27 3 2015'),
  reason: reasonText,
});
export type BreakGlassRequest = z.infer<typeof breakGlassRequestSchema>;

/** When a grant made at `at` ends. */
export const breakGlassExpiry = (at: Date, hours: number): Date => new Date(at.getTime() + hours * 3_600_000);

/** Who approves a request, where the pack asks for approval: a holder of one of its approver roles in
 *  the requester's own agency (its designated manager, Haringey 2006 s.8.3), never the requester. */
export const canDecideBreakGlass = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, rule: Pick<BreakGlassRule, 'approverRoles'>, request: { agencyId: string; requestedBy: string }): boolean =>
  actor.agencyId === request.agencyId && actor.userId !== request.requestedBy && hasRole(actor, ...rule.approverRoles);

/** Who reviews a grant: a lead (safeguarding or IG) of an agency that holds the child's record. */
export const canReviewBreakGlass = (actor: Pick<Actor, 'agencyId' | 'roles'>, leadAgencyIds: readonly string[]): boolean =>
  leadAgencyIds.includes(actor.agencyId) && hasRole(actor, ...BREAK_GLASS_REVIEWER_ROLES);

export const BREAK_GLASS_REVIEW_OUTCOMES = ['appropriate', 'not_appropriate'] as const;
export const breakGlassReviewLabels: Record<(typeof BREAK_GLASS_REVIEW_OUTCOMES)[number], string> = { appropriate: 'Appropriate', not_appropriate: 'Not appropriate' };

/** The lead agency's review: appropriate or not, with a note (required when not appropriate); not
 *  appropriate may open a breach report in the breach register. */
export const breakGlassReviewSchema = z
  .object({
    outcome: z.enum(BREAK_GLASS_REVIEW_OUTCOMES, { error: 'Select whether the access was appropriate' }),
    note: z
      .string()
      .trim()
      .max(1000, 'The note must be 1000 characters or fewer')
      .refine((v) => !hasControlCharacter(v), 'The note contains a character that is not allowed')
      .optional()
      .transform((v) => (v ? v : null)),
    reportBreach: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'not_appropriate' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Enter why the access was not appropriate' });
    if (v.reportBreach && v.outcome !== 'not_appropriate') ctx.addIssue({ code: 'custom', path: ['reportBreach'], message: 'Only access that was not appropriate can be reported as a breach' });
  });

// --- unusual access ---------------------------------------------------------------------------

/** The floor and multiple of the unusual-rate rule (ADR 0051). */
export const UNUSUAL_RATE = { floor: 20, multiple: 5, days: 28 } as const;

/** The median of a list of counts (0 for none). */
export function median(counts: readonly number[]): number {
  if (counts.length === 0) return 0;
  const sorted = [...counts].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How many views in a day are unusual for one person: more than max(20, 5 × the median of their
 *  daily views over the previous 28 days, days without views counting as 0). */
export function unusualViewThreshold(previousDays: readonly number[]): number {
  const days = [...previousDays.slice(-UNUSUAL_RATE.days)];
  while (days.length < UNUSUAL_RATE.days) days.push(0);
  return Math.max(UNUSUAL_RATE.floor, UNUSUAL_RATE.multiple * median(days));
}

/** Whether today's views are far above the person's usual rate. */
export const isUnusualViewRate = (today: number, previousDays: readonly number[]): boolean => today > unusualViewThreshold(previousDays);

/** One person's views on `today` and on each of the 28 days before it (0 where there were none). */
export function viewHistory(counts: readonly { day: string; views: number }[], today: IsoDate): { today: number; previous: number[] } {
  const byDay = new Map(counts.map((c) => [c.day, c.views]));
  const previous = Array.from({ length: UNUSUAL_RATE.days }, (_, i) => byDay.get(addDaysToDate(today, i - UNUSUAL_RATE.days)) ?? 0);
  return { today: byDay.get(today) ?? 0, previous };
}

// --- oversight --------------------------------------------------------------------------------

/** Who reviews an agency's use of break-glass from the command line (`concord break-glass`): its
 *  reviewers (BREAK_GLASS_REVIEWER_ROLES), its Caldicott guardian and its administrators. */
export const BREAK_GLASS_OVERSIGHT_ROLES: readonly Role[] = [...new Set<Role>([...BREAK_GLASS_REVIEWER_ROLES, 'caldicott_guardian', 'administrator'])];

export const mayOverseeBreakGlass = (actor: Pick<Actor, 'roles'>): boolean => hasRole(actor, ...BREAK_GLASS_OVERSIGHT_ROLES);
