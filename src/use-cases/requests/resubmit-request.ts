// The requester answers the reasons a request was returned at triage and sends it again.

import { noteError } from '../../domain/exchange.ts';
import { isRequestingSide } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { requestStep } from './_steps.ts';

export async function resubmitRequest(deps: Deps, actor: Actor, requestId: string, input: { note?: string | null; seen?: string | null }) {
  const note = input.note?.trim() || null;
  return requestStep(deps, actor, requestId, {
    seen: input.seen,
    action: 'request.resubmitted',
    allowed: (p) => isRequestingSide(actor, p),
    event: 'resubmit',
    errors: noteError(note, 'Explain what you have clarified or changed'),
    note,
    notify: (row) => ({ kind: 'request.resubmitted', to: { agency: { agencyId: row.to_agency_id, roles: ['spoc'] } } }),
  });
}
