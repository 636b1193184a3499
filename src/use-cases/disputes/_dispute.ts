// Shared steps of the dispute use cases: the pack's rules for a dispute, its parties, reaching it
// through the gateway, and recording each step of its history (sealed notes) with its audit event.
import { randomUUID } from 'node:crypto';
import { type DisputeRow, insertDisputeEvent, staffWithRoles } from '../../db/queries/disputes.ts';
import { type DisputeParties, type DisputeRules, type DisputeStage, disputeRules, PARTNERSHIP_ROLES } from '../../domain/disputes.ts';
import type { NotificationKind } from '../../domain/notifications.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { DISPUTE, reach } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { sealAs } from '../kernel/sealed.ts';

export const partiesOf = (r: Pick<DisputeRow, 'raised_by' | 'raising_agency_id' | 'other_agency_id'>): DisputeParties => ({
  raisedBy: r.raised_by,
  raisingAgencyId: r.raising_agency_id,
  otherAgencyId: r.other_agency_id,
});

export const rulesOf = (deps: Deps, pack: string): DisputeRules => disputeRules(deps.packs.get(pack)!);

/** The dispute, locked for update, if `allowed` says the actor may do `attempted` to it; otherwise
 *  the refused attempt is audited and undefined returned (callers answer "not found"). */
export function disputeFor(deps: Deps, trx: Tx, actor: Actor, id: string, attempted: string, allowed: (row: DisputeRow, rules: DisputeRules) => boolean) {
  return reach(trx, actor, DISPUTE, id, attempted, (row) => allowed(row, rulesOf(deps, row.pack)));
}

/** Record a step of the dispute's history; free text is sealed under the event's own context. */
export async function addDisputeEvent(
  deps: Deps,
  trx: Tx,
  by: { partnershipId: string; userId: string | null; agencyId: string | null },
  disputeId: string,
  kind: string,
  stage: number,
  details: Record<string, unknown> = {},
  sealed?: Record<string, string | null>,
) {
  const id = randomUUID();
  await insertDisputeEvent(trx, {
    partnershipId: by.partnershipId,
    id,
    disputeId,
    at: deps.now(),
    kind,
    stage,
    byUserId: by.userId,
    byAgencyId: by.agencyId,
    details,
    sealed: sealed ? sealAs(deps.keyring, 'dispute-event', id, sealed) : null,
  });
  return id;
}

/** Tell the people who act at `stage`: its agency roles in both agencies, its partnership roles
 *  wherever they are (e.g. the statutory safeguarding partners). Never the person acting. */
export async function notifyStage(deps: Deps, trx: Tx, partnershipId: string, p: DisputeParties, stage: DisputeStage, kind: NotificationKind, disputeId: string, except?: string) {
  const now = deps.now();
  const link = `/disputes/${disputeId}`;
  const agencyRoles = stage.actedBy.filter((r) => !PARTNERSHIP_ROLES.includes(r));
  const partnershipRoles = stage.actedBy.filter((r) => PARTNERSHIP_ROLES.includes(r));
  const userIds = await staffWithRoles(trx, partnershipId, partnershipRoles);
  let n = 0;
  for (const agencyId of [p.raisingAgencyId, p.otherAgencyId]) n += await notify(trx, now, partnershipId, kind, link, { agency: { agencyId, roles: agencyRoles } }, except);
  if (userIds.length) n += await notify(trx, now, partnershipId, kind, link, { userIds }, except);
  return n;
}
