// The periodic job's step (ADR 0051): for each person who viewed children's records today, compare
// today's views with their usual rate (isUnusualViewRate) and, once a day at most, open an alert
// for their agency (ADR 0085) and tell its reviewers (ACCESS_ALERT_ROLES) — a notification with no
// personal data, linking to the alert's page — and audit the alert.
import { randomUUID } from 'node:crypto';
import { insertAccessAlert } from '../../db/queries/access-alerts.ts';
import { dailyChildViews, unusualRateAlerted } from '../../db/queries/unusual-access.ts';
import { ACCESS_ALERT_ROLES } from '../../domain/access-alerts.ts';
import { isUnusualViewRate, UNUSUAL_RATE, unusualViewThreshold, viewHistory } from '../../domain/break-glass.ts';
import { addDaysToDate, londonDateOf } from '../../domain/clocks.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';

export async function alertUnusualAccess(deps: Deps, correlationId: string): Promise<number> {
  const now = deps.now();
  const today = londonDateOf(now);
  const rows = await dailyChildViews(deps.db, addDaysToDate(today, -UNUSUAL_RATE.days), today);
  const people = new Map<string, typeof rows>();
  for (const r of rows) people.set(`${r.partnership_id}/${r.user_id}`, [...(people.get(`${r.partnership_id}/${r.user_id}`) ?? []), r]);
  let alerted = 0;
  for (const counts of people.values()) {
    const { partnership_id: partnershipId, user_id: userId } = counts[0]!;
    const agencyId = counts.find((c) => c.day === today)?.agency_id ?? counts[0]!.agency_id;
    const history = viewHistory(counts, today);
    if (!isUnusualViewRate(history.today, history.previous)) continue;
    await deps.db.transaction().execute(async (trx) => {
      if (await unusualRateAlerted(trx, partnershipId, userId, today)) return;
      const alertId = randomUUID();
      const threshold = unusualViewThreshold(history.previous);
      if (!(await insertAccessAlert(trx, { partnershipId, id: alertId, agencyId, userId, day: today, views: history.today, threshold, at: now }))) return;
      await appendAudit(
        trx,
        { partnershipId, userId: null, agencyId: null, via: 'system', correlationId },
        {
          action: 'access.unusual-rate-alerted',
          subjectType: 'staff_user',
          subjectId: userId,
          details: { day: today, views: history.today, threshold, agencyId, alertId },
        },
      );
      await notify(trx, now, partnershipId, 'access.unusual-rate', `/access-alerts/${alertId}`, { agency: { agencyId, roles: ACCESS_ALERT_ROLES } }, userId);
      alerted++;
    });
  }
  return alerted;
}
