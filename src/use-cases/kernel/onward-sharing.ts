// Passing received information on needs every originator's agreement (Southampton 2010 s.11;
// Derby 2015 s.5.7). Used by a decision about passing information on and by sending it.

import type { Kysely } from 'kysely';
import { agreedOnwardAgreements, itemOriginators } from '../../db/queries/disclosures.ts';
import { agencyNames } from '../../db/queries/staff.ts';
import type { DB } from '../../db/schema.ts';
import { missingAgreements } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';

/** For passing items of a received disclosure to `toAgencyId`: the originators (by name) who have
 *  not agreed, and the agreements that allow it. `itemIds` narrows to some items. */
export async function onwardBlockers(db: Kysely<DB>, actor: Actor, disclosureId: string, toAgencyId: string, itemIds?: readonly string[]) {
  const items = await itemOriginators(db, actor.partnershipId, disclosureId, itemIds);
  const agreements = await agreedOnwardAgreements(db, actor.partnershipId, disclosureId, actor.agencyId, toAgencyId);
  // Information can always go back to the agency it came from.
  const agreed = new Set([...agreements.map((a) => a.originator_agency_id), toAgencyId]);
  const missingIds = missingAgreements(
    items.map((i) => ({ originatorAgencyId: i.originator_agency_id })),
    actor.agencyId,
    agreed,
  );
  const names = await agencyNames(db, actor.partnershipId, missingIds);
  const used = new Set(items.map((i) => i.originator_agency_id));
  return { missing: names, agreementIds: agreements.filter((a) => used.has(a.originator_agency_id)).map((a) => a.id) };
}
