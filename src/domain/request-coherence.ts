// Asking coherently: the lawful basis a request suggests from its purpose, and the combinations of
// purpose, basis, urgency, consent and wording that do not make sense together. Some are refused
// (they contradict themselves: consent as the basis without consent, a court order as the basis when
// no court has ordered anything, "not personal data" about a named child); the others are warnings
// the requester may confirm, and the confirmation is recorded with the request. Requests must be
// necessary and proportionate to their purpose (Wirral 2022 App. 2 s.3.2, s.3.4; Sandwell 2022
// s.1.15, s.1.17 "Any request for information about individuals should be necessary and
// proportionate to the reason for the request"; Sandwell 2022 App. 2 q.1 "Is the request
// proportionate to the purpose for which disclosure is sought?").
import type { ConsentState, Purpose } from './decision/answers.ts';
import { LAWFUL_BASES, type LawfulBasisCode, lawfulBasisLabels } from './decision/lawful-bases.ts';
import type { Pack, URGENCIES } from './protocol/pack.ts';

type Urgency = (typeof URGENCIES)[number];

/** A purpose a request may have ("none" is the decision engine's answer for no purpose). */
export type RequestPurpose = Exclude<Purpose, 'none'>;

/** The purpose in a few words, for "Suggested for early help". */
export const purposeShort: Readonly<Record<Purpose, string>> = {
  child_protection: 'protecting a child from significant harm',
  child_in_need: 'a child in need',
  early_help: 'early help',
  crime_prevention: 'preventing crime and disorder',
  police_investigation: 'a police investigation',
  court_order: 'a court order',
  statutory_request: 'a statutory request',
  practice_review: 'a practice review',
  service_planning: 'service planning',
  none: 'no clear purpose',
};

/**
 * The national baseline: the bases the law gives for each purpose, the usual one first (HM Government
 * 2018, Information sharing advice, and its GDPR and DPA 2018 annex; the same statutory gateways the
 * decision engine lists for a purpose). A pack that says which bases apply to a purpose
 * (`lawfulBases.forPurposes`) puts its own preferred bases first.
 */
export const NATIONAL_BASES: Readonly<Record<Purpose, readonly LawfulBasisCode[]>> = {
  child_protection: ['uk_gdpr_6_1_e', 'children_act_1989_s47', 'children_act_2004_s11', 'uk_gdpr_6_1_c', 'uk_gdpr_9_2_g', 'dpa_2018_sch_1_para_18', 'uk_gdpr_6_1_d', 'uk_gdpr_9_2_c'],
  child_in_need: ['uk_gdpr_6_1_e', 'children_act_1989_s17', 'children_act_2004_s11', 'uk_gdpr_6_1_c', 'uk_gdpr_9_2_g', 'dpa_2018_sch_1_para_18', 'uk_gdpr_9_2_h'],
  early_help: ['uk_gdpr_6_1_e', 'children_act_2004_s10', 'children_act_2004_s11', 'uk_gdpr_6_1_a', 'uk_gdpr_9_2_a', 'uk_gdpr_9_2_g', 'dpa_2018_sch_1_para_18', 'uk_gdpr_9_2_h'],
  crime_prevention: ['crime_and_disorder_act_1998_s115', 'uk_gdpr_6_1_e', 'dpa_2018_sch_1_para_10', 'uk_gdpr_9_2_g'],
  police_investigation: ['dpa_2018_sch_2_para_2', 'uk_gdpr_6_1_e', 'dpa_2018_sch_1_para_10', 'uk_gdpr_9_2_g', 'uk_gdpr_6_1_c'],
  court_order: ['court_order', 'uk_gdpr_6_1_c', 'uk_gdpr_9_2_f'],
  statutory_request: ['uk_gdpr_6_1_c', 'children_act_2004_s14b', 'uk_gdpr_9_2_g'],
  practice_review: ['children_act_2004_s14b', 'uk_gdpr_6_1_e', 'uk_gdpr_6_1_c', 'uk_gdpr_9_2_g', 'dpa_2018_sch_1_para_18'],
  // A request is about a named child, so never "not personal data" (anonymised information goes as a report, not a request).
  service_planning: ['uk_gdpr_6_1_e', 'children_act_2004_s10'],
  none: [],
};

/** Consent as the basis: never suggested (ADR 0006), and only coherent when the family consented. */
const CONSENT_BASES: readonly LawfulBasisCode[] = ['uk_gdpr_6_1_a', 'uk_gdpr_9_2_a'];
/** Conditions for special category data: they go with a basis, they are not one on their own. */
const isArt9Condition = (b: LawfulBasisCode) => b.startsWith('uk_gdpr_9_2_') || b.startsWith('dpa_2018_sch_1_');
const suggestible = (b: LawfulBasisCode) => !CONSENT_BASES.includes(b) && !isArt9Condition(b) && b !== 'anonymised_information';

