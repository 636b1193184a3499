// Shared steps of the rights request use cases: loading a request the actor may handle (the
// gateway audits a refusal and callers answer "not found"), the clock's facts and its stored
// deadline, the history, and one step of a request's life — check, move through the lifecycle,
// record, recompute the clock, audit — in one transaction.
import { randomUUID } from 'node:crypto';
import { insertRightsEvent, type RightsRequestRow, rightsPauses, updateRightsRequest } from '../../db/queries/rights.ts';
import { type ClockFacts, canHandleRightsRequest, type RightsEvent, type RightsStatus, rightsClock, rightsStatusLabels, rightsTransition } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { RIGHTS_REQUEST, reach } from '../kernel/gateway.ts';
import { conflict, type FieldError, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';

/** The request, locked, if the actor is its agency's IG lead; otherwise undefined (audited). */
export function rightsRequestFor(trx: Tx, actor: Actor, id: string, attempted: string): Promise<RightsRequestRow | undefined> {
  return reach(trx, actor, RIGHTS_REQUEST, id, attempted, (r) => canHandleRightsRequest(actor, { agencyId: r.agency_id }));
}

export async function clockFacts(trx: Tx, r: Pick<RightsRequestRow, 'partnership_id' | 'id' | 'received_at' | 'verified_at' | 'extension_months'>): Promise<ClockFacts> {
  const pauses = await rightsPauses(trx, r.partnership_id, r.id);
  return { receivedAt: r.received_at, verifiedAt: r.verified_at, extensionMonths: r.extension_months, pauses: pauses.map((p) => ({ from: p.from_at, to: p.to_at })) };
}

/** Store the deadline and reminder time the domain computes (the job compares them; a moved
 *  deadline may remind again). */
export async function storeClock(trx: Tx, r: Pick<RightsRequestRow, 'partnership_id' | 'id' | 'received_at' | 'verified_at' | 'extension_months'>, now: Date) {
  const c = rightsClock(await clockFacts(trx, r), now);
  await updateRightsRequest(trx, r.partnership_id, r.id, { due_at: c.dueAt, remind_at: c.remindAt, reminded_at: null, escalated_at: null });
  return c;
}

export async function addRightsEvent(
  deps: Deps,
  trx: Tx,
  actor: { partnershipId: string; userId: string | null },
  requestId: string,
  kind: string,
  extra: { details?: Record<string, unknown>; note?: string | null } = {},
) {
  const id = randomUUID();
  await insertRightsEvent(trx, {
    partnership_id: actor.partnershipId,
    id,
    request_id: requestId,
    at: deps.now(),
    kind,
    by_user_id: actor.userId,
    details: JSON.stringify(extra.details ?? {}),
    sealed: extra.note ? JSON.stringify(sealAs(deps.keyring, 'rights-event', id, { note: extra.note })) : null,
  });
}

type Parser<I> = { safeParse(v: unknown): { success: true; data: I } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } };

export interface RightsStep<I> {
  /** noun.verb-past, e.g. rights-request.extended */
  action: string;
  event: RightsEvent;
  schema: Parser<I>;
  run: (ctx: {
    deps: Deps;
    trx: Tx;
    actor: Actor;
    row: RightsRequestRow;
    input: I;
    now: Date;
  }) => Promise<{ patch?: Parameters<typeof updateRightsRequest>[3]; details?: Record<string, unknown>; note?: string | null } | { errors: FieldError[] } | { conflict: string }>;
}

export async function rightsStep<I>(deps: Deps, actor: Actor, requestId: string, input: unknown, step: RightsStep<I>): Promise<Outcome<{ status: RightsStatus; dueAt: Date | null }>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await rightsRequestFor(trx, actor, requestId, step.action);
    if (!row) return notFound;
    const status = row.status as RightsStatus;
    const to = rightsTransition(status, step.event);
    if (!to) return conflict(`This cannot be done to a request that is ${rightsStatusLabels[status].text.toLowerCase()}.`);
    const parsed = step.schema.safeParse(input ?? {});
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const now = deps.now();
    const result = await step.run({ deps, trx, actor, row, input: parsed.data, now });
    if ('errors' in result) return invalid(result.errors);
    if ('conflict' in result) return conflict(result.conflict);
    await updateRightsRequest(trx, actor.partnershipId, row.id, { ...result.patch, status: to });
    const clock = await storeClock(trx, { ...row, ...(result.patch as Partial<RightsRequestRow>) }, now);
    await addRightsEvent(deps, trx, actor, row.id, step.event, { details: result.details, note: result.note });
    await appendAudit(trx, auditActor(actor), {
      action: step.action,
      subjectType: 'rights-request',
      subjectId: row.id,
      childId: row.child_id ?? undefined,
      details: { from: status, to, dueAt: clock.dueAt?.toISOString() ?? null, ...result.details },
    });
    return ok({ status: to, dueAt: clock.dueAt });
  });
}

/** Dates a step records must not be in the future. */
export const notInFuture = (path: string, at: Date, now: Date): FieldError[] => (at.getTime() > now.getTime() ? [{ path, message: 'The date must be today or in the past' }] : []);
