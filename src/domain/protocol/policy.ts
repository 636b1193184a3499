// What the decision engine needs from a protocol pack. The engine never reads a pack directly:
// it takes this policy, so the same answers can give a different outcome under a different
// protocol, and the baseline policy is the HM Government advice the seeds cite.
import type { ConsentNotSoughtReason, Harm, Level, Purpose } from '../decision/answers.ts';
import type { LawfulBasisCode } from '../decision/engine.ts';
import { packRef, type Pack } from './pack.ts';

export interface DecisionPolicy {
  /** id@version of the pack, recorded with every decision. */
  pack: string;
  explicitConsent: {
    levels: readonly Level[];
    purposes: readonly Purpose[];
    /** Circumstances that lift the explicit-consent requirement. */
    exceptHarms: readonly Harm[];
    exceptNotSoughtReasons: readonly ConsentNotSoughtReason[];
  };
  minimumDataSetWithoutConsent: boolean;
  /** Children of this age or over are presumed competent to consent (null: assess each child). */
  competencePresumedFromAge: number | null;
  /** A child under 13 reported sexually active must be referred (not only discussed). */
  mandatoryReferralSexualActivityUnder13: boolean;
  smallNumberThreshold: number;
  preferredLawfulBases: readonly LawfulBasisCode[];
  /** Clause citations for the pack-driven rules, so fired rules cite the partnership's protocol. */
  clauses: { consent: string; referral: string | null; aggregate: string; lawfulBases: string };
}

export function decisionPolicy(p: Pack): DecisionPolicy {
  const referral = p.mandatoryReferrals.find((r) => r.when === 'sexual_activity_under_13');
  return {
    pack: packRef(p),
    explicitConsent: {
      levels: p.consent.explicitConsentRequiredFor.levels,
      purposes: p.consent.explicitConsentRequiredFor.purposes,
      exceptHarms: p.consent.exceptions.harms,
      exceptNotSoughtReasons: p.consent.exceptions.notSoughtReasons,
    },
    minimumDataSetWithoutConsent: p.consent.minimumDataSetWithoutConsent,
    competencePresumedFromAge: p.consent.competence.presumedFromAge,
    mandatoryReferralSexualActivityUnder13: referral !== undefined,
    smallNumberThreshold: p.aggregate.smallNumberThreshold,
    preferredLawfulBases: p.lawfulBases.preferred,
    clauses: { consent: p.consent.clause, referral: referral?.clause ?? null, aggregate: p.aggregate.clause, lawfulBases: p.lawfulBases.clause },
  };
}
