// One row of an access log — an agency's export or a child's "who has seen this record" — as
// information-governance staff read it: who, from which agency, did what, when, with its leaf in
// the tamper-evident log.
import type { AccessLogRow } from '../../db/queries/audit-log.ts';
import { auditActionLabels } from '../../domain/access-log.ts';

export interface AccessLogEntry {
  eventId: string;
  leafIndex: number | null;
  occurredAt: string;
  staffUserId: string | null;
  staffName: string | null;
  agencyId: string | null;
  agencyName: string | null;
  action: string;
  description: string;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  childId: string | null;
  via: string;
  correlationId: string;
  details: unknown;
}

export function toEntry(r: AccessLogRow): AccessLogEntry {
  return {
    eventId: r.id,
    leafIndex: r.leaf_index === null ? null : Number(r.leaf_index),
    occurredAt: new Date(r.occurred_at).toISOString(),
    staffUserId: r.actor_user_id,
    staffName: r.actor_name,
    agencyId: r.actor_agency_id,
    agencyName: r.agency_name,
    action: r.action,
    description: auditActionLabels[r.action] ?? r.action,
    outcome: r.outcome,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    childId: r.child_id,
    via: r.via,
    correlationId: r.correlation_id,
    details: JSON.parse(r.details) as unknown,
  };
}
