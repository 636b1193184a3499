// The requester withdraws a request that is no longer needed.

import { noteError } from '../../domain/exchange.ts';
import { isRequestingSide } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { receiverOf, requestStep } from './_steps.ts';

export async function withdrawRequest(deps: Deps, actor: Actor, requestId: string, input: { note?: string | null; seen?: string | null }) {
  const note = input.note?.trim() || null;
  return requestStep(deps, actor, requestId, {
    seen: input.seen,
    action: 'request.withdrawn',
    allowed: (p) => isRequestingSide(actor, p),
    event: 'withdraw',
    errors: noteError(note, 'Say why the request is withdrawn'),
    note,
    notify: (row) => ({ kind: 'request.withdrawn', to: receiverOf(row) }),
  });
}
