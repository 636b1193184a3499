// Append an audit event inside the caller's transaction, so the event and the change (or read) it
// records commit together or not at all (DESIGN "Data"; Southampton 2010 s.18 item 14).
import type { Kysely } from 'kysely';
import { insertAuditEventBatch, insertAuditEvents } from '../../db/queries/audit-log.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../domain/staff.ts';

export type AuditOutcome = 'ok' | 'denied' | 'not_found' | 'invalid' | 'failed';

export interface AuditEntry {
  /** noun.verb-past, e.g. child.viewed, decision.recorded */
  action: string;
  outcome?: AuditOutcome;
  subjectType?: string;
  subjectId?: string;
  childId?: string;
  details?: Record<string, unknown>;
}

export interface AuditActor {
  partnershipId: string;
  userId: string | null;
  agencyId: string | null;
  via: Actor['via'] | 'system';
  correlationId: string;
}

/** The audit_event row for an entry: the one place that shapes audit events. */
export function auditValues(actor: AuditActor, entry: AuditEntry) {
  return {
    partnership_id: actor.partnershipId,
    actor_user_id: actor.userId,
    actor_agency_id: actor.agencyId,
    action: entry.action,
    outcome: entry.outcome ?? 'ok',
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    child_id: entry.childId ?? null,
    correlation_id: actor.correlationId,
    via: actor.via,
    details: JSON.stringify(entry.details ?? {}),
  };
}

export async function appendAudit(db: Kysely<DB>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await insertAuditEvents(db, [auditValues(actor, entry)]);
}

/** Append several events in one statement (one round trip): a step that records more than one
 *  thing, or a batch of any size (a disposal run records one event per record). They commit with
 *  the caller's transaction, in the order given. */
export async function appendAuditEvents(db: Kysely<DB>, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
  await insertAuditEventBatch(
    db,
    entries.map((e) => auditValues(actor, e)),
  );
}
