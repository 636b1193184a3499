// Import staff from CSV (src/domain/staff-import.ts): a dry run reports what would be added and each
// line's errors; a real run adds every line or, if any line is wrong, none (one transaction). With
// `invite`, each person added to a member agency is sent an invitation by e-mail in the same
// transaction (ADR 0084).
import { randomUUID } from 'node:crypto';
import { insertStaffUser } from '../../db/queries/partnerships.ts';
import { agenciesOf, emailInUse } from '../../db/queries/staff.ts';
import { canAdministerStaffOf, hasRoleToSeeAll, isStaffAdministrator, roleAssignmentError } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import { type LineError, readStaffCsv } from '../../domain/staff-import.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { sendInvitation } from '../kernel/invitations.ts';
import { forbidden, type Outcome, ok } from '../kernel/outcome.ts';

export interface ImportResult {
  dryRun: boolean;
  /** Whether the people were added (never on a dry run or with any error). */
  imported: boolean;
  people: { line: number; email: string; displayName: string; agency: string; roles: string[] }[];
  errors: LineError[];
  /** How many invitations were sent. */
  invited: number;
}

class Rollback extends Error {}

export async function importStaff(deps: Deps, actor: Actor, input: { csv: string; dryRun: boolean; invite?: boolean }): Promise<Outcome<ImportResult>> {
  if (!isStaffAdministrator(actor)) return forbidden('Only administrators and the partnership manager import staff.');
  const { lines, errors } = readStaffCsv(input.csv);
  const result: ImportResult = { dryRun: input.dryRun, imported: false, people: [], errors, invited: 0 };
  const now = deps.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const agencies = await agenciesOf(trx, actor.partnershipId);
      const byName = new Map(agencies.map((a) => [a.name.toLowerCase(), a]));
      const own = agencies.find((a) => a.id === actor.agencyId)!;
      for (const l of lines) {
        const agency = l.agency ? byName.get(l.agency.toLowerCase()) : own;
        if (!agency || (l.agency && !hasRoleToSeeAll(actor) && agency.id !== actor.agencyId) || !canAdministerStaffOf(actor, agency.id)) {
          errors.push({ line: l.line, message: `agency: ${l.agency ?? ''} is not an agency whose staff you manage` });
          continue;
        }
        if (agency.membership === 'left') {
          errors.push({ line: l.line, message: `agency: ${agency.name} has left the partnership` });
          continue;
        }
        const roleError = roleAssignmentError(actor, l.details.roles);
        if (roleError) {
          errors.push({ line: l.line, message: `roles: ${roleError}` });
          continue;
        }
        if (await emailInUse(trx, actor.partnershipId, l.details.email)) {
          errors.push({ line: l.line, message: `email: someone in this partnership already has ${l.details.email}` });
          continue;
        }
        result.people.push({ line: l.line, email: l.details.email, displayName: l.details.displayName, agency: agency.name, roles: l.details.roles });
        if (!input.dryRun) {
          const userId = randomUUID();
          await insertStaffUser(trx, {
            partnership_id: actor.partnershipId,
            id: userId,
            agency_id: agency.id,
            email: l.details.email,
            display_name: l.details.displayName,
            job_title: l.details.jobTitle,
            roles: l.details.roles,
            password_hash: null,
            created_at: now,
          });
          await appendAudit(trx, auditActor(actor), { action: 'staff.added', subjectType: 'staff_user', subjectId: userId, details: { agencyId: agency.id, roles: l.details.roles, imported: true } });
          if (input.invite && agency.membership === 'member') {
            if (await sendInvitation(trx, auditActor(actor), { partnershipId: actor.partnershipId, userId, email: l.details.email }, { now, publicUrl: deps.publicUrl })) result.invited++;
          }
        }
      }
      errors.sort((a, b) => a.line - b.line);
      if (input.dryRun || errors.length) throw new Rollback();
      await appendAudit(trx, auditActor(actor), { action: 'staff.imported', subjectType: 'staff_user', details: { count: result.people.length } });
    });
    result.imported = true;
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    result.invited = 0;
  }
  return ok(result);
}
