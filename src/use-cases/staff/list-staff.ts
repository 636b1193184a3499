// The staff an administrator manages: their own agency's (an agency administrator) or every
// agency's (the partnership manager), with each person's checks and training status and the roles
// each agency has not yet named. The agency's leads (SPoC, designated safeguarding lead) see their
// own agency's list too, to know who is untrained or unchecked (Wirral 2022 App. 2 s.7.1; Sandwell
// 2022 s.10.1). No child's data; the list is audited as a read of staff data.
import { agenciesOf, latestStaffChecks, listStaffUsers } from '../../db/queries/staff.ts';
import { londonDate } from '../../domain/dates.ts';
import { type CheckStatus, checkStatus, hasRoleToSeeAll, isStaffAdministrator, missingRoles, STAFF_CHECK_KINDS, type StaffCheckKind } from '../../domain/people.ts';
import { type Actor, isAgencyLead, type Role } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { forbidden, type Outcome, ok } from '../kernel/outcome.ts';

export interface StaffListRow {
  id: string;
  email: string;
  displayName: string;
  jobTitle: string | null;
  agencyId: string;
  agencyName: string;
  roles: Role[];
  active: boolean;
  lastSignInAt: Date | null;
  checks: Record<StaffCheckKind, { status: CheckStatus; expiresOn: string | null }>;
}

export interface StaffList {
  staff: StaffListRow[];
  /** Agencies (in scope) and the roles the protocols require that no active member holds. */
  agencies: { id: string; name: string; membership: string; missingRoles: Role[] }[];
}

/** `filter.attention`: only people whose checks or training are missing, expired or due (the expiry report). */
export async function listStaff(deps: Deps, actor: Actor, filter: { agencyId?: string; attention?: boolean } = {}): Promise<Outcome<StaffList>> {
  if (!isStaffAdministrator(actor) && !isAgencyLead(actor)) return forbidden('Only administrators, the partnership manager and an agency’s leads see its staff.');
  const agencyId = hasRoleToSeeAll(actor) ? filter.agencyId || undefined : actor.agencyId;
  const today = londonDate(deps.now());
  return deps.db.transaction().execute(async (trx) => {
    const [rows, checks, agencies] = await Promise.all([
      listStaffUsers(trx, actor.partnershipId, agencyId),
      latestStaffChecks(trx, actor.partnershipId, agencyId),
      agenciesOf(trx, actor.partnershipId),
    ]);
    const latest = new Map(checks.map((c) => [`${c.user_id}:${c.kind}`, c]));
    const staff = rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      jobTitle: r.job_title,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      roles: r.roles as Role[],
      active: r.active,
      lastSignInAt: r.last_sign_in_at,
      checks: Object.fromEntries(
        STAFF_CHECK_KINDS.map((k) => {
          const c = latest.get(`${r.id}:${k}`);
          return [k, { status: r.active ? checkStatus(c && { expiresOn: c.expires_on }, today) : 'missing', expiresOn: c?.expires_on ?? null }];
        }),
      ) as StaffListRow['checks'],
    }));
    const shown = filter.attention ? staff.filter((s) => s.active && Object.values(s.checks).some((c) => c.status !== 'current')) : staff;
    const inScope = agencies.filter((a) => !agencyId || a.id === agencyId);
    await appendAudit(trx, auditActor(actor), {
      action: 'staff.listed',
      subjectType: 'staff_user',
      details: { agencyId: agencyId ?? null, attention: Boolean(filter.attention), count: shown.length },
    });
    return ok({
      staff: shown,
      agencies: inScope.map((a) => ({
        id: a.id,
        name: a.name,
        membership: a.membership,
        missingRoles:
          a.membership === 'left'
            ? []
            : missingRoles(
                staff.filter((s) => s.agencyId === a.id && s.active).map((s) => s.roles),
                a.sector,
              ),
      })),
    });
  });
}
