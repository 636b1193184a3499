// Unusual-access alerts as records (issue 11 part 5; ADR 0051, ADR 0085): the hourly job finds a
// person whose views of children's records are far above their usual rate (break-glass.ts) and
// opens an alert for their agency. The agency's information governance lead, Caldicott guardian,
// safeguarding lead, SPoC and administrators see it (Sandwell 2022 App. 1: the lead information
// officer oversees the agency's compliance; Wirral 2022 s.7.2 misuse is for the agency to act on),
// acknowledge it while they look into it, and close it with a note of what they found.
// The person the alert is about never sees it. Pure rules.
import { z } from 'zod';
import { BREAK_GLASS_REVIEWER_ROLES } from './break-glass.ts';
import { hasControlCharacter } from './input.ts';
import { type Actor, hasRole, type Role } from './staff.ts';

export const ACCESS_ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type AccessAlertStatus = (typeof ACCESS_ALERT_STATUSES)[number];

export const accessAlertStatusLabels: Record<AccessAlertStatus, string> = { open: 'New', acknowledged: 'Being looked into', closed: 'Closed' };

/** Who in the person's agency is told and may open the alert. */
export const ACCESS_ALERT_ROLES: readonly Role[] = [...new Set<Role>([...BREAK_GLASS_REVIEWER_ROLES, 'caldicott_guardian', 'administrator'])];

export const mayReviewAccessAlerts = (actor: Pick<Actor, 'roles'>): boolean => hasRole(actor, ...ACCESS_ALERT_ROLES);

/** An alert is for its agency's reviewers, never for the person it is about. */
export const canSeeAccessAlert = (actor: Pick<Actor, 'roles' | 'agencyId' | 'userId'>, alert: { agencyId: string; userId: string }): boolean =>
  mayReviewAccessAlerts(actor) && actor.agencyId === alert.agencyId && actor.userId !== alert.userId;

export type AccessAlertAction = 'acknowledge' | 'close';

/** The next status, or why the action cannot be taken now. */
export function accessAlertTransition(status: AccessAlertStatus, action: AccessAlertAction): { to: AccessAlertStatus } | { error: string } {
  if (status === 'closed') return { error: 'This alert is already closed.' };
  if (action === 'acknowledge') return status === 'open' ? { to: 'acknowledged' } : { error: 'This alert has already been acknowledged.' };
  return { to: 'closed' };
}

/** The note: optional when acknowledging, required when closing (what was found, what was done). */
export const accessAlertNoteSchema = (action: AccessAlertAction) =>
  z
    .string()
    .trim()
    .max(2000, 'The note must be 2000 characters or fewer')
    .refine((v) => !hasControlCharacter(v), 'The note contains a character that is not allowed')
    .refine((v) => action !== 'close' || v.length > 0, 'Enter what you found and what was done before closing the alert')
    .transform((v) => (v ? v : null));
