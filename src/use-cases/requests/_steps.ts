// Shared steps of the request use cases: one step of a request's life — reach the request the
// actor may act on (through the gateway, which audits a refused attempt), move it through its
// lifecycle, record the step, audit, notify — and who hears about it.

import { latestRequestEvent } from '../../db/queries/requests.ts';
import type { NotificationKind } from '../../domain/notifications.ts';
import { type RequestEvent, type RequestParties, type RequestStatus, requestStatusLabels, requestTransition, staleRequestMessage } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { type AuditEntry, appendAuditEvents } from '../kernel/audit.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { REQUEST, type Reached, reach } from '../kernel/gateway.ts';
import { notify, type Recipients } from '../kernel/notify.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { addRequestEvent, moveRequest, type RequestPatch } from '../kernel/requests.ts';

export type ReachedRequest = Reached<typeof REQUEST>;

export interface RequestStep {
  /** When the request was last changed as the person's page showed it (`RequestView.version`): if it
   *  has changed since (a second tab, a colleague), nothing is done and they are told what changed. */
  seen?: string | null;
  /** The audit action, e.g. "request.allocated". */
  action: string;
  allowed: (p: RequestParties) => boolean;
  event: RequestEvent;
  /** Input errors found before loading the request (shown only to someone allowed to act). */
  errors?: { path: string; message: string }[];
  /** Further checks against the loaded request. */
  check?: (row: ReachedRequest, trx: Tx) => Promise<{ path: string; message: string }[]>;
  patch?: (row: ReachedRequest) => RequestPatch;
  note?: string | null;
  details?: Record<string, unknown>;
  notify?: (row: ReachedRequest) => { kind: NotificationKind; to: Recipients } | undefined;
  /** Anything else to write in the same transaction; returns any further audit events for it. */
  also?: (row: ReachedRequest, trx: Tx) => Promise<AuditEntry[] | undefined>;
}

/** One step of a request's life, all in one transaction: load and authorise, check, move through
 *  the lifecycle (a step that cannot happen now is a conflict), record the step and its note,
 *  audit, notify. */
export async function requestStep(deps: Deps, actor: Actor, requestId: string, step: RequestStep): Promise<Outcome<{ status: RequestStatus }>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, REQUEST, requestId, step.action, (r) => step.allowed(r.parties));
    if (!row) return notFound;
    const status = row.status as RequestStatus;
    if (step.seen && step.seen !== row.updated_at.toISOString()) return conflict(await changedSince(trx, row, step.seen));
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

/** What happened to a request since the person's page was shown, in words. */
async function changedSince(trx: Tx, row: ReachedRequest, seen: string): Promise<string> {
  const latest = await latestRequestEvent(trx, row.partnership_id, row.id);
  return staleRequestMessage(latest && latest.at.toISOString() > seen ? latest : undefined, row.updated_at);
}

/** Who hears about a step on each side of a request. */
export const requesterOf = (row: ReachedRequest): Recipients => ({ userIds: [row.from_user_id] });
export const receiverOf = (row: ReachedRequest): Recipients => (row.allocated_to ? { userIds: [row.allocated_to] } : { agency: { agencyId: row.to_agency_id, roles: ['spoc'] } });
