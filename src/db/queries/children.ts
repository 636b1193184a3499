// Child queries. Every read is confined to the partnership and to children the scope's agency
// holds or is involved with; callers get `undefined` for anything else.
import { type Insertable, type Kysely, sql } from 'kysely';
import type { ChildTable, DB, FamilyMemberTable, InvolvementTable } from '../schema.ts';
import type { Scope } from './scope.ts';

const childColumns = [
  'child.id',
  'child.partnership_id',
  'child.given_name',
  'child.family_name',
  'child.aliases',
  'child.date_of_birth',
  'child.gender',
  'child.ethnicity',
  'child.address',
  'child.postcode',
  'child.phone',
  'child.current_setting',
  'child.nhs_number',
  'child.care_leaver',
  'child.send',
  'child.created_at',
] as const;

/**
 * THE rule of who sees a child, and the one place it is written: the children of the scope's
 * partnership that the scope's agency holds or has a recorded involvement with (ADR 0003;
 * Southampton 2010 s.7 "need to know"; Wirral 2022 s.4.3). The rule lives only here, in SQL,
 * because every list, search and read must apply it inside the query (a page of results filtered
 * afterwards would leak counts and cost a round trip). Select from it, or join it as `seen_child`
 * (`visibleChildIds`) to confine another table's rows to children the agency can see. A scope that
 * `seesChildren: false` (administration roles only, ADR 0044) sees none.
 */
export function visibleChildren(db: Kysely<DB>, scope: Scope) {
  const q = db
    .selectFrom('child')
    .innerJoin('involvement', (j) =>
      j
        .onRef('involvement.partnership_id', '=', 'child.partnership_id')
        .onRef('involvement.child_id', '=', 'child.id')
        .on('involvement.agency_id', '=', scope.agencyId)
        // A break-glass grant is an involvement that ends by itself (ADR 0050), on the database's clock.
        .on((eb) => eb.or([eb('involvement.expires_at', 'is', null), eb('involvement.expires_at', '>', sql<Date>`now()`)])),
    )
    .where('child.partnership_id', '=', scope.partnershipId);
  return scope.seesChildren === false ? q.where(sql<boolean>`false`) : q;
}

/** The ids of the children the scope's agency can see, as a subquery to join or test `in`. */
export function visibleChildIds(db: Kysely<DB>, scope: Scope) {
  return visibleChildren(db, scope).select('child.id');
}

export async function findVisibleChild(db: Kysely<DB>, scope: Scope, childId: string) {
  return visibleChildren(db, scope).select(childColumns).where('child.id', '=', childId).executeTakeFirst();
}

export type ChildRow = NonNullable<Awaited<ReturnType<typeof findVisibleChild>>>;

export async function involvedAgencies(db: Kysely<DB>, partnershipId: string, childId: string) {
  return db
    .selectFrom('involvement')
    .innerJoin('agency', (j) => j.onRef('agency.partnership_id', '=', 'involvement.partnership_id').onRef('agency.id', '=', 'involvement.agency_id'))
    .select(['agency.id', 'agency.name', 'involvement.kind', 'involvement.recorded_at'])
    .where('involvement.partnership_id', '=', partnershipId)
    .where('involvement.child_id', '=', childId)
    .orderBy('involvement.recorded_at')
    .execute();
}

export interface ChildSearch {
  name?: string | undefined;
  nhsNumber?: string | undefined;
  dateOfBirth?: string | undefined;
  limit: number;
}

export async function searchVisibleChildren(db: Kysely<DB>, scope: Scope, q: ChildSearch) {
  let query = visibleChildren(db, scope).select(childColumns);
  if (q.nhsNumber) query = query.where('child.nhs_number', '=', q.nhsNumber);
  if (q.dateOfBirth) query = query.where('child.date_of_birth', '=', q.dateOfBirth);
  if (q.name) {
    for (const word of q.name.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 4)) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(sql<string>`lower(child.given_name)`, 'like', like),
          eb(sql<string>`lower(child.family_name)`, 'like', like),
          eb(sql<string>`lower(array_to_string(child.aliases, ' '))`, 'like', like),
        ]),
      );
    }
  }
  return query.orderBy('child.family_name').orderBy('child.given_name').orderBy('child.id').limit(q.limit).execute();
}

export async function recentVisibleChildren(db: Kysely<DB>, scope: Scope, limit: number) {
  return visibleChildren(db, scope).select(childColumns).orderBy('involvement.recorded_at', 'desc').orderBy('child.id').limit(limit).execute();
}

/** Partnership-wide match on NHS number and date of birth: used only to avoid duplicate records. */
export async function findChildByIdentity(db: Kysely<DB>, partnershipId: string, nhsNumber: string, dateOfBirth: string) {
  return db
    .selectFrom('child')
    .select(['id', 'date_of_birth'])
    .where('partnership_id', '=', partnershipId)
    .where('nhs_number', '=', nhsNumber)
    .where('date_of_birth', '=', dateOfBirth)
    .executeTakeFirst();
}

/** Whether any record in the partnership holds the NHS number (for the audit log only, never an answer). */
export async function nhsNumberHeld(db: Kysely<DB>, partnershipId: string, nhsNumber: string) {
  const row = await db.selectFrom('child').select('id').where('partnership_id', '=', partnershipId).where('nhs_number', '=', nhsNumber).executeTakeFirst();
  return row !== undefined;
}

/** How many children the person has added or linked their agency to since `since` (the adding rate limit). */
export async function involvementsRecordedSince(db: Kysely<DB>, partnershipId: string, userId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('involvement')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('recorded_by', '=', userId)
    .where('recorded_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the child exists in the partnership at all (to tell a denied attempt from a wrong id). */
export async function childExists(db: Kysely<DB>, partnershipId: string, childId: string): Promise<boolean> {
  return (await db.selectFrom('child').select('id').where('partnership_id', '=', partnershipId).where('id', '=', childId).executeTakeFirst()) !== undefined;
}

export async function insertChild(db: Kysely<DB>, child: Insertable<ChildTable>): Promise<void> {
  await db.insertInto('child').values(child).execute();
}

export async function insertInvolvement(db: Kysely<DB>, involvement: Insertable<InvolvementTable>): Promise<void> {
  await db.insertInto('involvement').values(involvement).execute();
}

/** Record the agency as involved with the child, unless it already is; whether it was added. */
export async function recordInvolvement(db: Kysely<DB>, involvement: Insertable<InvolvementTable>): Promise<boolean> {
  const added = await db
    .insertInto('involvement')
    .values(involvement)
    .onConflict((oc) => oc.columns(['partnership_id', 'child_id', 'agency_id']).doNothing())
    .returning('agency_id')
    .execute();
  return added.length > 0;
}

export async function insertFamilyMember(db: Kysely<DB>, member: Insertable<FamilyMemberTable>): Promise<void> {
  await db.insertInto('family_member').values(member).execute();
}
