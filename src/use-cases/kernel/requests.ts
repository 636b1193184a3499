// Moving a request through its lifecycle and recording each step in its history: the request use
// cases' steps, the escalation job, and sending information that answers a request.
import { randomUUID } from 'node:crypto';
import { insertRequestEvent, updateRequest } from '../../db/queries/requests.ts';
import { type RequestEvent, type RequestStatus, requestTransition } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps, Tx } from './deps.ts';
import { sealAs } from './sealed.ts';

/** Record a step in the request's history, with an optional sealed note. */
export async function addRequestEvent(
  deps: Deps,
  trx: Tx,
  actor: Pick<Actor, 'partnershipId' | 'userId' | 'agencyId'> | null,
  requestId: string,
  kind: string,
  extra: { partnershipId?: string; details?: Record<string, unknown>; note?: string | null } = {},
) {
  const id = randomUUID();
  await insertRequestEvent(trx, {
    partnership_id: actor?.partnershipId ?? extra.partnershipId!,
    id,
    request_id: requestId,
    at: deps.now(),
    kind,
    by_user_id: actor?.userId ?? null,
    by_agency_id: actor?.agencyId ?? null,
    details: JSON.stringify(extra.details ?? {}),
    sealed: extra.note ? JSON.stringify(sealAs(deps.keyring, 'request-event', id, { note: extra.note })) : null,
  });
  return id;
}

export interface RequestPatch {
  allocated_to?: string | null;
  response?: string;
  response_decision_id?: string;
  escalation_level?: number;
}

/** Move a request through its lifecycle; undefined if the event cannot happen in its state. */
export async function moveRequest(deps: Deps, trx: Tx, row: { partnership_id: string; id: string; status: string }, event: RequestEvent, patch: RequestPatch = {}): Promise<RequestStatus | undefined> {
  const to = requestTransition(row.status as RequestStatus, event);
  if (!to) return undefined;
  const now = deps.now();
  await updateRequest(trx, row.partnership_id, row.id, { ...patch, status: to, updated_at: now, ...(to === 'answered' || to === 'declined' || to === 'withdrawn' ? { closed_at: now } : {}) });
  return to;
}