export interface SuggestedBasis {
  code: LawfulBasisCode;
  /** Where the suggestion comes from: the partnership's pack, or the national baseline. */
  from: 'pack' | 'national';
  /** The clause behind it (the pack's `lawfulBases.clause`, or the baseline's source). */
  clause: string;
}

const NATIONAL_CLAUSE = 'HM Government 2018, Information sharing advice for practitioners (the lawful basis for sharing)';

/** The lawful basis suggested for a purpose: the pack's first preferred basis when the pack says
 *  which bases apply to that purpose, otherwise the national baseline's usual basis. Null for "none". */
export function suggestedLawfulBasis(pack: Pack, purpose: Purpose): SuggestedBasis | null {
  if (pack.lawfulBases.forPurposes.includes(purpose)) {
    const code = pack.lawfulBases.preferred.find(suggestible);
    if (code) return { code, from: 'pack', clause: pack.lawfulBases.clause };
  }
  const code = NATIONAL_BASES[purpose][0];
  return code ? { code, from: 'national', clause: NATIONAL_CLAUSE } : null;
}

/** The bases that fit a purpose, the suggested one first: the pack's preferred ones where the pack
 *  covers the purpose, then the national baseline's. */
export function basesForPurpose(pack: Pack, purpose: Purpose): LawfulBasisCode[] {
  const suggested = suggestedLawfulBasis(pack, purpose);
  const fromPack = pack.lawfulBases.forPurposes.includes(purpose) ? pack.lawfulBases.preferred : [];
  return [...new Set([...(suggested ? [suggested.code] : []), ...fromPack, ...NATIONAL_BASES[purpose]])];
}

/** Every basis in the order the form offers them for a purpose: those that fit it first, then the rest. */
export function basesInOrder(pack: Pack, purpose: Purpose | undefined): LawfulBasisCode[] {
  const fitting = purpose ? basesForPurpose(pack, purpose) : [];
  return [...fitting, ...LAWFUL_BASES.filter((b) => !fitting.includes(b))];
}

/** Warnings a requester may confirm ("continue anyway"); the codes are recorded with the request. */
export const REQUEST_WARNINGS = ['basis_unusual_for_purpose', 'immediate_without_risk', 'not_specific', 'consent_needed_for_purpose', 'named_child_for_planning'] as const;
export type RequestWarningCode = (typeof REQUEST_WARNINGS)[number];

/** What each confirmed warning was about, for the request's history. */
export const requestWarningLabels: Readonly<Record<RequestWarningCode, string>> = {
  basis_unusual_for_purpose: 'the lawful basis is not one usually relied on for the purpose',
  immediate_without_risk: 'marked immediate for a purpose that is not about a risk of significant harm now',
  not_specific: 'the request does not say specifically what is needed',
  consent_needed_for_purpose: 'the protocol needs consent for the purpose and the family has not given it',
  named_child_for_planning: 'a named child’s details for planning services',
};

export interface RequestProblem {
  /** The form field it is about. */
  path: 'purpose' | 'lawfulBasis' | 'urgency' | 'informationNeeded' | 'consent';
  message: string;
  clause: string;
}
export interface RequestWarning extends RequestProblem {
  code: RequestWarningCode;
}

export interface RequestAsk {
  purpose: Purpose;
  lawfulBasis: LawfulBasisCode;
  urgency: Urgency;
  informationNeeded: string;
  reason: string;
  consent: ConsentState;
}

/** Phrases that ask for everything rather than for what is needed. */
const NON_SPECIFIC = [
  /\b(?:everything|anything)\b/i,
  /\ball\s+(?:the\s+)?(?:information|info|records?|notes|files?|details|data)\b/i,
  /\bany\s+(?:and\s+all\s+)?(?:information|info|records?|notes|data)\s+(?:you|your\s+agency|that\s+you)\s+(?:hold|have|keep)\b/i,
  /\b(?:full|whole|entire|complete)\s+(?:case\s+)?(?:file|record|history|notes)\b/i,
  /\bjust\s+in\s+case\b/i,
  /\bfishing\b/i,
];

/** Whether a request's wording asks for everything held, or for information "just in case". */
export const isNonSpecific = (text: string): boolean => NON_SPECIFIC.some((p) => p.test(text));

/** Purposes that can justify "immediate": a child may be at risk of significant harm now. */
const IMMEDIATE_PURPOSES: readonly Purpose[] = ['child_protection', 'police_investigation'];

