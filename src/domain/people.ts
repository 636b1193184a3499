// People and roles a partnership runs (issue 11): who administers whom, which roles can be given,
// separation of duties, an agency's membership of the partnership, and staff checks and training.
// Pure rules; the use cases in src/use-cases/staff/ and src/use-cases/partnerships/ apply them.
import { z } from 'zod';
import { isRealDate } from './dates.ts';
import { hasControlCharacter } from './input.ts';
import { type Actor, hasRole, ROLES, type Role, roleLabels } from './staff.ts';

// --- who administers staff --------------------------------------------------------------------

/** An agency's administrator manages its own staff; the partnership manager onboards any agency's. */
export function canAdministerStaffOf(actor: Pick<Actor, 'agencyId' | 'roles'>, agencyId: string): boolean {
  return hasRole(actor, 'partnership_manager') || (hasRole(actor, 'administrator') && actor.agencyId === agencyId);
}

/** The partnership manager sees every agency's staff; an agency administrator only their own. */
export const hasRoleToSeeAll = (actor: Pick<Actor, 'roles'>): boolean => hasRole(actor, 'partnership_manager');

/** Whether the actor administers anyone's staff (shows the Staff pages). */
export const isStaffAdministrator = (actor: Pick<Actor, 'roles'>): boolean => hasRole(actor, 'administrator', 'partnership_manager');

/** The roles the actor may give: the partnership manager any; an agency administrator any but
 *  partnership manager (a partnership-wide role is the partnership's to give). */
export function assignableRoles(actor: Pick<Actor, 'roles'>): Role[] {
  if (hasRole(actor, 'partnership_manager')) return [...ROLES];
  if (hasRole(actor, 'administrator')) return ROLES.filter((r) => r !== 'partnership_manager');
  return [];
}

/** The roles the protocols require each partner agency to name (Wirral 2022 App. 2 s.4.3 SPoC,
 *  s.5.1 responsible manager; Sandwell 2022 App. 1 lead information officer; Haringey 2006 s.8.3
 *  designated senior managers; the Caldicott guardian for health). An agency without one is listed. */
export const ROLES_EACH_AGENCY_NAMES: readonly Role[] = ['spoc', 'designated_safeguarding_lead', 'ig_lead', 'manager'];

/** Which required roles no active member of an agency holds. */
export function missingRoles(staffRoles: readonly (readonly string[])[], sector: string): Role[] {
  const held = new Set(staffRoles.flat());
  const required: Role[] = [...ROLES_EACH_AGENCY_NAMES, ...(sector === 'health' ? (['caldicott_guardian'] as Role[]) : [])];
  return required.filter((r) => !held.has(r));
}

// --- separation of duties ---------------------------------------------------------------------

/** Roles that administer the system or the partnership and give no sight of children's records. */
export const ADMINISTRATION_ROLES: readonly Role[] = ['administrator', 'partnership_manager'];

/** Administration is not access (DESIGN "Security defaults"): someone who holds only administration
 *  roles sees no child's record; holding any casework role as well (practitioner, a lead, IG) does. */
export const mayWorkWithChildren = (actor: Pick<Actor, 'roles'>): boolean => actor.roles.some((r) => !ADMINISTRATION_ROLES.includes(r));

// --- a staff member's details -----------------------------------------------------------------

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .max(max, `The ${label} must be ${max} characters or fewer`)
    .refine((v) => !hasControlCharacter(v), `The ${label} contains a character that is not allowed`);

export const staffDetailsSchema = z.object({
  email: text('email address', 254)
    .transform((v) => v.toLowerCase())
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.org' })),
  displayName: text('full name', 120),
  jobTitle: z
    .string()
    .trim()
    .max(120, 'The job title must be 120 characters or fewer')
    .optional()
    .transform((v) => (v ? v : null)),
  roles: z
    .array(z.enum(ROLES, { error: 'Select roles from the list' }), { error: 'Select at least one role' })
    .min(1, 'Select at least one role')
    .transform((r) => [...new Set(r)].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b))),
});
export type StaffDetails = z.infer<typeof staffDetailsSchema>;

/** Roles the actor tried to give that are not theirs to give, as a field error message. */
export function roleAssignmentError(actor: Pick<Actor, 'roles'>, wanted: readonly Role[], current: readonly string[] = []): string | undefined {
  const allowed = new Set<string>(assignableRoles(actor));
  const refused = wanted.filter((r) => !allowed.has(r) && !current.includes(r));
  return refused.length ? `You cannot give the role${refused.length > 1 ? 's' : ''} ${refused.map((r) => roleLabels[r]).join(', ')}` : undefined;
}

/** What changed between two sets of details that ends the person's sessions and API keys
 *  (issue 11 part 2: a credential, role or status change revokes them at once). */
