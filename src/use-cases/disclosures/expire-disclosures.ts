// The expiry job: information not opened by its expiry time (pack `disclosures.expireUnopenedAfter`)
// is marked expired and its data key destroyed; the sender is told, and can send it again.
import { randomUUID } from 'node:crypto';
import { disclosuresDueToExpire, expireAndShred } from '../../db/queries/disclosures.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';

export async function expireDisclosures(deps: Deps, batch = 200): Promise<{ expired: number }> {
  const now = deps.now();
  let expired = 0;
  for (const d of await disclosuresDueToExpire(deps.db, now, batch)) {
    await deps.db.transaction().execute(async (trx) => {
      // Only if it is still unopened: an opening may have committed meanwhile.
      if (!(await expireAndShred(trx, d.partnership_id, d.id, now))) return;
      await appendAudit(
        trx,
        { partnershipId: d.partnership_id, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
        { action: 'disclosure.expired', subjectType: 'disclosure', subjectId: d.id, childId: d.child_id, details: { shredded: true } },
      );
      await notify(trx, now, d.partnership_id, 'disclosure.expired', `/disclosures/${d.id}`, { userIds: [d.from_user_id] });
      expired++;
    });
  }
  return { expired };
}
