import { type Insertable, type Kysely, sql } from 'kysely';
import type { AuditEventTable, DB, DecisionTable } from '../schema.ts';
import { visibleChildIds } from './children.ts';
import type { Scope } from './scope.ts';

const decisionColumns = [
  'decision.id',
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
] as const;

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('decision')
    .innerJoin('agency as by_agency', (j) => j.onRef('by_agency.partnership_id', '=', 'decision.partnership_id').onRef('by_agency.id', '=', 'decision.agency_id'))
    .innerJoin('staff_user', (j) => j.onRef('staff_user.partnership_id', '=', 'decision.partnership_id').onRef('staff_user.id', '=', 'decision.decided_by'))
    .leftJoin('agency as to_agency', (j) => j.onRef('to_agency.partnership_id', '=', 'decision.partnership_id').onRef('to_agency.id', '=', 'decision.recipient_agency_id'))
    .select(decisionColumns)
    .select(['by_agency.name as agency_name', 'staff_user.display_name as decided_by_name', 'to_agency.name as recipient_agency_name']);
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
export async function insertDecisionAndAudit(db: Kysely<DB>, decision: Insertable<DecisionTable>, audit: Insertable<AuditEventTable>) {
  await db
    .with('recorded', (q) => q.insertInto('decision').values(decision).returning('id'))
    .insertInto('audit_event')
    .values(audit)
    .execute();
}
