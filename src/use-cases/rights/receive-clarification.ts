// Record the clarification received: the clock runs again, its deadline moved on by the days it
// stood still (UK GDPR Art. 12A, DUAA 2025).
import { endRightsPause, rightsPauses } from '../../db/queries/rights.ts';
import { clarificationSchema } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { notInFuture, rightsStep } from './_steps.ts';

export const receiveClarification = (deps: Deps, actor: Actor, requestId: string, input: unknown) =>
  rightsStep(deps, actor, requestId, input, {
    action: 'rights-request.clarification-received',
    event: 'receive_clarification',
    schema: clarificationSchema,
    async run({ trx, row, input: v, now }) {
      const open = (await rightsPauses(trx, row.partnership_id, row.id)).find((p) => p.to_at === null);
      const errors = notInFuture('at', v.at, now);
      if (open && v.at.getTime() < open.from_at.getTime()) errors.push({ path: 'at', message: 'The clarification cannot arrive before it was asked for' });
      if (errors.length) return { errors };
      await endRightsPause(trx, row.partnership_id, row.id, v.at);
      return { details: { at: v.at.toISOString() }, note: v.note };
    },
  });
