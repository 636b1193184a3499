// Small lookups many use cases share: the partnership's protocol pack, and whether an agency is a
// current party to the partnership's agreement.
import type { Tx } from './deps.ts';

export async function partnershipPack(trx: Tx, partnershipId: string): Promise<string> {
  const row = await trx.selectFrom('partnership').select('pack').where('id', '=', partnershipId).executeTakeFirstOrThrow();
  return row.pack;
}

/** The agency if it is a current (active) party to the partnership; undefined otherwise. */
export async function activeAgency(trx: Tx, partnershipId: string, agencyId: string) {
  return trx
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', agencyId)
    .where('active', '=', true)
    .executeTakeFirst();
}
