// The job that moves a partnership to the pack version its parties agreed, on the agreed date
// (ADR 0088): the agreement and the partnership take the new version, the change is in effect,
// and each move is audited with the versions it moved between. Records keep the `pack@version`
// they were made under; decisions started before the move finish under the version they started
// with (`decisionPack`). Runs often: a move already made is not made again.
import { randomUUID } from 'node:crypto';
import { applyMove, dueMoves, signatureRegister } from '../../db/queries/agreements.ts';
import { staffWithRoles } from '../../db/queries/breaches.ts';
import { signingRoles } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';

export async function applyPackMoves(deps: Deps): Promise<{ moved: number }> {
  const now = deps.now();
  const today = londonDateOf(now);
  let moved = 0;
  for (const a of await dueMoves(deps.db, today)) {
    await deps.db.transaction().execute(async (trx) => {
      const done = await applyMove(trx, a.partnership_id, a.id, today, now);
      if (!done) return;
      const pack = deps.packs.get(done.to);
      const link = `/partnership/agreements/${a.id}`;
      await notify(trx, now, a.partnership_id, 'agreement.version-moved', link, { userIds: await staffWithRoles(trx, a.partnership_id, ['partnership_manager']) });
      if (pack)
        for (const p of await signatureRegister(trx, a.partnership_id, a.id))
          await notify(trx, now, a.partnership_id, 'agreement.version-moved', link, { agency: { agencyId: p.agency_id, roles: signingRoles(pack) } });
      await appendAudit(
        trx,
        { partnershipId: a.partnership_id, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
        { action: 'agreement.version-moved', subjectType: 'agreement', subjectId: a.id, details: { fromPack: done.from, toPack: done.to, changeId: done.changeId, on: today } },
      );
      moved++;
    });
  }
  return { moved };
}
