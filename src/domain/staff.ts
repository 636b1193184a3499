// Staff roles as the protocols name them (Southampton s.18; Wirral s.3; Sandwell s.4).
// `manager`: the responsible manager in each partner (Wirral 2022 App. 2 s.5.1; Haringey 2006 s.8.3
// "designated senior managers").
export const ROLES = ['practitioner', 'designated_safeguarding_lead', 'spoc', 'ig_lead', 'caldicott_guardian', 'manager', 'partnership_manager', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const roleLabels: Record<Role, string> = {
  practitioner: 'Practitioner',
  designated_safeguarding_lead: 'Designated safeguarding lead',
  spoc: 'Single point of contact',
  ig_lead: 'Information governance lead or data protection officer',
  caldicott_guardian: 'Caldicott guardian',
  manager: 'Responsible manager',
  partnership_manager: 'Partnership manager',
  administrator: 'Administrator',
};

export const SECTORS = ['local_authority', 'police', 'health', 'education', 'probation', 'youth_justice', 'voluntary', 'housing', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

/** Statutory safeguarding partners (Children Act 2004 s.16E) or relevant agencies (s.16G). */
export const AGENCY_KINDS = ['statutory_partner', 'relevant_agency'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Who is acting: resolved from a session or an API key, bound to one partnership and agency. */
export interface Actor {
  userId: string;
  partnershipId: string;
  agencyId: string;
  roles: readonly Role[];
  via: 'web' | 'api' | 'cli' | 'job';
  correlationId: string;
}

export function hasRole(actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** An agency's leads: its single point of contact and its designated safeguarding lead, who manage
 *  the information arriving at and leaving the agency (Wirral 2022 s.3.6, s.5.5 "SPoC or lead officer"). */
export const AGENCY_LEAD_ROLES: readonly Role[] = ['spoc', 'designated_safeguarding_lead'];

export const isAgencyLead = (actor: Pick<Actor, 'roles'>): boolean => hasRole(actor, ...AGENCY_LEAD_ROLES);
