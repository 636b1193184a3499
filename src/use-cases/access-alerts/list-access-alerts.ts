// The unusual-access alerts of the actor's agency, for its reviewers (ADR 0085): open ones, or all.
// Never the alerts about the actor themselves. Reading the list is audited.
import { listAccessAlerts } from '../../db/queries/access-alerts.ts';
import { mayReviewAccessAlerts } from '../../domain/access-alerts.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { forbidden, type Outcome, ok } from '../kernel/outcome.ts';

export type AccessAlertListRow = Awaited<ReturnType<typeof listAccessAlerts>>[number];

export async function listAgencyAccessAlerts(deps: Deps, actor: Actor, opts: { all?: boolean } = {}): Promise<Outcome<AccessAlertListRow[]>> {
  if (!mayReviewAccessAlerts(actor)) return forbidden('Only the agency’s safeguarding and information governance leads, Caldicott guardian and administrators see access alerts.');
  return deps.db.transaction().execute(async (trx) => {
    const rows = await listAccessAlerts(trx, actor.partnershipId, actor.agencyId, actor.userId, Boolean(opts.all));
    await appendAudit(trx, auditActor(actor), { action: 'access-alert.listed', subjectType: 'access-alert', details: { count: rows.length, all: Boolean(opts.all) } });
    return ok(rows);
  });
}
