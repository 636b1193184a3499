// Shared steps of the breach use cases: who the breach's parties are, loading a breach the actor
// may act on (the gateway audits a refusal and callers answer "not found"), and one step of its
// life — check, move through the lifecycle, record, audit, notify — in one transaction.
import type { BreachRow } from '../../db/queries/breaches.ts';
import { updateBreach } from '../../db/queries/breaches.ts';
import { type BreachAccess, type BreachEvent, type BreachStatus, breachStatusLabels, breachTransition } from '../../domain/breaches.ts';
import type { NotificationKind } from '../../domain/notifications.ts';
import type { Pack } from '../../domain/protocol/pack.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { addBreachEvent } from '../kernel/breaches.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { BREACH, reach } from '../kernel/gateway.ts';
import { notify, type Recipients } from '../kernel/notify.ts';
import { conflict, type FieldError, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { seenVersion, staleConflict } from '../kernel/stale.ts';

export const accessOf = (b: Pick<BreachRow, 'reported_by' | 'reporting_agency_id' | 'lead_agency_id' | 'party_agency_ids'>): BreachAccess => ({
  reportedBy: b.reported_by,
  reportingAgencyId: b.reporting_agency_id,
  leadAgencyId: b.lead_agency_id,
  partyAgencyIds: b.party_agency_ids ?? [],
});

/** The breach, locked, if `allowed` lets the actor do `attempted`; otherwise undefined (audited). */
export async function breachFor(trx: Tx, actor: Actor, breachId: string, attempted: string, allowed: (a: BreachAccess) => boolean): Promise<BreachRow | undefined> {
  return reach(trx, actor, BREACH, breachId, attempted, (row) => allowed(accessOf(row)));
}

export interface StepResult {
  /** Columns of the breach to set with the move. */
  patch?: Parameters<typeof updateBreach>[3];
  details?: Record<string, unknown>;
  /** Sealed note fields for the history. */
  note?: Record<string, string | null> | null;
  /** When the step happened, if it is not now (a meeting held yesterday). */
  at?: Date;
  notify?: { kind: NotificationKind; to: Recipients }[];
}

export interface BreachStep<I> {
  /** noun.verb-past, e.g. breach.assessed */
  action: string;
  event: BreachEvent;
  allowed: (a: BreachAccess) => boolean;
  schema: { safeParse(v: unknown): { success: true; data: I } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } };
  /** The step itself: checks against the loaded breach (field errors, or a conflict reason) and what to write. */
  run: (ctx: { deps: Deps; trx: Tx; actor: Actor; row: BreachRow; pack: Pack; input: I; now: Date }) => Promise<StepResult | { errors: FieldError[] } | { conflict: string }>;
}

export async function breachStep<I>(deps: Deps, actor: Actor, breachId: string, input: unknown, step: BreachStep<I>): Promise<Outcome<{ status: BreachStatus }>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await breachFor(trx, actor, breachId, step.action, step.allowed);
    if (!row) return notFound;
    // The version the page showed (optimistic concurrency) is not part of the step's own fields.
    const { seen, ...fields } = (input ?? {}) as Record<string, unknown>;
    const stale = await staleConflict(trx, actor.partnershipId, 'breach', row, seenVersion({ seen }));
    if (stale) return stale;
    const status = row.status as BreachStatus;
    const to = breachTransition(status, step.event);
    if (!to) return conflict(`This cannot be done to a breach that is ${breachStatusLabels[status].text.toLowerCase()}.`);
    const parsed = step.schema.safeParse(fields);
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const now = deps.now();
    const pack = deps.packs.get(row.pack)!;
    const result = await step.run({ deps, trx, actor, row, pack, input: parsed.data, now });
    if ('errors' in result) return invalid(result.errors);
    if ('conflict' in result) return conflict(result.conflict);
    await updateBreach(trx, actor.partnershipId, row.id, { ...result.patch, status: to, ...(to === 'closed' ? { closed_at: now } : {}) });
    await addBreachEvent(deps, trx, actor, row.id, step.event, { details: result.details, note: result.note, at: result.at });
    await appendAudit(trx, auditActor(actor), { action: step.action, subjectType: 'breach', subjectId: row.id, details: { from: status, to, ...result.details } });
    for (const n of result.notify ?? []) await notify(trx, now, actor.partnershipId, n.kind, `/breaches/${row.id}`, n.to, actor.userId);
    return ok({ status: to });
  });
}

/** Instants a step records must not be in the future. */
export const notInFuture = (path: string, at: Date | null | undefined, now: Date): FieldError[] =>
  at && at.getTime() > now.getTime() ? [{ path, message: 'The date must be today or in the past' }] : [];
