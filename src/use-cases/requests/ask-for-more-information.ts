// The responder asks the requester for more information before deciding; the clock stops while
// the requester owes the answer (domain/requests.ts awaitingReceiver).

import { noteError } from '../../domain/exchange.ts';
import { canRespond } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { requesterOf, requestStep } from './_steps.ts';

export async function askForMoreInformation(deps: Deps, actor: Actor, requestId: string, input: { note?: string | null; seen?: string | null }) {
  const note = input.note?.trim() || null;
  return requestStep(deps, actor, requestId, {
    seen: input.seen,
    action: 'request.more-info-asked',
    allowed: (p) => canRespond(actor, p),
    event: 'ask_more',
    errors: noteError(note, 'Say what more information you need'),
    note,
    patch: () => ({ response: 'more_info' }),
    notify: (row) => ({ kind: 'request.more-info-asked', to: requesterOf(row) }),
  });
}
