// What the break-glass verbs share: the rule of the partnership's pack, granting access as a
// time-limited involvement, and telling the child's lead agency (ADR 0050).
import { grantInvolvement, updateBreakGlass } from '../../db/queries/break-glass.ts';
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { BREAK_GLASS_REVIEWER_ROLES, type BreakGlassRule, breakGlassExpiry, breakGlassRule } from '../../domain/break-glass.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';

export const breakGlassLink = (id: string) => `/break-glass/${id}`;

/** The partnership's pack reference and its break-glass rule. */
export async function partnershipRule(deps: Deps, trx: Tx, partnershipId: string): Promise<{ pack: string; rule: BreakGlassRule }> {
  const pack = await partnershipPack(trx, partnershipId);
  return { pack, rule: breakGlassRule(deps.packs.get(pack)!) };
}

/** Grant a request: the requester's agency is involved with the child until the grant ends; the
 *  grant is audited against the child (so it is in the record's "who has seen this") and the
 *  leads of every agency holding the child's record are told at once, without personal data. */
export async function grant(
  deps: Deps,
  trx: Tx,
  actor: Actor,
  request: { id: string; childId: string; agencyId: string; requestedBy: string; hours: number; leadAgencyIds: readonly string[] },
): Promise<Date> {
  const now = deps.now();
  const expiresAt = breakGlassExpiry(now, request.hours);
  await updateBreakGlass(trx, actor.partnershipId, request.id, { status: 'granted', decided_by: actor.userId, decided_at: now, expires_at: expiresAt });
  await grantInvolvement(trx, {
    partnership_id: actor.partnershipId,
    child_id: request.childId,
    agency_id: request.agencyId,
    recorded_by: request.requestedBy,
    recorded_at: now,
    expires_at: expiresAt,
  });
  await appendAudit(trx, auditActor(actor), {
    action: 'break-glass.granted',
    subjectType: 'break-glass',
    subjectId: request.id,
    childId: request.childId,
    details: { agencyId: request.agencyId, requestedBy: request.requestedBy, expiresAt: expiresAt.toISOString(), hours: request.hours },
  });
  for (const agencyId of request.leadAgencyIds) {
    await notify(trx, now, actor.partnershipId, 'break-glass.used', breakGlassLink(request.id), { agency: { agencyId, roles: BREAK_GLASS_REVIEWER_ROLES } });
  }
  return expiresAt;
}
