// The breach register. The partnership manager sees every breach in the partnership (metadata:
// agencies, dates, grade, clocks — Sandwell 2022 s.13.4 "collate details of all breaches … and
// review them regularly"; Southampton 2010 s.13 central register); IG leads and Caldicott guardians
// see the breaches their agency is party to; anyone sees the ones they reported.
import { type BreachListRow, listBreaches } from '../../db/queries/breaches.ts';
import { canSeeRegister } from '../../domain/breaches.ts';
import { type Actor, hasRole } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';

export type { BreachListRow };

export interface BreachRegister {
  scope: 'partnership' | 'agency' | 'own';
  rows: BreachListRow[];
}

export async function listBreachRegister(deps: Deps, actor: Actor): Promise<BreachRegister> {
  const scope = canSeeRegister(actor) ? 'partnership' : hasRole(actor, 'ig_lead', 'caldicott_guardian') ? 'agency' : 'own';
  return deps.db.transaction().execute(async (trx) => {
    const rows = await listBreaches(
      trx,
      actor.partnershipId,
      { agencyId: scope === 'partnership' ? null : scope === 'agency' ? actor.agencyId : null, reportedBy: scope === 'partnership' ? null : actor.userId },
      deps.now(),
    );
    await appendAudit(trx, auditActor(actor), { action: 'breach.register-viewed', subjectType: 'breach', details: { scope, count: rows.length } });
    return { scope, rows };
  });
}
