// For the steps of a journey about a child (the decision questions, check your answers, the request
// form): confirm the actor may see the child and give the name and date of birth the page shows in
// its caption and title, so the practitioner always knows whom they are deciding about. The read is
// audited with the step (`child.identified`, `details.step`); a refused attempt is audited as
// `attempted`. The name goes in the page only, never in its address or a log.
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { reachChild } from '../kernel/gateway.ts';

export interface ChildIdentity {
  id: string;
  name: string;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string;
}

export async function identifyChild(deps: Deps, actor: Actor, childId: string, attempted: string): Promise<ChildIdentity | undefined> {
  return deps.db.transaction().execute(async (trx) => {
    const child = await reachChild(trx, actor, childId, attempted);
    if (!child) return undefined;
    await appendAudit(trx, auditActor(actor), { action: 'child.identified', subjectType: 'child', subjectId: child.id, childId: child.id, details: { step: attempted } });
    return { id: child.id, name: `${child.given_name} ${child.family_name}`, dateOfBirth: child.date_of_birth };
  });
}
