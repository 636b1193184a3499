// The correction clock job (src/domain/disclosures.ts correctionClock; Southampton 2010 s.9,
// Haringey 2006 s.3.8(a)): a reported inaccuracy still undecided when its time runs out is brought,
// once, to whoever the partnership's protocol makes responsible — the originator and its agency's
// leads, and/or the agency that reported it. Idempotent: the claim on `reminded_at` decides who
// sends it. A protocol that sets no clock leaves the report alone.
import { randomUUID } from 'node:crypto';
import { markCorrectionReminded, undecidedReports } from '../../db/queries/corrections.ts';
import { CORRECTION_DECISION_WITHIN, correctionClock } from '../../domain/disclosures.ts';
import { packRef } from '../../domain/protocol/pack.ts';
import { AGENCY_LEAD_ROLES } from '../../domain/staff.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';

const DAY_MS = 86_400_000;

export async function remindUndecidedCorrections(deps: Deps, batch = 200): Promise<{ reminded: number }> {
  const now = deps.now();
  let reminded = 0;
  // Only partnerships whose protocol sets the clock; and a working day is never shorter than a
  // calendar day, so nothing reported within the last five days can be due yet.
  const clocked = deps.packs
    .all()
    .filter((p) => correctionClock(p, now))
    .map(packRef);
  const candidates = await undecidedReports(deps.db, clocked, new Date(now.getTime() - CORRECTION_DECISION_WITHIN.amount * DAY_MS), batch);
  for (const c of candidates) {
    const clock = correctionClock(deps.packs.get(c.pack)!, c.reported_at);
    if (!clock || clock.dueAt > now) continue;
    await deps.db.transaction().execute(async (trx) => {
      if (!(await markCorrectionReminded(trx, c.partnership_id, c.id, now))) return;
      const link = `/corrections/${c.id}`;
      if (clock.remindOriginator)
        await notify(trx, now, c.partnership_id, 'correction.overdue', link, { userIds: [c.originator_user_id], agency: { agencyId: c.originator_agency_id, roles: AGENCY_LEAD_ROLES } });
      if (clock.tellReporter)
        await notify(trx, now, c.partnership_id, 'correction.unanswered', link, { userIds: [c.reported_by], agency: { agencyId: c.reporting_agency_id, roles: AGENCY_LEAD_ROLES } });
      await appendAudit(
        trx,
        { partnershipId: c.partnership_id, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
        {
          action: 'correction.reminded',
          subjectType: 'correction',
          subjectId: c.id,
          childId: c.child_id,
          details: { dueAt: clock.dueAt.toISOString(), originator: clock.remindOriginator, reporter: clock.tellReporter },
        },
      );
      reminded++;
    });
  }
  return { reminded };
}
