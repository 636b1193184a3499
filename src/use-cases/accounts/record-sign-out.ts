import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';

export async function recordSignOut(deps: Deps, actor: Actor): Promise<void> {
  await appendAudit(deps.db, auditActor(actor), { action: 'user.signed-out', subjectType: 'staff_user', subjectId: actor.userId });
}
