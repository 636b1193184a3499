// One unusual-access alert, for its agency's reviewers (ADR 0085): anyone else, and the person it
// is about, get not found, audited. Opening it reads the notification that pointed here.
import type { AccessAlertRow } from '../../db/queries/access-alerts.ts';
import { canSeeAccessAlert } from '../../domain/access-alerts.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { ACCESS_ALERT, reach } from '../kernel/gateway.ts';
import { readNotificationsAbout } from '../kernel/notify.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';

export async function viewAccessAlert(deps: Deps, actor: Actor, id: string): Promise<Outcome<AccessAlertRow>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, ACCESS_ALERT, id, 'access-alert.viewed', (r) => canSeeAccessAlert(actor, { agencyId: r.agency_id, userId: r.user_id }));
    if (!row) return notFound;
    await appendAudit(trx, auditActor(actor), { action: 'access-alert.viewed', subjectType: 'access-alert', subjectId: row.id });
    await readNotificationsAbout(trx, actor, `/access-alerts/${row.id}`, deps.now());
    return ok(row);
  });
}
