// Shared by preparing and sending a disclosure and by the decision pages: the decision it is sent
// under, as the domain's send rules (src/domain/disclosures.ts sendBlockers) read it, with what the
// decision's pack says about explicit consent.
import type { sendContext } from '../../db/queries/disclosures.ts';
import { LEVELS, type Level } from '../../domain/decision/answers.ts';
import { explicitConsentCovered, type SendingDecision } from '../../domain/disclosures.ts';
import type { Pack } from '../../domain/protocol/pack.ts';

export const sendingDecision = (c: NonNullable<Awaited<ReturnType<typeof sendContext>>>, pack: Pack): SendingDecision => {
  const answers = c.answers as { level?: unknown; consent?: unknown; harm?: unknown; consentNotSoughtReason?: unknown };
  return {
    agencyId: c.agency_id,
    decidedBy: c.decided_by,
    action: c.action,
    recipientAgencyId: c.recipient_agency_id,
    recipientActive: c.recipient_active === true && c.recipient_name !== null,
    recipientMembership: c.recipient_membership,
    sentDisclosureId: c.sent_disclosure_id,
    withdrawn: c.withdrawn_at !== null,
    approvalStatus: c.approval_status,
    decidedLevel: LEVELS.includes(answers.level as Level) ? (answers.level as Level) : null,
    explicitConsentLevels: pack.consent.explicitConsentRequiredFor.levels,
    explicitConsentCovered: explicitConsentCovered(pack.consent.exceptions, answers),
  };
};
