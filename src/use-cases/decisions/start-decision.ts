// Start recording a sharing decision for a child: confirm access and work out the child's age
// from their date of birth, so the practitioner is not asked what the record already says. It
// answers the partnership's protocol version now: the journey follows it to the end, even if the
// partnership moves to a new version meanwhile (ADR 0088).
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { ageOn } from '../../domain/age-scope.ts';
import { londonDate } from '../../domain/dates.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { reachChild } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';

export async function startDecision(deps: Deps, actor: Actor, childId: string): Promise<Outcome<{ childAge: number; pack: string }>> {
  return deps.db.transaction().execute(async (trx) => {
    const child = await reachChild(trx, actor, childId, 'decision.started');
    if (!child) return notFound;
    await appendAudit(trx, auditActor(actor), { action: 'decision.started', subjectType: 'child', subjectId: child.id, childId: child.id });
    return ok({ childAge: ageOn(child.date_of_birth, londonDate(deps.now())), pack: await partnershipPack(trx, actor.partnershipId) });
  });
}
