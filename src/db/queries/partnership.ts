// Small lookups many use cases share: the partnership's protocol pack, and whether an agency is a
// current party to the partnership's agreement.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export async function partnershipPack(db: Kysely<DB>, partnershipId: string): Promise<string> {
  const row = await db.selectFrom('partnership').select('pack').where('id', '=', partnershipId).executeTakeFirstOrThrow();
  return row.pack;
}

/** The agency if it is a current (active) party to the partnership; undefined otherwise. */
export async function activeAgency(db: Kysely<DB>, partnershipId: string, agencyId: string) {
  return db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('id', '=', agencyId).where('active', '=', true).executeTakeFirst();
}

/** Record that an agency is involved with a child (it can then see the child); whether it was not already. */
export async function addInvolvement(db: Kysely<DB>, row: { partnershipId: string; childId: string; agencyId: string; recordedBy: string }): Promise<boolean> {
  const added = await db
    .insertInto('involvement')
    .values({ partnership_id: row.partnershipId, child_id: row.childId, agency_id: row.agencyId, kind: 'involved', recorded_by: row.recordedBy })
    .onConflict((oc) => oc.doNothing())
    .returning('agency_id')
    .execute();
  return added.length > 0;
}
