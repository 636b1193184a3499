// Load a child the actor may see, or record the denied attempt. Callers answer "not found" either
// way, so the existence of a record outside the actor's reach is never revealed.
import { findVisibleChild, type ChildRow } from '../../db/queries/children.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from './actor.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './deps.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

export async function visibleChildOrAuditDenial(trx: Tx, actor: Actor, childId: string, attempted: string): Promise<ChildRow | undefined> {
  const child = isUuid(childId) ? await findVisibleChild(trx, scopeOf(actor), childId) : undefined;
  if (child) return child;
  const exists =
    isUuid(childId) &&
    (await trx.selectFrom('child').select('id').where('partnership_id', '=', actor.partnershipId).where('id', '=', childId).executeTakeFirst()) !== undefined;
  await appendAudit(trx, auditActor(actor), {
    action: attempted,
    outcome: exists ? 'denied' : 'not_found',
    subjectType: 'child',
    subjectId: isUuid(childId) ? childId : undefined,
    childId: exists ? childId : undefined,
  });
  return undefined;
}
