import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

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

export async function decisionsForChild(db: Kysely<DB>, partnershipId: string, childId: string) {
  return withNames(db)
    .where('decision.partnership_id', '=', partnershipId)
    .where('decision.child_id', '=', childId)
    .orderBy('decision.decided_at', 'desc')
    .orderBy('decision.id')
    .execute();
}

export async function findDecision(db: Kysely<DB>, partnershipId: string, decisionId: string) {
  return withNames(db).where('decision.partnership_id', '=', partnershipId).where('decision.id', '=', decisionId).executeTakeFirst();
}

export type DecisionRow = NonNullable<Awaited<ReturnType<typeof findDecision>>>;
