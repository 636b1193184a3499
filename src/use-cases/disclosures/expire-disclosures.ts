// The expiry job: information not opened by its expiry time (pack `disclosures.expireUnopenedAfter`)
// is marked expired and its data key destroyed; the sender is told, and can send it again.
import { randomUUID } from 'node:crypto';
import { auditValues } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { shredDisclosureKey } from './_payload.ts';
import { notify } from '../kernel/notify.ts';

export async function expireDisclosures(deps: Deps, batch = 200): Promise<{ expired: number }> {
  const now = deps.now();
  const due = await deps.db
    .selectFrom('disclosure')
    .select(['partnership_id', 'id', 'child_id', 'from_user_id'])
    .where('status', '=', 'sent')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(batch)
    .execute();
  let expired = 0;
  for (const d of due) {
    await deps.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('disclosure')
        .set({ status: 'expired', expired_at: now })
        .where('partnership_id', '=', d.partnership_id)
        .where('id', '=', d.id)
        .where('status', '=', 'sent')
        .returning('id')
        .execute();
      if (!claimed.length) return;
      await shredDisclosureKey(trx, d.partnership_id, d.id);
      await trx
        .insertInto('audit_event')
        .values(
          auditValues(
            { partnershipId: d.partnership_id, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
            { action: 'disclosure.expired', subjectType: 'disclosure', subjectId: d.id, childId: d.child_id, details: { shredded: true } },
          ),
        )
        .execute();
      await notify(trx, now, d.partnership_id, 'disclosure.expired', `/disclosures/${d.id}`, { userIds: [d.from_user_id] });
      expired++;
    });
  }
  return { expired };
}
