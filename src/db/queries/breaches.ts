// Breach register queries: one breach with its parties, children, disclosures, clocks and history;
// the register; the clocks the reminder job must act on. No rules here: who may see what is
// decided in src/domain/breaches.ts.
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { BreachClockTable, BreachEventTable, BreachTable, DB } from '../schema.ts';

export async function insertBreach(
  db: Kysely<DB>,
  rows: {
    breach: Insertable<BreachTable>;
    parties: { agency_id: string; capacity: string }[];
    children: string[];
    disclosures: string[];
    clocks: Omit<Insertable<BreachClockTable>, 'partnership_id' | 'breach_id'>[];
  },
) {
  const { partnership_id, id } = rows.breach;
  await db.insertInto('breach').values(rows.breach).execute();
  const key = { partnership_id, breach_id: id };
  if (rows.parties.length)
    await db
      .insertInto('breach_party')
      .values(rows.parties.map((p) => ({ ...key, ...p })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  if (rows.children.length)
    await db
      .insertInto('breach_child')
      .values(rows.children.map((child_id) => ({ ...key, child_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  if (rows.disclosures.length)
    await db
      .insertInto('breach_disclosure')
      .values(rows.disclosures.map((disclosure_id) => ({ ...key, disclosure_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  if (rows.clocks.length)
    await db
      .insertInto('breach_clock')
      .values(rows.clocks.map((c) => ({ ...key, ...c })))
      .execute();
}

export async function findBreach(db: Kysely<DB>, partnershipId: string, breachId: string) {
  return db
    .selectFrom('breach as b')
    .innerJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'b.partnership_id').onRef('ra.id', '=', 'b.reporting_agency_id'))
    .innerJoin('agency as la', (j) => j.onRef('la.partnership_id', '=', 'b.partnership_id').onRef('la.id', '=', 'b.lead_agency_id'))
    .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'b.partnership_id').onRef('u.id', '=', 'b.reported_by'))
    .selectAll('b')
    .select(['ra.name as reporting_agency_name', 'la.name as lead_agency_name', 'u.display_name as reported_by_name'])
    .select((eb) =>
      eb
        .selectFrom('breach_party as p')
        .select(sql<string[]>`coalesce(array_agg(distinct p.agency_id), '{}')`.as('ids'))
        .whereRef('p.partnership_id', '=', 'b.partnership_id')
        .whereRef('p.breach_id', '=', 'b.id')
        .as('party_agency_ids'),
    )
    .where('b.partnership_id', '=', partnershipId)
    .where('b.id', '=', breachId)
    .executeTakeFirst();
}
export type BreachRow = NonNullable<Awaited<ReturnType<typeof findBreach>>>;

/** Lock the breach row for the rest of the transaction (steps on one breach happen one at a time). */
export async function lockBreach(db: Kysely<DB>, partnershipId: string, breachId: string) {
  await db.selectFrom('breach').select('id').where('partnership_id', '=', partnershipId).where('id', '=', breachId).forUpdate().execute();
}

export async function updateBreach(db: Kysely<DB>, partnershipId: string, breachId: string, patch: Updateable<BreachTable>) {
  await db.updateTable('breach').set(patch).where('partnership_id', '=', partnershipId).where('id', '=', breachId).execute();
}

export async function addBreachParties(db: Kysely<DB>, partnershipId: string, breachId: string, parties: { agency_id: string; capacity: string }[]) {
  if (parties.length)
    await db
      .insertInto('breach_party')
      .values(parties.map((p) => ({ partnership_id: partnershipId, breach_id: breachId, ...p })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function breachParties(db: Kysely<DB>, partnershipId: string, breachId: string) {
  return db
    .selectFrom('breach_party as p')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'p.partnership_id').onRef('a.id', '=', 'p.agency_id'))
    .select(['p.agency_id', 'p.capacity', 'a.name'])
    .where('p.partnership_id', '=', partnershipId)
    .where('p.breach_id', '=', breachId)
    .orderBy('a.name')
    .execute();
}

export async function breachChildren(db: Kysely<DB>, partnershipId: string, breachId: string) {
  return db
    .selectFrom('breach_child as bc')
    .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'bc.partnership_id').onRef('c.id', '=', 'bc.child_id'))
    .select(['c.id', 'c.given_name', 'c.family_name', 'c.date_of_birth'])
    .where('bc.partnership_id', '=', partnershipId)
    .where('bc.breach_id', '=', breachId)
    .orderBy('c.family_name')
    .execute();
}

export async function breachDisclosures(db: Kysely<DB>, partnershipId: string, breachId: string) {
  return db
    .selectFrom('breach_disclosure as bd')
    .innerJoin('disclosure as d', (j) => j.onRef('d.partnership_id', '=', 'bd.partnership_id').onRef('d.id', '=', 'bd.disclosure_id'))
    .innerJoin('agency as fa', (j) => j.onRef('fa.partnership_id', '=', 'd.partnership_id').onRef('fa.id', '=', 'd.from_agency_id'))
    .innerJoin('agency as ta', (j) => j.onRef('ta.partnership_id', '=', 'd.partnership_id').onRef('ta.id', '=', 'd.to_agency_id'))
    .select(['d.id', 'd.sent_at', 'd.status', 'fa.name as from_agency_name', 'ta.name as to_agency_name'])
    .where('bd.partnership_id', '=', partnershipId)
    .where('bd.breach_id', '=', breachId)
    .orderBy('d.sent_at')
    .execute();
}

/** The disclosures named in a report, with who sent and received them and who originated their items. */
export async function disclosureParties(db: Kysely<DB>, partnershipId: string, disclosureIds: readonly string[]) {
  if (!disclosureIds.length) return [];
  return db
    .selectFrom('disclosure as d')
    .select(['d.id', 'd.child_id', 'd.from_agency_id', 'd.from_user_id', 'd.to_agency_id', 'd.to_user_id', 'd.status'])
    .select((eb) =>
      eb
        .selectFrom('disclosure_item as i')
        .select(sql<string[]>`coalesce(array_agg(distinct i.originator_agency_id), '{}')`.as('o'))
        .whereRef('i.partnership_id', '=', 'd.partnership_id')
        .whereRef('i.disclosure_id', '=', 'd.id')
        .as('originator_agency_ids'),
    )
    .where('d.partnership_id', '=', partnershipId)
    .where('d.id', 'in', [...disclosureIds])
    .execute();
}

export async function breachClocks(db: Kysely<DB>, partnershipId: string, breachId: string) {
  return db.selectFrom('breach_clock').selectAll().where('partnership_id', '=', partnershipId).where('breach_id', '=', breachId).orderBy('position').execute();
}
export type BreachClockRow = Awaited<ReturnType<typeof breachClocks>>[number];

/** Start clocks whose event has now happened (e.g. the meeting). */
export async function startBreachClock(db: Kysely<DB>, partnershipId: string, breachId: string, deadlineId: string, times: { started_at: Date; due_at: Date; remind_at: Date }) {
  await db
    .updateTable('breach_clock')
    .set(times)
    .where('partnership_id', '=', partnershipId)
    .where('breach_id', '=', breachId)
    .where('deadline_id', '=', deadlineId)
    .where('started_at', 'is', null)
    .execute();
}

/** Mark a clock met; returns whether it was still open. */
export async function meetBreachClock(db: Kysely<DB>, partnershipId: string, breachId: string, deadlineId: string, metAt: Date, metBy: string): Promise<boolean> {
  const rows = await db
    .updateTable('breach_clock')
    .set({ met_at: metAt, met_by: metBy })
    .where('partnership_id', '=', partnershipId)
    .where('breach_id', '=', breachId)
    .where('deadline_id', '=', deadlineId)
    .where('met_at', 'is', null)
    .returning('deadline_id')
    .execute();
  return rows.length > 0;
}

export async function insertBreachEvent(db: Kysely<DB>, row: Insertable<BreachEventTable>) {
  await db.insertInto('breach_event').values(row).execute();
}

export async function breachEvents(db: Kysely<DB>, partnershipId: string, breachId: string) {
  return db
    .selectFrom('breach_event as e')
    .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'e.partnership_id').onRef('u.id', '=', 'e.by_user_id'))
    .leftJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'e.partnership_id').onRef('a.id', '=', 'e.by_agency_id'))
    .select(['e.id', 'e.at', 'e.kind', 'e.details', 'e.sealed', 'u.display_name as by_name', 'a.name as by_agency_name'])
    .where('e.partnership_id', '=', partnershipId)
    .where('e.breach_id', '=', breachId)
    .orderBy('e.seq')
    .execute();
}

/** The register: every breach in the partnership (`agencyId` null), or those an agency is party to
 *  or a person reported; with the next clock due and how many are overdue at `now`. */
export async function listBreaches(db: Kysely<DB>, partnershipId: string, filter: { agencyId: string | null; reportedBy: string | null }, now: Date, limit = 500) {
  let q = db
    .selectFrom('breach as b')
    .innerJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'b.partnership_id').onRef('ra.id', '=', 'b.reporting_agency_id'))
    .innerJoin('agency as la', (j) => j.onRef('la.partnership_id', '=', 'b.partnership_id').onRef('la.id', '=', 'b.lead_agency_id'))
    .select([
      'b.id',
      'b.kind',
      'b.status',
      'b.severity',
      'b.reported_at',
      'b.identified_at',
      'b.closed_at',
      'b.ico_decision',
      'b.individuals_decision',
      'b.reported_by',
      'b.reporting_agency_id',
      'b.lead_agency_id',
      'ra.name as reporting_agency_name',
      'la.name as lead_agency_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('breach_clock as c')
        .select(sql<Date | null>`min(c.due_at)`.as('d'))
        .whereRef('c.partnership_id', '=', 'b.partnership_id')
        .whereRef('c.breach_id', '=', 'b.id')
        .where('c.met_at', 'is', null)
        .as('next_due_at'),
      eb
        .selectFrom('breach_clock as c')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('c.partnership_id', '=', 'b.partnership_id')
        .whereRef('c.breach_id', '=', 'b.id')
        .where('c.met_at', 'is', null)
        .where('c.due_at', '<', now)
        .as('overdue_clocks'),
    ])
    .where('b.partnership_id', '=', partnershipId);
  if (filter.agencyId !== null || filter.reportedBy !== null) {
    q = q.where((eb) =>
      eb.or([
        ...(filter.reportedBy ? [eb('b.reported_by', '=', filter.reportedBy)] : []),
        ...(filter.agencyId
          ? [
              eb.exists(
                eb
                  .selectFrom('breach_party as p')
                  .select('p.agency_id')
                  .whereRef('p.partnership_id', '=', 'b.partnership_id')
                  .whereRef('p.breach_id', '=', 'b.id')
                  .where('p.agency_id', '=', filter.agencyId),
              ),
            ]
          : []),
      ]),
    );
  }
  return q.orderBy('b.reported_at', 'desc').limit(limit).execute();
}
export type BreachListRow = Awaited<ReturnType<typeof listBreaches>>[number];

