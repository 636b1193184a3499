// What the decision engine needs from a protocol pack. The engine never reads a pack directly:
// it takes this policy, so the same answers can give a different outcome under a different
// protocol, and the baseline policy is the HM Government advice the seeds cite. Every knob is data
// (never a pack id), and every knob the engine acts on carries the clause it comes from, so each
// rule it fires cites the partnership's own protocol (docs/decisions/0008-protocol-packs.md).
import type { ConsentNotSoughtReason, Harm, Level, Purpose } from './answers.ts';
import type { LawfulBasisCode } from './lawful-bases.ts';

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
  /** Purposes for which consent is not required: the family is informed instead. */
  consentNotRequiredFor: readonly Purpose[];
  /** Purposes for which, without consent, the protocol asks for a proportionality judgement. */
  weighProportionalityFor: readonly Purpose[];
  /** Children of this age or over are presumed competent to consent (null: assess each child). */
  competencePresumedFromAge: number | null;
  /** A child under 13 reported sexually active must be referred (not only discussed). */
  mandatoryReferralSexualActivityUnder13: boolean;
  /** Who such a referral goes to, in the protocol's words. */
  referralTo: string | null;
  smallNumberThreshold: number;
  preferredLawfulBases: readonly LawfulBasisCode[];
  /** The purposes for which the preferred Art. 6 bases are relied on. */
  preferredLawfulBasesFor: readonly Purpose[];
  /** Onward sharing needs the agreement of the agency the information came from. */
  onwardSharingNeedsOriginatorAgreement: boolean;
  /** Shared information shows its originator, so the recipient can record it and report inaccuracies. */
  showOriginator: boolean;
  secureEmailOnly: boolean;
  initialsInEmail: boolean;
  /** A decision not to share is given, with its reasons, to the agency that asked. */
  reasonsNotToShareGivenToRequester: boolean;
  /** Clause citations for the pack-driven rules, so fired rules cite the partnership's protocol. */
  clauses: {
    consent: string;
    explicitConsent: string;
    exceptions: string;
    minimumDataSet: string;
    notRequired: string;
    proportionality: string;
    competence: string;
    referral: string | null;
    aggregate: string;
    lawfulBases: string;
    secondaryDisclosure: string;
    accuracy: string;
    transfer: string;
    recording: string;
  };
}
