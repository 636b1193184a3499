// The receiving SPoC allocates an accepted request to a member of their agency (or re-allocates it).

import { isAllocatable } from '../../db/queries/requests.ts';
import { canTriage } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { requestStep } from './_steps.ts';

export async function allocateRequest(deps: Deps, actor: Actor, requestId: string, input: { allocateTo?: string | null; seen?: string | null }) {
  const to = input.allocateTo?.trim() ?? '';
  return requestStep(deps, actor, requestId, {
    seen: input.seen,
    action: 'request.allocated',
    allowed: (p) => canTriage(actor, p),
    event: 'allocate',
    errors: to ? [] : [{ path: 'allocateTo', message: 'Select who will respond to the request' }],
    check: async (row, trx) => {
      const person = isUuid(to) && (await isAllocatable(trx, actor.partnershipId, row.to_agency_id, to));
      return person ? [] : [{ path: 'allocateTo', message: 'Select someone in your agency' }];
    },
    patch: () => ({ allocated_to: to }),
    details: { allocatedTo: to },
    notify: () => ({ kind: 'request.allocated', to: { userIds: [to] } }),
  });
}
