// The gateway: the one way a use case reaches a record on behalf of an actor. It loads the record,
// asks the domain whether the actor may do what they are attempting to it, and either returns it
// or appends the refused attempt to the audit log (outcome "denied" when the record exists, "not
// found" otherwise) and returns undefined — callers answer "not found" either way, so a record
// outside the actor's reach is never revealed (DESIGN "Security defaults"; ADR 0003). It runs in
// the caller's transaction, so the denial is audited with whatever else the step writes.
//
// Each kind of record is registered below with its query (src/db/queries/) and its access rule
// (src/domain/); a new register adds its kind here and nowhere else.
import { childExists, findVisibleChild, type ChildRow } from '../../db/queries/children.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from './actor.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './deps.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** How the gateway reaches one kind of record. */
export interface RecordKind<Row> {
  /** The audit event's subject type, e.g. "child", "request". */
  subjectType: string;
  /** Load the row, confined to the actor's partnership; undefined if there is none. */
  load(trx: Tx, actor: Actor, id: string): Promise<Row | undefined>;
  /** The child the record is about, for the audit event (null if it is not about one child). */
  childOf(row: Row): string | null;
  /** Run only for a record the actor may reach (e.g. lock it for update). */
  onReached?(trx: Tx, actor: Actor, row: Row): Promise<void>;
}

/** The record if it exists in the actor's partnership and `allowed` says the actor may do
 *  `attempted` to it; otherwise the refused attempt is audited and undefined returned. */
export async function reach<Row>(
  trx: Tx,
  actor: Actor,
  kind: RecordKind<Row>,
  id: string,
  attempted: string,
  allowed: (row: Row) => boolean,
): Promise<Row | undefined> {
  const row = isUuid(id) ? await kind.load(trx, actor, id) : undefined;
  if (row !== undefined && allowed(row)) {
    await kind.onReached?.(trx, actor, row);
    return row;
  }
  await auditRefusal(trx, actor, kind.subjectType, attempted, id, row === undefined ? undefined : kind.childOf(row));
  return undefined;
}

/** Audit a refused attempt on a record: "denied" when the record exists (`childId` is then known,
 *  or null), "not_found" when it does not (`childId` undefined). */
export async function auditRefusal(trx: Tx, actor: Actor, subjectType: string, attempted: string, id: string, childId: string | null | undefined) {
  await appendAudit(trx, auditActor(actor), {
    action: attempted,
    outcome: childId === undefined ? 'not_found' : 'denied',
    subjectType,
    subjectId: isUuid(id) ? id : undefined,
    childId: childId ?? undefined,
  });
}

/** A child the actor's agency holds or is involved with (ADR 0003). A child that exists but is out
 *  of reach is audited as denied, with the child's id so the lead agency sees the attempt. */
export async function reachChild(trx: Tx, actor: Actor, childId: string, attempted: string): Promise<ChildRow | undefined> {
  const child = isUuid(childId) ? await findVisibleChild(trx, scopeOf(actor), childId) : undefined;
  if (child) return child;
  const exists = isUuid(childId) && (await childExists(trx, actor.partnershipId, childId));
  await auditRefusal(trx, actor, 'child', attempted, childId, exists ? childId : undefined);
  return undefined;
}

// --- Breaches and incidents (src/domain/breaches.ts decides who may see and act) ---------------
import { findBreach, type BreachRow } from '../../db/queries/breaches.ts';

/** A breach: loaded with its party agencies, then locked for the step (steps happen one at a time). */
export const breachRecord: RecordKind<BreachRow> = {
  subjectType: 'breach',
  load: (trx, actor, id) => findBreach(trx, actor.partnershipId, id),
  // A breach may concern several children (or none); its children are on the record itself.
  childOf: () => null,
  onReached: async (trx, actor, row) => {
    await trx.selectFrom('breach').select('id').where('partnership_id', '=', actor.partnershipId).where('id', '=', row.id).forUpdate().execute();
  },
};
