// Shared by preparing and sending a disclosure and by the decision pages: the decision it is sent
// under, as the domain's send rules (src/domain/disclosures.ts sendBlockers) read it — with what the
// decision's pack says about explicit consent, the recipient's membership of the partnership, and
// its standing under the partnership's information sharing agreement (src/domain/agreements.ts
// partyStanding).
import type { sendContext } from '../../db/queries/disclosures.ts';
import { LEVELS, type Level } from '../../domain/decision/answers.ts';
import { explicitConsentCovered, type SendingDecision } from '../../domain/disclosures.ts';
import type { Pack } from '../../domain/protocol/pack.ts';
import { standingOf } from './standing.ts';

export const sendingDecision = (c: NonNullable<Awaited<ReturnType<typeof sendContext>>>, packs: { get(ref: string): Pack | undefined }, now: Date): SendingDecision => {
  const pack = packs.get(c.pack)!;
  const answers = c.answers as { level?: unknown; consent?: unknown; harm?: unknown; consentNotSoughtReason?: unknown };
  return {
    agencyId: c.agency_id,
    decidedBy: c.decided_by,
    action: c.action,
    recipientAgencyId: c.recipient_agency_id,
    recipientMembership: c.recipient_membership,
    recipientStanding: standingOf(c, packs, now),
    sentDisclosureId: c.sent_disclosure_id,
    withdrawn: c.withdrawn_at !== null,
    approvalStatus: c.approval_status,
    decidedLevel: LEVELS.includes(answers.level as Level) ? (answers.level as Level) : null,
    explicitConsentLevels: pack.consent.explicitConsentRequiredFor.levels,
    explicitConsentCovered: explicitConsentCovered(pack.consent.exceptions, answers),
  };
};