export const changesCredentials = (before: { email: string; roles: readonly string[] }, after: { email: string; roles: readonly string[] }): boolean =>
  before.email.toLowerCase() !== after.email.toLowerCase() || [...before.roles].sort().join() !== [...after.roles].sort().join();

// --- an agency's membership of the partnership ------------------------------------------------

export const MEMBERSHIPS = ['member', 'suspended', 'left'] as const;
export type Membership = (typeof MEMBERSHIPS)[number];
export const membershipLabels: Record<Membership, string> = { member: 'Member', suspended: 'Suspended', left: 'Left the partnership' };

export type MembershipChange = 'suspend' | 'reinstate' | 'leave';
const MEMBERSHIP_TRANSITIONS: Record<MembershipChange, { from: readonly Membership[]; to: Membership }> = {
  suspend: { from: ['member'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'member' },
  leave: { from: ['member', 'suspended'], to: 'left' },
};

/** The membership after a change, or undefined when the change cannot happen from `from` (leaving is final). */
export function membershipAfter(from: Membership, change: MembershipChange): Membership | undefined {
  const t = MEMBERSHIP_TRANSITIONS[change];
  return t.from.includes(from) ? t.to : undefined;
}

/** Why the staff of an agency with this membership cannot sign in or use API keys, or undefined
 *  when they can: a suspended or departed agency's staff are refused with a clear reason (issue 11
 *  parts 1 and 5; the partnership's membership decides, not each account). */
export function agencyAccessRefusal(membership: string): string | undefined {
  if (membership === 'suspended') return "Your agency's membership of the partnership is suspended, so its staff cannot sign in or use API keys. Ask your partnership manager.";
  if (membership === 'left') return 'Your agency has left the partnership, so its staff cannot sign in or use API keys. Ask your partnership manager.';
  return undefined;
}

/** Where a person lands after signing in: someone who only administers (no casework role, ADR 0044)
 *  goes to the staff pages, everyone else to their children. */
export const landingPage = (actor: Pick<Actor, 'roles'>): '/children' | '/staff' => (!mayWorkWithChildren(actor) && isStaffAdministrator(actor) ? '/staff' : '/children');

export const canManageAgencies = (actor: Pick<Actor, 'roles'>): boolean => hasRole(actor, 'partnership_manager');

// --- pre-employment checks and information-sharing training -----------------------------------

/** Wirral 2022 App. 2 s.7.1 (staff have had the required organisational checks); Southampton 2010
 *  s.18 items 5, 20 and Sandwell 2022 s.10.1 (staff are trained in information sharing). */
export const STAFF_CHECK_KINDS = ['pre_employment_check', 'information_sharing_training'] as const;
export type StaffCheckKind = (typeof STAFF_CHECK_KINDS)[number];
export const staffCheckLabels: Record<StaffCheckKind, string> = {
  pre_employment_check: 'Pre-employment checks',
  information_sharing_training: 'Information-sharing training',
};

/** How soon before expiry a check is shown as due for renewal. */
export const CHECK_RENEWAL_DAYS = 60;

export type CheckStatus = 'missing' | 'expired' | 'due' | 'current';
export const checkStatusLabels: Record<CheckStatus, string> = { missing: 'Not recorded', expired: 'Expired', due: 'Due for renewal', current: 'Current' };

const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A check's status on `today` (ISO dates) from its latest record. */
export function checkStatus(latest: { expiresOn: string | null } | undefined, today: string): CheckStatus {
  if (!latest) return 'missing';
  if (latest.expiresOn === null) return 'current';
  if (latest.expiresOn <= today) return 'expired';
  return latest.expiresOn <= addDays(today, CHECK_RENEWAL_DAYS) ? 'due' : 'current';
}

const isoDate = (label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a real date`)
    .refine(isRealDate, `Enter the ${label} as a real date`);

export const staffCheckSchema = z
  .object({
    kind: z.enum(STAFF_CHECK_KINDS, { error: 'Select what was completed' }),
    completedOn: isoDate('date it was completed'),
    expiresOn: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(isoDate('expiry date').nullable()),
    note: z
      .string()
      .trim()
      .max(200, 'The note must be 200 characters or fewer')
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.expiresOn && v.expiresOn <= v.completedOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The expiry date must be after the date it was completed' });
  });
export type StaffCheckInput = z.infer<typeof staffCheckSchema>;

// --- API keys ---------------------------------------------------------------------------------

/** API keys expire; the owner sees when (issue 11 part 2). */
export const API_KEY_LIFETIME_DAYS = 90;
export const apiKeyExpiresAt = (createdAt: Date): Date => new Date(createdAt.getTime() + API_KEY_LIFETIME_DAYS * 86_400_000);
export const isApiKeyLive = (k: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): boolean => !k.revokedAt && (!k.expiresAt || k.expiresAt > now);
