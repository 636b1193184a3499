// Complaints about the use or disclosure of personal information. Each agency deals with them under
// its own procedure (Southampton 2010 s.14; Sandwell 2022 s.13.1), notified to the information
// governance team of the organisation concerned (Derby 2015 s.5 para. 5); complaints about
// inappropriate disclosure and their outcomes are collated and reviewed regularly (Sandwell 2022
// s.13.4). Pure rules: who handles a complaint, when its response is due, who may see it.
import { z } from 'zod';
import { deadline, londonInstant } from './clocks.ts';
import { optionalId, requiredText } from './fields.ts';
import type { Duration, Pack } from './protocol/pack.ts';
import { type Actor, hasRole, type Role } from './staff.ts';

export const COMPLAINT_STATUSES = ['open', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINANTS = ['child_or_young_person', 'parent_or_carer', 'family_member', 'professional', 'other'] as const;
export const complainantLabels: Record<(typeof COMPLAINANTS)[number], string> = {
  child_or_young_person: 'The child or young person',
  parent_or_carer: 'A parent or carer',
  family_member: 'Another family member',
  professional: 'A professional',
  other: 'Someone else',
};

export const COMPLAINT_OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld', 'withdrawn'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];
export const complaintOutcomeLabels: Record<ComplaintOutcome, string> = {
  upheld: 'Upheld',
  partly_upheld: 'Partly upheld',
  not_upheld: 'Not upheld',
  withdrawn: 'Withdrawn by the complainant',
};

export interface ComplaintRules {
  handledBy: Role[];
  respondWithin: Duration;
  clause: string;
}

/** The pack's complaint rules; Concord's defaults (20 working days, the IG lead) for a pack without them. */
export function complaintRules(pack: Pack): ComplaintRules {
  return pack.complaints ?? { handledBy: ['ig_lead'], respondWithin: { amount: 20, unit: 'working_days' }, clause: 'Concord default (each agency’s own complaints procedure)' };
}

/** The response is due the set time after the complaint was received (from the start of that day). */
export const responseDueAt = (rules: ComplaintRules, receivedOn: string): Date => deadline(londonInstant(receivedOn, { hour: 9 }), rules.respondWithin);

/** The complained-about agency's handlers, and whoever recorded it, see a complaint; so do the
 *  register's keepers. */
export function canSeeComplaint(actor: Pick<Actor, 'agencyId' | 'roles' | 'userId'>, c: { agencyId: string; recordedBy: string }, rules: ComplaintRules, registerRoles: Role[]): boolean {
  return actor.userId === c.recordedBy || (actor.agencyId === c.agencyId && hasRole(actor, ...rules.handledBy)) || hasRole(actor, ...registerRoles);
}
export const canRespondToComplaint = (actor: Pick<Actor, 'agencyId' | 'roles'>, c: { agencyId: string }, rules: ComplaintRules) => actor.agencyId === c.agencyId && hasRole(actor, ...rules.handledBy);

/** A real calendar date written as YYYY-MM-DD (2026-02-31 is refused). */
const realDate = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
const isoDate = z
  .string({ error: 'Enter the date the complaint was received' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-11-30')
  .refine(realDate, 'Enter a real date, like 2026-11-30');

export const recordComplaintSchema = z.object({
  agencyId: z.string({ error: 'Select the agency the complaint is about' }).trim().min(1, 'Select the agency the complaint is about'),
  complainant: z.enum(COMPLAINANTS, { error: 'Select who made the complaint' }),
  receivedOn: isoDate,
  childId: optionalId(),
  requestId: optionalId(),
  disclosureId: optionalId(),
  decisionId: optionalId(),
  summary: requiredText('Say what the complaint is about'),
});
export type RecordComplaintInput = z.input<typeof recordComplaintSchema>;

export const respondComplaintSchema = z.object({
  outcome: z.enum(COMPLAINT_OUTCOMES, { error: 'Select the outcome' }),
  respondedOn: z
    .string({ error: 'Enter the date of the response' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-11-30')
    .refine(realDate, 'Enter a real date, like 2026-11-30'),
  response: requiredText('Say how the complaint was answered'),
});
export type RespondComplaintInput = z.input<typeof respondComplaintSchema>;
