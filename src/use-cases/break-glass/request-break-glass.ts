// A practitioner asks for time-limited access to a child their agency is not involved with, with a
// reason (ADR 0050). The child is named by NHS number and date of birth together (ADR 0042). As the
// pack says, access is granted at once (the lead agency is told and reviews it afterwards) or waits
// for a designated manager of the requester's agency (Haringey 2006 s.4.6, s.8.3).
import { randomUUID } from 'node:crypto';
import { hasLastingInvolvement, insertBreakGlass } from '../../db/queries/break-glass.ts';
import { findChildByIdentity, involvedAgencies } from '../../db/queries/children.ts';
import { breakGlassRequestSchema } from '../../domain/break-glass.ts';
import { mayWorkWithChildren } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, fieldErrors, forbidden, invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';
import { breakGlassLink, grant, partnershipRule } from './_break-glass.ts';

export interface BreakGlassRequested {
  id: string;
  status: 'granted' | 'requested';
  childId: string;
  expiresAt: Date | null;
}

const NO_MATCH = 'No child or young person matches this NHS number and date of birth. Check them and try again.';

export async function requestBreakGlass(deps: Deps, actor: Actor, input: Record<string, unknown>): Promise<Outcome<BreakGlassRequested>> {
  if (!mayWorkWithChildren(actor)) return forbidden('Only staff who work with children can ask for emergency access.');
  const parsed = breakGlassRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
  const { nhsNumber, dateOfBirth, reason } = parsed.data;
  return deps.db.transaction().execute(async (trx) => {
    const child = await findChildByIdentity(trx, actor.partnershipId, nhsNumber, dateOfBirth);
    if (!child) {
      await appendAudit(trx, auditActor(actor), { action: 'break-glass.requested', outcome: 'not_found', subjectType: 'child' });
      return invalid([{ path: 'nhsNumber', message: NO_MATCH }]);
    }
    if (await hasLastingInvolvement(trx, actor.partnershipId, child.id, actor.agencyId)) return conflict('Your agency already works with this child: open their record from your children.');
    const { pack, rule } = await partnershipRule(deps, trx, actor.partnershipId);
    const id = randomUUID();
    const now = deps.now();
    await insertBreakGlass(trx, {
      partnership_id: actor.partnershipId,
      id,
      pack,
      child_id: child.id,
      agency_id: actor.agencyId,
      requested_by: actor.userId,
      requested_at: now,
      sealed: JSON.stringify(sealAs(deps.keyring, 'break-glass', id, { reason, reviewNote: null })),
      status: 'requested',
      hours: rule.hours,
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'break-glass.requested',
      subjectType: 'break-glass',
      subjectId: id,
      childId: child.id,
      details: { grant: rule.grant, hours: rule.hours, pack, clause: rule.clause },
    });
    if (rule.grant === 'lead_approval') {
      await notify(trx, now, actor.partnershipId, 'break-glass.approval-requested', breakGlassLink(id), { agency: { agencyId: actor.agencyId, roles: rule.approverRoles } }, actor.userId);
      return ok({ id, status: 'requested' as const, childId: child.id, expiresAt: null });
    }
    const leadAgencyIds = (await involvedAgencies(trx, actor.partnershipId, child.id)).filter((a) => a.kind === 'holds_record').map((a) => a.id);
    const expiresAt = await grant(deps, trx, actor, { id, childId: child.id, agencyId: actor.agencyId, requestedBy: actor.userId, hours: rule.hours, leadAgencyIds });
    return ok({ id, status: 'granted' as const, childId: child.id, expiresAt });
  });
}
