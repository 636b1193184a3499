// Extend the deadline by one or two further months, with the reason (the request's complexity or
// number), decided within the first month (UK GDPR Art. 12(3)).
import { extendSchema, extensionError } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { clockFacts, rightsStep } from './_steps.ts';

export const extendDeadline = (deps: Deps, actor: Actor, requestId: string, input: unknown) =>
  rightsStep(deps, actor, requestId, input, {
    action: 'rights-request.extended',
    event: 'extend',
    schema: extendSchema,
    async run({ trx, row, input: v, now }) {
      const error = extensionError(await clockFacts(trx, row), v.months, now);
      if (error) return { errors: [{ path: 'months', message: error }] };
      return { patch: { extension_months: row.extension_months + v.months }, details: { months: v.months }, note: v.reason };
    },
  });
