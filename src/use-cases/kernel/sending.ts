// Shared by preparing and sending a disclosure: the decision it is sent under, as the domain's
// send rules (src/domain/disclosures.ts sendBlockers) read it.
import type { sendContext } from '../../db/queries/disclosures.ts';
import type { SendingDecision } from '../../domain/disclosures.ts';

export const sendingDecision = (c: NonNullable<Awaited<ReturnType<typeof sendContext>>>): SendingDecision => ({
  agencyId: c.agency_id,
  decidedBy: c.decided_by,
  action: c.action,
  recipientAgencyId: c.recipient_agency_id,
  recipientActive: c.recipient_active === true && c.recipient_name !== null,
  recipientMembership: c.recipient_membership,
  sentDisclosureId: c.sent_disclosure_id,
});
