// The responder declines to share, citing the recorded decision not to share; the reasons are
// given to the agency that asked (Wirral 2022 s.5.4 "will provide its record of the reasons for the
// decision not to share the information, including the consideration of the safety and well-being
// of the affected individual").

import { decliningDecision } from '../../db/queries/requests.ts';
import { noteError } from '../../domain/exchange.ts';
import { canRespond } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { requesterOf, requestStep } from './_steps.ts';

export async function declineRequest(deps: Deps, actor: Actor, requestId: string, input: { decisionId?: string | null; note?: string | null; seen?: string | null }) {
  const note = input.note?.trim() || null;
  const decisionId = input.decisionId?.trim() ?? '';
  return requestStep(deps, actor, requestId, {
    seen: input.seen,
    action: 'request.declined',
    allowed: (p) => canRespond(actor, p),
    event: 'decline',
    errors: noteError(note, 'Give the requester your reasons for not sharing'),
    check: async (row, trx) => {
      const decision = isUuid(decisionId) ? await decliningDecision(trx, actor.partnershipId, decisionId) : undefined;
      if (!decision || decision.request_id !== row.id || decision.agency_id !== actor.agencyId) {
        return [{ path: 'decisionId', message: 'Record your decision about this request before declining it' }];
      }
      return decision.action === 'not_shared' ? [] : [{ path: 'decisionId', message: 'The decision recorded for this request was to share: send the information instead' }];
    },
    patch: () => ({ response: 'decline', response_decision_id: decisionId }),
    note,
    details: { decisionId },
    notify: (row) => ({ kind: 'request.declined', to: requesterOf(row) }),
  });
}
