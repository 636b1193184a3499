// The items a request for onward agreement is about: the originator's own items in the received
// information. Once answered, those it answered (item by item); while it waits, those not already
// agreed for the same recipient under an earlier answer (a partly agreed request can be asked
// again for the rest).
import { disclosureItems } from '../../db/queries/disclosures.ts';
import { agreementItemAnswers, onwardItemAnswers } from '../../db/queries/onward-agreements.ts';
import type { Tx } from '../kernel/deps.ts';

export async function agreementItems(
  trx: Tx,
  partnershipId: string,
  g: { id: string; disclosure_id: string; originator_agency_id: string; requesting_agency_id: string; to_agency_id: string; status: string },
) {
  const own = (await disclosureItems(trx, partnershipId, g.disclosure_id)).filter((i) => i.originator_agency_id === g.originator_agency_id);
  const answers = await agreementItemAnswers(trx, partnershipId, [g.id]);
  if (g.status !== 'requested') {
    return own.filter((i) => answers.some((a) => a.item_id === i.id)).map((i) => ({ ...i, agreed: answers.find((a) => a.item_id === i.id)!.agreed as boolean | null }));
  }
  const earlier = await onwardItemAnswers(trx, partnershipId, g.disclosure_id, g.requesting_agency_id, g.to_agency_id);
  const agreed = new Set(earlier.filter((a) => a.agreed).map((a) => a.item_id));
  return own.filter((i) => !agreed.has(i.id)).map((i) => ({ ...i, agreed: null as boolean | null }));
}
