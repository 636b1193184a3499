// Ask the requester for clarification the agency reasonably needs to find the information: the
// clock stands still until it arrives (UK GDPR Art. 12A, DUAA 2025).
import { startRightsPause } from '../../db/queries/rights.ts';
import { clarificationSchema } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { notInFuture, rightsStep } from './_steps.ts';

export const askClarification = (deps: Deps, actor: Actor, requestId: string, input: unknown) =>
  rightsStep(deps, actor, requestId, input, {
    action: 'rights-request.clarification-asked',
    event: 'ask_clarification',
    schema: clarificationSchema,
    async run({ trx, row, input: v, now }) {
      const errors = notInFuture('at', v.at, now);
      if (errors.length) return { errors };
      await startRightsPause(trx, row.partnership_id, row.id, v.at);
      return { details: { at: v.at.toISOString() }, note: v.note };
    },
  });
