// The retention job: for each partnership, each disposable kind's rule in its pack's retention
// schedule (pack `retentionSchedule`) gives a cut-off date; every record whose starting event is
// on or before it joins the disposition review of the agency whose IG lead decides (the holder, or
// for information received the recipient — Southampton 2010 s.8; Derby & Derbyshire 2015 s.5
// para. 3). Nothing is disposed of here: an IG lead must approve (Wirral 2022 App. 2 s.8.1–8.2).
// Deferrals whose date has passed return to the review. Idempotent; one transaction per kind.
import { randomUUID } from 'node:crypto';
import { type DueKind, listDueForReview, partnershipsWithPacks, reopenDeferrals } from '../../db/queries/retention.ts';
import { DISPOSABLE_KINDS, dueCutoff, ruleFor } from '../../domain/retention.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';

export async function findRecordsDue(deps: Deps, options: { limitPerKind?: number } = {}): Promise<{ found: Record<DueKind, number>; reopened: number }> {
  const now = deps.now();
  const limit = options.limitPerKind ?? 50_000;
  const found: Record<DueKind, number> = { decision: 0, request: 0, disclosure_received: 0, audit_details: 0 };
  const reopened = await reopenDeferrals(deps.db, now);
  for (const p of await partnershipsWithPacks(deps.db)) {
    const schedule = deps.packs.get(p.pack)?.retentionSchedule;
    // A pack stored before schedules existed disposes of nothing until the partnership adopts one.
    if (!schedule) continue;
    for (const kind of DISPOSABLE_KINDS) {
      const rule = ruleFor(schedule, kind)!;
      const months = (rule.keepFor.unit === 'years' ? rule.keepFor.amount * 12 : rule.keepFor.amount) + (rule.from === 'child_25th_birthday' ? 300 : 0);
      await deps.db.transaction().execute(async (trx) => {
        const n = await listDueForReview(trx, kind, {
          partnershipId: p.id,
          pack: p.pack,
          clause: rule.clause,
          from: rule.from,
          cutoff: dueCutoff(rule, now),
          // For the 25th birthday the stored start is the date of birth.
          months,
          owner: rule.owner === 'holder' ? 'holder' : 'recipient',
          now,
          limit,
        });
        if (n > 0) {
          found[kind] += n;
          await appendAudit(
            trx,
            { partnershipId: p.id, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
            { action: 'disposal.records-due', subjectType: 'disposal-review', details: { kind, count: n, rule: rule.clause } },
          );
        }
      });
    }
  }
  return { found, reopened };
}
