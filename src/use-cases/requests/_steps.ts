// Shared steps of the request use cases: load a request the actor may act on (auditing a refused
// attempt, answering "not found" either way), move it through its lifecycle, and record each step.
import { randomUUID } from 'node:crypto';
import { findRequest, type RequestRow } from '../../db/queries/requests.ts';
import type { NotificationKind } from '../../domain/notifications.ts';
import { requestStatusLabels, requestTransition, type RequestEvent, type RequestParties, type RequestStatus } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit, appendAuditEvents, type AuditEntry } from '../kernel/audit.ts';
import { isUuid } from '../kernel/gateway.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { notify, type Recipients } from '../kernel/notify.ts';
import { conflict, invalid, notFound, ok, type Outcome } from '../kernel/outcome.ts';
import { seal } from '../kernel/sealing.ts';

export const partiesOf = (r: Pick<RequestRow, 'from_agency_id' | 'from_user_id' | 'to_agency_id' | 'allocated_to'>): RequestParties => ({
  fromAgencyId: r.from_agency_id,
  fromUserId: r.from_user_id,
  toAgencyId: r.to_agency_id,
  allocatedTo: r.allocated_to,
});

/** The request, locked for update, if `allowed` says the actor may do `attempted` to it; otherwise
 *  the refused attempt is audited and undefined returned (callers answer "not found"). */
export async function requestFor(trx: Tx, actor: Actor, requestId: string, attempted: string, allowed: (p: RequestParties) => boolean): Promise<RequestRow | undefined> {
  const row = isUuid(requestId) ? await findRequest(trx, actor.partnershipId, requestId) : undefined;
  if (row && allowed(partiesOf(row))) {
    await trx.selectFrom('info_request').select('id').where('partnership_id', '=', actor.partnershipId).where('id', '=', row.id).forUpdate().execute();
    return row;
  }
  await appendAudit(trx, auditActor(actor), {
    action: attempted,
    outcome: row ? 'denied' : 'not_found',
    subjectType: 'request',
    subjectId: isUuid(requestId) ? requestId : undefined,
    childId: row?.child_id,
  });
  return undefined;
}

export const requestSealContext = (requestId: string) => `request:${requestId}`;
export const eventSealContext = (eventId: string) => `request-event:${eventId}`;

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
  await trx
    .insertInto('info_request_event')
    .values({
      partnership_id: actor?.partnershipId ?? extra.partnershipId!,
      id,
      request_id: requestId,
      at: deps.now(),
      kind,
      by_user_id: actor?.userId ?? null,
      by_agency_id: actor?.agencyId ?? null,
      details: JSON.stringify(extra.details ?? {}),
      sealed: extra.note ? JSON.stringify(seal(deps.keyring, eventSealContext(id), { note: extra.note })) : null,
    })
    .execute();
  return id;
}

/** Move a request through its lifecycle; undefined if the event cannot happen in its state. */
export async function moveRequest(
  deps: Deps,
  trx: Tx,
  row: Pick<RequestRow, 'partnership_id' | 'id' | 'status'>,
  event: RequestEvent,
  patch: { allocated_to?: string | null; response?: string; response_decision_id?: string; escalation_level?: number } = {},
): Promise<RequestStatus | undefined> {
  const to = requestTransition(row.status as RequestStatus, event);
  if (!to) return undefined;
  const now = deps.now();
  await trx
    .updateTable('info_request')
    .set({ ...patch, status: to, updated_at: now, ...(to === 'answered' || to === 'declined' || to === 'withdrawn' ? { closed_at: now } : {}) })
    .where('partnership_id', '=', row.partnership_id)
    .where('id', '=', row.id)
    .execute();
  return to;
}

/** A note is free text: required notes must say something, and every note has a limit. */
export function noteError(note: string | null | undefined, required: string | false, path = 'note'): { path: string; message: string }[] {
  const text = (note ?? '').trim();
  if (required && !text) return [{ path, message: required }];
  if (text.length > 5000) return [{ path, message: 'Must be 5000 characters or fewer' }];
  return [];
}

export interface RequestStep {
  /** The audit action, e.g. "request.allocated". */
  action: string;
  allowed: (p: RequestParties) => boolean;
  event: RequestEvent;
  /** Input errors found before loading the request (shown only to someone allowed to act). */
  errors?: { path: string; message: string }[];
  /** Further checks against the loaded request. */
  check?: (row: RequestRow, trx: Tx) => Promise<{ path: string; message: string }[]>;
  patch?: (row: RequestRow) => Parameters<typeof moveRequest>[4];
  note?: string | null;
  details?: Record<string, unknown>;
  notify?: (row: RequestRow) => { kind: NotificationKind; to: Recipients } | undefined;
  /** Anything else to write in the same transaction; returns any further audit events for it. */
  also?: (row: RequestRow, trx: Tx) => Promise<AuditEntry[] | void>;
}

/** One step of a request's life, all in one transaction: load and authorise, check, move through
 *  the lifecycle (a step that cannot happen now is a conflict), record the step and its note,
 *  audit, notify. */
export async function requestStep(deps: Deps, actor: Actor, requestId: string, step: RequestStep): Promise<Outcome<{ status: RequestStatus }>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await requestFor(trx, actor, requestId, step.action, step.allowed);
    if (!row) return notFound;
    const status = row.status as RequestStatus;
    if (!requestTransition(status, step.event)) return conflict(`This cannot be done to a request that is ${requestStatusLabels[status].text.toLowerCase()}.`);
    const errors = [...(step.errors ?? []), ...(step.check ? await step.check(row, trx) : [])];
    if (errors.length) return invalid(errors);
    const to = (await moveRequest(deps, trx, row, step.event, step.patch?.(row) ?? {}))!;
    await addRequestEvent(deps, trx, actor, row.id, step.event, { details: step.details, note: step.note });
    const more = (await step.also?.(row, trx)) ?? [];
    await appendAuditEvents(trx, auditActor(actor), [
      { action: step.action, subjectType: 'request', subjectId: row.id, childId: row.child_id, details: { from: status, to, ...step.details } },
      ...more,
    ]);
    const n = step.notify?.(row);
    if (n) await notify(trx, deps.now(), actor.partnershipId, n.kind, `/requests/${row.id}`, n.to, actor.userId);
    return ok({ status: to });
  });
}

/** Who hears about a step on each side of a request. */
export const requesterOf = (row: RequestRow): Recipients => ({ userIds: [row.from_user_id] });
export const receiverOf = (row: RequestRow): Recipients =>
  row.allocated_to ? { userIds: [row.allocated_to] } : { agency: { agencyId: row.to_agency_id, roles: ['spoc'] } };
