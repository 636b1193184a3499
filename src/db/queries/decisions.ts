import { type Insertable, type Kysely, type QueryCreator, sql, type Updateable } from 'kysely';
import type { AuditEventTable, DB, DecisionTable } from '../schema.ts';
import { visibleChildIds } from './children.ts';
import type { Scope } from './scope.ts';

const decisionColumns = [
  'decision.id',
  'decision.version',
  'decision.partnership_id',
  'decision.child_id',
  'decision.agency_id',
  'decision.decided_by',
  'decision.decided_at',
  'decision.pack',
  'decision.engine_version',
  'decision.answers',
  'decision.result',
  'decision.outcome',
  'decision.action',
  'decision.recipient_agency_id',
  'decision.recipient_other',
  'decision.purpose',
  'decision.consent',
  'decision.sealed',
  'decision.correlation_id',
  'decision.request_id',
  'decision.source_disclosure_id',
  'decision.approval_status',
  'decision.approver_role',
  'decision.approved_by',
  'decision.approved_at',
  'decision.approval_sealed',
  'decision.withdrawn_by',
  'decision.withdrawn_at',
  'decision.withdrawal_sealed',
] as const;

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('decision')
    .innerJoin('agency as by_agency', (j) => j.onRef('by_agency.partnership_id', '=', 'decision.partnership_id').onRef('by_agency.id', '=', 'decision.agency_id'))
    .innerJoin('staff_user', (j) => j.onRef('staff_user.partnership_id', '=', 'decision.partnership_id').onRef('staff_user.id', '=', 'decision.decided_by'))
    .leftJoin('agency as to_agency', (j) => j.onRef('to_agency.partnership_id', '=', 'decision.partnership_id').onRef('to_agency.id', '=', 'decision.recipient_agency_id'))
    .leftJoin('staff_user as approver', (j) => j.onRef('approver.partnership_id', '=', 'decision.partnership_id').onRef('approver.id', '=', 'decision.approved_by'))
    .leftJoin('staff_user as withdrawer', (j) => j.onRef('withdrawer.partnership_id', '=', 'decision.partnership_id').onRef('withdrawer.id', '=', 'decision.withdrawn_by'))
    .leftJoin('disclosure as sent', (j) => j.onRef('sent.partnership_id', '=', 'decision.partnership_id').onRef('sent.decision_id', '=', 'decision.id'))
    .select(decisionColumns)
    .select([
      'by_agency.name as agency_name',
      'staff_user.display_name as decided_by_name',
      'to_agency.name as recipient_agency_name',
      'approver.display_name as approved_by_name',
      'withdrawer.display_name as withdrawn_by_name',
      'sent.id as sent_disclosure_id',
    ]);
}

/** A decision of the scope's partnership with the names it shows, its child's name, and whether
 *  the scope's agency can see that child (`child_visible`). */
export async function findDecision(db: Kysely<DB>, scope: Scope, decisionId: string) {
  return withNames(db)
    .innerJoin('child', (j) => j.onRef('child.partnership_id', '=', 'decision.partnership_id').onRef('child.id', '=', 'decision.child_id'))
    .select(['child.given_name as child_given_name', 'child.family_name as child_family_name'])
    .select((eb) => eb.exists(visibleChildIds(db, scope).where('child.id', '=', eb.ref('decision.child_id'))).as('child_visible'))
    .where('decision.partnership_id', '=', scope.partnershipId)
    .where('decision.id', '=', decisionId)
    .executeTakeFirst();
}

export type DecisionRow = NonNullable<Awaited<ReturnType<typeof findDecision>>>;

/** Everything recording a decision needs to check, in one query: the child (if the agency can
 *  see it), the partnership's protocol pack, and the named recipient agency (if any). */
export async function decisionContext(db: Kysely<DB>, scope: Scope, childId: string, recipientAgencyId: string | null) {
  return db
    .selectFrom('partnership')
    .leftJoin('agency as recipient', (j) =>
      recipientAgencyId === null ? j.on(sql<boolean>`false`) : j.onRef('recipient.partnership_id', '=', 'partnership.id').on('recipient.id', '=', recipientAgencyId),
    )
    .select(['partnership.pack', 'recipient.id as recipient_id', 'recipient.active as recipient_active'])
    .select((eb) => eb.exists(visibleChildIds(db, scope).where('child.id', '=', childId)).as('child_visible'))
    .where('partnership.id', '=', scope.partnershipId)
    .executeTakeFirstOrThrow();
}

/** Insert a decision and its audit event in one statement (so they commit together). */
export async function insertDecisionAndAudit(db: QueryCreator<DB>, decision: Insertable<DecisionTable>, audit: Insertable<AuditEventTable>) {
  await db
    .with('recorded', (q) => q.insertInto('decision').values(decision).returning('id'))
    .insertInto('audit_event')
    .values(audit)
    .execute();
}

/** Lock a decision for a change of its state (approval, withdrawal), with whether anything was sent under it. */
export async function lockDecision(db: Kysely<DB>, partnershipId: string, decisionId: string) {
  return db
    .selectFrom('decision')
    .select(['id', 'version', 'child_id', 'agency_id', 'decided_by', 'action', 'approval_status', 'approver_role', 'withdrawn_at'])
    .select((eb) => eb.exists(eb.selectFrom('disclosure as x').select('x.id').whereRef('x.partnership_id', '=', 'decision.partnership_id').whereRef('x.decision_id', '=', 'decision.id')).as('sent'))
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', decisionId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateDecisionState(db: Kysely<DB>, partnershipId: string, decisionId: string, patch: Updateable<DecisionTable>) {
  await db.updateTable('decision').set(patch).where('partnership_id', '=', partnershipId).where('id', '=', decisionId).execute();
}

/** Decisions in the scope's agency waiting for approval by someone holding `roles`. */
export async function approvalsAwaiting(db: Kysely<DB>, scope: Scope, roles: readonly string[]) {
  if (!roles.length) return [];
  return withNames(db)
    .innerJoin('child', (j) => j.onRef('child.partnership_id', '=', 'decision.partnership_id').onRef('child.id', '=', 'decision.child_id'))
    .select(['child.given_name as child_given_name', 'child.family_name as child_family_name'])
    .where('decision.partnership_id', '=', scope.partnershipId)
    .where('decision.agency_id', '=', scope.agencyId)
    .where('decision.approval_status', '=', 'pending')
    .where('decision.approver_role', 'in', [...roles])
    .where('decision.withdrawn_at', 'is', null)
    .orderBy('decision.decided_at')
    .execute();
}
