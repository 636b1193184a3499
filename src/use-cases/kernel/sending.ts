// Shared by preparing and sending a disclosure: the decision it is sent under, as the domain's
// send rules (src/domain/disclosures.ts sendBlockers) read it — including the recipient's standing
// under the partnership's information sharing agreement (src/domain/agreements.ts partyStanding).
import type { sendContext } from '../../db/queries/disclosures.ts';
import { partyStanding } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { SendingDecision } from '../../domain/disclosures.ts';
import type { Pack } from '../../domain/protocol/pack.ts';

export const sendingDecision = (c: NonNullable<Awaited<ReturnType<typeof sendContext>>>, packs: { get(ref: string): Pack | undefined }, now: Date): SendingDecision => {
  const agreementPack = c.agreement_pack ? packs.get(c.agreement_pack) : undefined;
  return {
    agencyId: c.agency_id,
    decidedBy: c.decided_by,
    action: c.action,
    recipientAgencyId: c.recipient_agency_id,
    recipientStanding: partyStanding(
      agreementPack && c.agreement_pack ? { pack: agreementPack, packRef: c.agreement_pack } : null,
      {
        active: c.recipient_active === true && c.recipient_name !== null,
        isParty: c.recipient_party !== null,
        signature: c.recipient_signature_pack && c.recipient_signed_on ? { pack: c.recipient_signature_pack, signedOn: c.recipient_signed_on, lapsedOn: c.recipient_lapsed_on } : null,
      },
      londonDateOf(now),
    ),
    sentDisclosureId: c.sent_disclosure_id,
  };
};
