// Counts for the unusual-access alert (ADR 0051): each person's successful child views per London
// day, from the audit log, over the day of `at` and the 28 days before it.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema.ts';

export interface DailyViews {
  partnership_id: string;
  user_id: string;
  agency_id: string;
  day: string;
  views: number;
}

/** Views per person per London day from `fromDay` to `toDay` (ISO dates, inclusive), for the people
 *  who viewed at least one record on `toDay`. */
export async function dailyChildViews(db: Kysely<DB>, fromDay: string, toDay: string): Promise<DailyViews[]> {
  const day = sql<string>`to_char(e.occurred_at at time zone 'Europe/London', 'YYYY-MM-DD')`;
  const rows = await db
    .selectFrom('audit_event as e')
    .select(['e.partnership_id', 'e.actor_user_id as user_id', 'e.actor_agency_id as agency_id', day.as('day'), (eb) => eb.fn.countAll<string>().as('views')])
    .where('e.action', '=', 'child.viewed')
    .where('e.outcome', '=', 'ok')
    .where('e.actor_user_id', 'is not', null)
    .where('e.actor_agency_id', 'is not', null)
    .where(sql<boolean>`(e.occurred_at at time zone 'Europe/London')::date between ${fromDay}::date and ${toDay}::date`)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('audit_event as t')
          .select('t.id')
          .whereRef('t.partnership_id', '=', 'e.partnership_id')
          .whereRef('t.actor_user_id', '=', 'e.actor_user_id')
          .where('t.action', '=', 'child.viewed')
          .where('t.outcome', '=', 'ok')
          .where(sql<boolean>`(t.occurred_at at time zone 'Europe/London')::date = ${toDay}::date`),
      ),
    )
    .groupBy(['e.partnership_id', 'e.actor_user_id', 'e.actor_agency_id', day])
    .execute();
  return rows.map((r) => ({ partnership_id: r.partnership_id, user_id: r.user_id!, agency_id: r.agency_id!, day: r.day, views: Number(r.views) }));
}

/** Whether a person has already been alerted about for `day`. */
export async function unusualRateAlerted(db: Kysely<DB>, partnershipId: string, userId: string, day: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_event')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('action', '=', 'access.unusual-rate-alerted')
    .where('subject_id', '=', userId)
    .where(sql<boolean>`details->>'day' = ${day}`)
    .executeTakeFirst();
  return row !== undefined;
}