/** Clocks of open breaches due a reminder or an escalation at `now`. */
export async function clocksToAct(db: Kysely<DB>, now: Date, batch: number) {
  return db
    .selectFrom('breach_clock as c')
    .innerJoin('breach as b', (j) => j.onRef('b.partnership_id', '=', 'c.partnership_id').onRef('b.id', '=', 'c.breach_id'))
    .select(['c.partnership_id', 'c.breach_id', 'c.deadline_id', 'c.action', 'c.due_at', 'c.remind_at', 'c.reminded_at', 'c.escalated_at', 'b.lead_agency_id', 'b.pack'])
    .where('b.closed_at', 'is', null)
    .where('c.met_at', 'is', null)
    .where((eb) => eb.or([eb.and([eb('c.remind_at', '<=', now), eb('c.reminded_at', 'is', null)]), eb.and([eb('c.due_at', '<=', now), eb('c.escalated_at', 'is', null)])]))
    .orderBy('c.due_at')
    .limit(batch)
    .execute();
}

/** Claim a reminder or escalation, so that it is sent once; false if it was already sent or the clock met. */
export async function claimClockNotice(db: Kysely<DB>, partnershipId: string, breachId: string, deadlineId: string, notice: 'reminded_at' | 'escalated_at', now: Date): Promise<boolean> {
  const patch = notice === 'escalated_at' ? { escalated_at: now, reminded_at: sql<Date>`coalesce(reminded_at, ${now})` } : { reminded_at: now };
  const rows = await db
    .updateTable('breach_clock')
    .set(patch)
    .where('partnership_id', '=', partnershipId)
    .where('breach_id', '=', breachId)
    .where('deadline_id', '=', deadlineId)
    .where('met_at', 'is', null)
    .where(notice, 'is', null)
    .returning('deadline_id')
    .execute();
  return rows.length > 0;
}

/** Active staff of the partnership holding one of `roles` (e.g. its partnership managers). */
export async function staffWithRoles(db: Kysely<DB>, partnershipId: string, roles: readonly string[]) {
  const rows = await db
    .selectFrom('staff_user')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('active', '=', true)
    .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`)
    .execute();
  return rows.map((r) => r.id);
}

/** Mark a disclosure returned by its recipient; false if it was not in a state to return. */
export async function markDisclosureReturned(db: Kysely<DB>, partnershipId: string, disclosureId: string, from: readonly string[]): Promise<boolean> {
  const rows = await db
    .updateTable('disclosure')
    .set({ status: 'returned', wrapped_key: null })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', disclosureId)
    .where('status', 'in', [...from])
    .returning('id')
    .execute();
  return rows.length > 0;
}
