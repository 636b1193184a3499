// The requester answers the responder's question; the request goes back to the responder.

import { noteError } from '../../domain/exchange.ts';
import { isRequestingSide } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { receiverOf, requestStep } from './_steps.ts';

export async function provideMoreInformation(deps: Deps, actor: Actor, requestId: string, input: { note?: string | null; seen?: string | null }) {
  const note = input.note?.trim() || null;
  return requestStep(deps, actor, requestId, {
    seen: input.seen,
    action: 'request.more-info-given',
    allowed: (p) => isRequestingSide(actor, p),
    event: 'provide_more',
    errors: noteError(note, 'Give the information the responder asked for'),
    note,
    notify: (row) => ({ kind: 'request.more-info-given', to: receiverOf(row) }),
  });
}
