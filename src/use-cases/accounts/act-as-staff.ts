// The CLI acts for a named member of staff (`--as EMAIL`): their account, active, in one
// partnership (named with `--partnership` when they work in several). What they may see and do is
// then exactly what the web pages would allow them, and every step is audited as `via: cli`.
import { randomUUID } from 'node:crypto';
import { findStaffByEmail } from '../../db/queries/staff.ts';
import { type Actor, ROLES, type Role } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { invalid, type Outcome, ok } from '../kernel/outcome.ts';

export async function actAsStaff(deps: Deps, input: { email: string; partnership?: string }): Promise<Outcome<Actor>> {
  const accounts = (await findStaffByEmail(deps.db, input.email)).filter((s) => s.active);
  const wanted = input.partnership?.trim().toLowerCase();
  const matching = wanted ? accounts.filter((s) => s.partnership_id === wanted || s.partnership_name.toLowerCase() === wanted) : accounts;
  if (matching.length === 0) return invalid([{ path: 'as', message: `No active account has the e-mail address ${input.email}${wanted ? ' in that partnership' : ''}` }]);
  if (matching.length > 1) return invalid([{ path: 'partnership', message: `${input.email} works in ${matching.length} partnerships: name one with --partnership (its name or id)` }]);
  const s = matching[0]!;
  return ok({
    userId: s.id,
    partnershipId: s.partnership_id,
    agencyId: s.agency_id,
    roles: s.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    via: 'cli',
    correlationId: randomUUID(),
  });
}