const PROPORTIONATE_CLAUSE = 'Wirral 2022 App. 2 s.3.2, s.3.4 (necessary, proportionate, relevant, adequate); Sandwell 2022 s.1.17; App. 2 q.1';

/**
 * The problems with a request as asked. `errors` are refused (the request contradicts itself);
 * `warnings` may be confirmed by the requester. Pure: the pack is the partnership's.
 */
export function requestConcerns(pack: Pack, ask: RequestAsk): { errors: RequestProblem[]; warnings: RequestWarning[] } {
  const errors: RequestProblem[] = [];
  const warnings: RequestWarning[] = [];
  const suggested = suggestedLawfulBasis(pack, ask.purpose);
  const instead = suggested ? ` The basis suggested for ${purposeShort[ask.purpose]} is ${lawfulBasisLabels[suggested.code]}.` : '';

  if (ask.purpose === 'none') errors.push({ path: 'purpose', message: 'Select the purpose of the request: a request needs a clear and legitimate purpose', clause: 'Wirral 2022 s.3.8' });
  if (CONSENT_BASES.includes(ask.lawfulBasis) && ask.consent !== 'given')
    errors.push({
      path: 'lawfulBasis',
      message: `You chose consent as the lawful basis, but the family has not given consent. Choose another basis.${instead}`,
      clause: 'UK GDPR Art. 6(1)(a), Art. 9(2)(a); Wirral 2022 App. 2 s.4.4',
    });
  if (ask.lawfulBasis === 'court_order' && ask.purpose !== 'court_order')
    errors.push({
      path: 'lawfulBasis',
      message: `A court order is the lawful basis only when a court has ordered the information to be disclosed. Choose that purpose, or another basis.${instead}`,
      clause: 'Sandwell 2022 App. 2 q.1 (a court has made an order for certain information to be brought before the court)',
    });
  if (ask.lawfulBasis === 'anonymised_information')
    errors.push({
      path: 'lawfulBasis',
      message: `A request about a named child asks for personal data, so "not personal data" cannot be its basis. Choose another basis.${instead}`,
      clause: 'Southampton 2010 s.12 (depersonalised data)',
    });
  if (errors.length) return { errors, warnings };

  if (!basesForPurpose(pack, ask.purpose).includes(ask.lawfulBasis))
    warnings.push({
      code: 'basis_unusual_for_purpose',
      path: 'lawfulBasis',
      message: `${lawfulBasisLabels[ask.lawfulBasis]} is not a basis usually relied on for ${purposeShort[ask.purpose]}.${instead}`,
      clause: suggested?.clause ?? NATIONAL_CLAUSE,
    });
  if (ask.urgency === 'immediate' && !IMMEDIATE_PURPOSES.includes(ask.purpose))
    warnings.push({
      code: 'immediate_without_risk',
      path: 'urgency',
      message: `Immediate is for a child who may be at risk of significant harm now, but the purpose is ${purposeShort[ask.purpose]}. Choose urgent or routine, or, if a child may be at risk of significant harm, choose that purpose.`,
      clause: pack.requests?.responseTimes.clause ?? 'Concord default',
    });
  if (isNonSpecific(`${ask.informationNeeded}\n${ask.reason}`))
    warnings.push({
      code: 'not_specific',
      path: 'informationNeeded',
      message:
        'Ask only for what is necessary and proportionate to the purpose: "everything you hold", a whole file or information "just in case" is not. Say which information you need and for what period.',
      clause: PROPORTIONATE_CLAUSE,
    });
  if (pack.consent.explicitConsentRequiredFor.purposes.includes(ask.purpose) && ask.consent !== 'given')
    warnings.push({
      code: 'consent_needed_for_purpose',
      path: 'consent',
      message: `Your protocol needs the family’s explicit consent to share information for ${purposeShort[ask.purpose]}, and they have not given it. Ask only if one of the protocol’s exceptions applies; if a child may be at risk of significant harm, choose that purpose.`,
      clause: pack.consent.explicitConsentRequiredFor.clause,
    });
  if (ask.purpose === 'service_planning')
    warnings.push({
      code: 'named_child_for_planning',
      path: 'purpose',
      message: 'Planning, commissioning or monitoring services rarely needs a named child’s details: ask for depersonalised or aggregated information instead.',
      clause: 'Southampton 2010 s.12 (depersonalised and aggregated data for service planning)',
    });
  return { errors, warnings };
}

/** The warnings not yet confirmed. */
export const unconfirmed = (warnings: readonly RequestWarning[], confirmed: readonly string[]) => warnings.filter((w) => !confirmed.includes(w.code));
