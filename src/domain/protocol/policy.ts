// A protocol pack as the decision engine's policy (src/domain/decision/policy.ts). The engine never
// reads a pack directly; this is the one place a pack's sections become the engine's knobs, each
// carrying the clause it comes from (docs/decisions/0008-protocol-packs.md). The dependency runs one
// way: protocol/ reads the decision vocabulary, the engine never imports protocol/.
import type { DecisionPolicy } from '../decision/policy.ts';
import { type Pack, packRef } from './pack.ts';

export function decisionPolicy(p: Pack): DecisionPolicy {
  const referral = p.mandatoryReferrals.find((r) => r.when === 'sexual_activity_under_13');
  const minimum = p.informationLevels.find((l) => l.level === 'minimum');
  return {
    pack: packRef(p),
    explicitConsent: {
      levels: p.consent.explicitConsentRequiredFor.levels,
      purposes: p.consent.explicitConsentRequiredFor.purposes,
      exceptHarms: p.consent.exceptions.harms,
      exceptNotSoughtReasons: p.consent.exceptions.notSoughtReasons,
    },
    minimumDataSetWithoutConsent: p.consent.minimumDataSetWithoutConsent,
    consentNotRequiredFor: p.consent.notRequiredFor.purposes,
    weighProportionalityFor: p.consent.weighProportionalityFor.purposes,
    competencePresumedFromAge: p.consent.competence.presumedFromAge,
    mandatoryReferralSexualActivityUnder13: referral !== undefined,
    referralTo: referral?.to ?? null,
    smallNumberThreshold: p.aggregate.smallNumberThreshold,
    preferredLawfulBases: p.lawfulBases.preferred,
    preferredLawfulBasesFor: p.lawfulBases.forPurposes,
    onwardSharingNeedsOriginatorAgreement: p.secondaryDisclosure.requiresOriginatorAgreement,
    showOriginator: p.accuracy.showOriginator,
    secureEmailOnly: p.dataResidency.secureEmailOnly,
    initialsInEmail: p.dataResidency.initialsInEmail,
    reasonsNotToShareGivenToRequester: p.recording.reasonsNotToShareGivenToRequester,
    clauses: {
      consent: p.consent.clause,
      explicitConsent: p.consent.explicitConsentRequiredFor.clause,
      exceptions: p.consent.exceptions.clause,
      minimumDataSet: minimum?.clause ?? p.consent.clause,
      notRequired: p.consent.notRequiredFor.clause,
      proportionality: p.consent.weighProportionalityFor.clause,
      competence: p.consent.competence.clause,
      referral: referral?.clause ?? null,
      aggregate: p.aggregate.clause,
      lawfulBases: p.lawfulBases.clause,
      secondaryDisclosure: p.secondaryDisclosure.clause,
      accuracy: p.accuracy.clause,
      transfer: p.dataResidency.clause,
      recording: p.recording.clause,
    },
  };
}
