/**
 * The "can I share this?" decision engine.
 *
 * `decide(answers, policy)` is pure and deterministic: no I/O, no clock, no randomness. Same
 * answers and policy, same decision — deep-equal — for a given ENGINE_VERSION, so a recorded
 * decision stays explainable. The policy is the partnership's protocol pack as data
 * (src/domain/decision/policy.ts, built from a pack by src/domain/protocol/policy.ts): the same answers can give a different outcome, or different
 * conditions, under a different protocol, and every rule that comes from the pack cites the pack's
 * clause as well as the seed clauses it was built from.
 *
 * How it works:
 *   1. Decision rules are tried in priority order; the first that applies decides the outcome
 *      (exactly one decision rule fires — `fallback_seek_advice` catches anything unexpected).
 *   2. Supplementary rules then add conditions, lawful bases and reasons (referral, how to share,
 *      informing the family, special category data, recording the decision...).
 * Every fired rule is reported with the seed clause it comes from.
 *
 * The seeds: Southampton 2010, Haringey 2006, Derby 2015, Wirral 2022, Sandwell 2022
 * (see /docs/decision-engine.md for the table and the reasoning).
 */
import { ADULT_AGE, type Answers, applicableAnswers, type ConsentNotSoughtReason, type Level, type Purpose } from './answers.ts';
import { LAWFUL_BASES, type LawfulBasis, type LawfulBasisCode, lawfulBasisLabels, PREFERABLE_ART6_BASES } from './lawful-bases.ts';
import type { DecisionPolicy } from './policy.ts';

// The vocabulary the protocol packs and the request forms share lives beside the engine; it is
// re-exported here for the modules that read it with the engine's outcomes and conditions.

/** Bump when any rule, basis or condition changes meaning. Stored with every recorded decision. */
export const ENGINE_VERSION = '2026.3';

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

export const OUTCOMES = ['share', 'do_not_share', 'seek_advice'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const outcomeLabels: Readonly<Record<Outcome, string>> = {
  share: 'You can share',
  do_not_share: 'Do not share',
  seek_advice: 'Get advice before you decide',
};

// ---------------------------------------------------------------------------------------------
// Conditions the practitioner must meet (stable codes; display order)
// ---------------------------------------------------------------------------------------------

export const CONDITIONS = [
  'refer_to_childrens_social_care',
  'follow_adult_safeguarding',
  'seek_advice_from_dsl',
  'seek_consent',
  'obtain_formal_request',
  'weigh_public_interest',
  'use_anonymised_data',
  'check_small_numbers',
  'minimum_necessary',
  'right_recipient',
  'check_accuracy',
  'show_originator',
  'agree_onward_sharing',
  'distinguish_fact_opinion',
  'share_securely',
  'use_secure_email',
  'initials_in_email',
  'share_in_timely_manner',
  'stay_within_consent',
  'inform_subject_unless_risk',
  'record_consent',
  'keep_under_review',
  'record_reasons',
  'give_reasons_to_requester',
] as const;
export type ConditionCode = (typeof CONDITIONS)[number];

export const conditionLabels: Readonly<Record<ConditionCode, string>> = {
  refer_to_childrens_social_care: "Refer to children's social care (and the police where a crime may have been committed) without delay, following child protection procedures",
  follow_adult_safeguarding: 'Follow adult safeguarding procedures without delay for any adult at risk of serious harm or abuse',
  seek_advice_from_dsl: 'Talk to your designated safeguarding lead or manager — without delaying an urgent referral',
  seek_consent: 'Ask for consent first: explain what you want to share, why, with whom, and what happens if it is or is not shared',
  obtain_formal_request: 'Get a formal written request from the police that says what is needed and why, before you disclose',
  weigh_public_interest: 'Weigh up what might happen if you share against what might happen if you do not, and share only what is proportionate',
  use_anonymised_data: 'Use anonymised or aggregated information instead of information that identifies people',
  check_small_numbers: 'Check no one can be identified from small numbers, or by combining the information with other information',
  minimum_necessary: 'Share only the information that is necessary for the purpose',
  right_recipient: 'Check you are giving the right information to the right person, and ask whether they intend to pass it on',
  check_accuracy: 'Check the information is accurate and up to date, and say if it is historical',
  show_originator: 'Show that the information comes from you — your organisation, a contact and the date — so the recipient can record where it came from and tell you if any of it is inaccurate',
  agree_onward_sharing: "Tell the recipient not to pass the information on without your agency's agreement, and do not pass on information that came from another agency without theirs",
  distinguish_fact_opinion: 'Make clear what is fact and what is opinion',
  share_securely: "Share it securely, following your organisation's security policy (for example, secure email)",
  use_secure_email: 'Send it only by secure or encrypted email (a government secure email service where you have one), never by unsecured email or post',
  initials_in_email: 'In emails, refer to people by their initials rather than their full names where you can',
  share_in_timely_manner: 'Share it in good time, so that chances to support or protect the child are not missed',
  stay_within_consent: 'Share only what the consent covers, and tell the recipient about any limits on it',
  inform_subject_unless_risk: 'Tell the child or family that the information has been shared, unless that would create or increase a risk of harm',
  record_consent: 'Record who gave consent, when, and what it covers',
  keep_under_review: 'Keep the decision under review and decide again if circumstances change',
  record_reasons: 'Record your decision and your reasons — whether or not you share. If you share, record what, with whom, when and why',
  give_reasons_to_requester: 'If another agency asked for the information, give them your record of the reasons for not sharing it',
};

// ---------------------------------------------------------------------------------------------
// Decision
// ---------------------------------------------------------------------------------------------

/**
 * A rule that fired. `source` is the seed clauses the rule was built from; `clause`, present only
 * for rules that come from the protocol pack, is the partnership's own clause (the pack's).
 */
export type FiredRule = { id: RuleId; title: string; source: string; clause?: string };

export type Decision = {
  engineVersion: string;
  /** The protocol pack the decision was made under, as id@version. */
  pack: string;
  outcome: Outcome;
  lawfulBases: LawfulBasis[];
  conditions: ConditionCode[];
  reasons: string[];
  rules: FiredRule[];
};

// ---------------------------------------------------------------------------------------------
// Facts derived from the answers
// ---------------------------------------------------------------------------------------------

type Facts = {
  a: Answers;
  /** The partnership's protocol, as data. */
  p: DecisionPolicy;
  /** 18 or over (age known). Children Act 1989 s.105: a child is a person under 18. */
  adult: boolean;
  /** Evidence or reasonable cause to suspect significant harm (Derby 2015 s.3). */
  significantHarm: boolean;
  under13Sexual: boolean;
  /** Likely special category data: detailed information (Haringey 2006 s.3.9) or sex life. */
  specialCategory: boolean;
  noConsent: boolean; // refused or withdrawn
  consentWord: string; // "refused" | "withdrawn"
  /** The protocol needs explicit consent for this level or purpose (Haringey 2006 s.4.4; Sandwell 2022 App. 2). */
  explicitRequired: boolean;
  /** One of the protocol's listed exceptions to explicit consent applies (Haringey 2006 s.4.5). */
  excepted: boolean;
  /** A child at or over the protocol's age of presumed competence has consented (Derby 2015 s.3). */
  presumedCompetentConsent: boolean;
};

function factsOf(a: Answers, p: DecisionPolicy): Facts {
  const adult = typeof a.childAge === 'number' && a.childAge >= ADULT_AGE;
  const under13Sexual = a.sexualActivityUnder13 === true;
  const personalData = a.purpose !== 'none' && a.purpose !== 'service_planning' && a.identifiable !== false;
  return {
    a,
    p,
    adult,
    significantHarm: a.harm === 'evidence_significant_harm' || a.harm === 'reasonable_cause_significant_harm',
    under13Sexual,
    specialCategory: a.level === 'detailed' || under13Sexual,
    noConsent: a.consent === 'refused' || a.consent === 'withdrawn',
    consentWord: a.consent === 'withdrawn' ? 'withdrawn' : 'refused',
    explicitRequired: personalData && ((a.level !== undefined && p.explicitConsent.levels.includes(a.level)) || p.explicitConsent.purposes.includes(a.purpose)),
    excepted:
      (a.harm !== undefined && p.explicitConsent.exceptHarms.includes(a.harm)) ||
      (a.consent === 'not_sought' && a.consentNotSoughtReason !== undefined && p.explicitConsent.exceptNotSoughtReasons.includes(a.consentNotSoughtReason)),
    presumedCompetentConsent:
      a.consentConflict === true && a.consent === 'given' && p.competencePresumedFromAge !== null && typeof a.childAge === 'number' && a.childAge >= p.competencePresumedFromAge,
  };
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export const RULE_IDS = [
  // decision rules, in priority order
  'no_legitimate_purpose',
  'not_identifiable',
  'planning_needs_no_identities',
  'sexual_activity_under_13',
  'court_order',
  'statutory_request',
  'practice_review',
  'statutory_duty_to_share',
  'significant_harm',
  'urgent_medical_treatment',
  'police_investigation',
  'sexual_activity_under_13_discuss',
  'harm_unsure',
  'consent_conflict',
  'consent_given',
  'explicit_consent_public_interest',
  'explicit_consent_required',
  'public_interest_serious_harm_or_crime',
  'imbalance_of_power',
  'minimum_data_set_without_consent',
  'consent_not_required_for_purpose',
  'not_confidential',
  'consent_not_sought_without_risk',
  'consent_not_yet_asked',
  'child_protection_threshold_unclear',
  'weigh_proportionality_without_consent',
  'not_confidential_consent_refused',
  'consent_refused_no_public_interest',
  'fallback_seek_advice',
  // supplementary rules, in order
  'refer_to_childrens_social_care',
  'sexual_activity_under_13_discuss_also',
  'adult_safeguarding',
  'harm_unsure_also',
  'competence_presumed',
  'consent_conflict_noted',
  'confidential_without_consent',
  'inform_subject',
  'consent_recorded',
  'aggregate_small_numbers',
  'special_category_condition',
  'preferred_lawful_bases',
  'onward_sharing',
  'show_originator',
  'secure_transfer',
  'how_to_share',
  'reasons_to_requester',
  'record_decision',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Which UK GDPR Art. 9 condition fits, if the information is special category data. */
type Art9Ground = 'consent' | 'safeguarding' | 'crime' | 'vital' | 'court' | 'none';

type Effect = {
  bases?: readonly LawfulBasisCode[];
  conditions?: readonly ConditionCode[];
  reasons: readonly string[];
};

export type DecisionRule = {
  kind: 'decision';
  id: RuleId;
  title: string;
  source: string;
  /** For a rule that comes from the protocol pack: the pack's clause it applies (null: none this time). */
  clause?: (f: Facts) => string | null;
  outcome: Outcome;
  when: (f: Facts) => boolean;
  effect: (f: Facts) => Effect;
  /** The Art. 9 ground when sharing special category data under this rule. */
  art9?: (f: Facts) => Art9Ground;
};

export type Context = {
  outcome: Outcome;
  decidedBy: RuleId;
  art9: Art9Ground;
  /** The lawful bases so far (supplementary rules run in order). */
  bases: ReadonlySet<LawfulBasisCode>;
};

export type SupplementaryRule = {
  kind: 'supplementary';
  id: RuleId;
  title: string;
  source: string;
  /** For a rule that comes from the protocol pack: the pack's clause it applies (null: none this time). */
  clause?: (f: Facts) => string | null;
  when: (f: Facts, c: Context) => boolean;
  effect: (f: Facts, c: Context) => Effect;
};

export type Rule = DecisionRule | SupplementaryRule;

const notSoughtReasonPhrases: Readonly<Record<ConsentNotSoughtReason, string>> = {
  increase_risk: 'asking would put a child or someone else at increased risk of significant harm',
  prejudice_crime: 'asking would harm the prevention, detection or prosecution of a serious crime',
  unjustified_delay: 'asking would cause an unjustified delay in enquiries about significant harm',
  imbalance_of_power: 'consent could not be freely given because of an imbalance of power',
  statutory_duty: 'the law requires you to share',
};

/** Statutory gateways that go with each purpose (the Art. 6 basis is added by the rule). */
function purposeGateways(f: Facts): LawfulBasisCode[] {
  const { a } = f;
  switch (a.purpose) {
    case 'child_protection':
      return f.adult ? ['children_act_2004_s11'] : ['children_act_1989_s47', 'children_act_2004_s11'];
    case 'child_in_need':
      return f.adult ? ['children_act_2004_s11'] : ['children_act_1989_s17', 'children_act_2004_s11'];
    case 'early_help':
      return ['children_act_2004_s10', 'children_act_2004_s11'];
    case 'crime_prevention':
      return ['crime_and_disorder_act_1998_s115'];
    case 'police_investigation':
      return ['dpa_2018_sch_2_para_2'];
    case 'court_order':
      return ['court_order'];
    case 'statutory_request':
    case 'practice_review':
      return ['children_act_2004_s14b'];
    case 'service_planning':
    case 'none':
      return [];
  }
}

const crimeOrSafeguarding = (f: Facts): Art9Ground => (f.a.purpose === 'crime_prevention' || f.a.purpose === 'police_investigation' || f.a.harm === 'serious_crime' ? 'crime' : 'safeguarding');

const lowNeed = (f: Facts): boolean => f.a.harm === 'none' || f.a.harm === 'emerging_needs';

const levelWords: Readonly<Record<Level, string>> = {
  minimum: 'basic identifying information',
  detailed: 'detailed or sensitive information',
  aggregate: 'information about a group of children',
};
const purposeWords: Partial<Readonly<Record<Purpose, string>>> = {
  early_help: 'early help',
  child_in_need: 'work with a child in need',
  crime_prevention: 'crime prevention',
};

/** What the explicit-consent requirement is about, in words ("detailed or sensitive information"). */
function explicitWhat(f: Facts): string {
  if (f.a.level !== undefined && f.p.explicitConsent.levels.includes(f.a.level)) return levelWords[f.a.level];
  return `information for ${purposeWords[f.a.purpose] ?? 'this purpose'}`;
}

export const DECISION_RULES: readonly DecisionRule[] = [
  {
    kind: 'decision',
    id: 'no_legitimate_purpose',
    title: 'No clear and legitimate purpose: do not share',
    source: 'Wirral 2022 When and How q.1; Sandwell 2022 App. 2 q.1; Sandwell 2022 s.1.15',
    outcome: 'do_not_share',
    when: (f) => f.a.purpose === 'none',
    effect: () => ({
      reasons: [
        'There is no clear and legitimate purpose for sharing, so the information must not be shared.',
        "If a purpose becomes clear later — for example, a worry about a child's safety — make a new decision.",
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'not_identifiable',
    title: 'Information that identifies no one can be shared for a legitimate purpose',
    source: 'Wirral 2022 When and How q.3; Sandwell 2022 App. 2 q.2; Southampton 2010 s.12',
    outcome: 'share',
    clause: (f) => f.p.clauses.aggregate,
    when: (f) => f.a.identifiable === false,
    effect: (f) => ({
      bases: ['anonymised_information'],
      conditions: ['check_small_numbers'],
      reasons: [
        'The information cannot identify a child or anyone else, so it can be shared for a legitimate purpose without consent.',
        `Small numbers can still identify someone: check that no one can be identified from figures of ${f.p.smallNumberThreshold} or fewer, or by combining the information with other data.`,
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'planning_needs_no_identities',
    title: 'Service planning uses anonymised or aggregated information, not personal data',
    source: 'Southampton 2010 s.12; Sandwell 2022 App. 2 q.1–q.2; Haringey 2006 s.3.7(a); Wirral 2022 Caldicott Principles 2–3',
    outcome: 'do_not_share',
    clause: (f) => f.p.clauses.aggregate,
    when: (f) => f.a.purpose === 'service_planning',
    effect: (f) => ({
      conditions: ['use_anonymised_data', 'check_small_numbers'],
      reasons: [
        'Planning, commissioning and monitoring services does not need information that identifies people, so do not share identifiable information for this purpose.',
        `Share anonymised or aggregated figures instead, and make sure no one can be identified from figures of ${f.p.smallNumberThreshold} or fewer. If you think identifiable information really is needed, ask your information governance lead or a senior manager first.`,
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'sexual_activity_under_13',
    title: 'Sexual activity of a child under 13: your protocol says always refer',
    source: 'Derby 2015 s.3 (sexual activity of under 16 year olds)',
    clause: (f) => f.p.clauses.referral,
    outcome: 'share',
    when: (f) => f.under13Sexual && f.p.mandatoryReferralSexualActivityUnder13,
    effect: (f) => ({
      bases: ['uk_gdpr_6_1_e', ...(f.adult ? [] : (['children_act_1989_s47'] as const)), 'children_act_2004_s11'],
      conditions: ['share_in_timely_manner'],
      reasons: [
        `A child under 13 cannot consent to sexual activity in law. Your protocol says every such case must be referred${f.p.referralTo ? ` to ${f.p.referralTo}` : ''} under child protection procedures.`,
        'You do not need consent to make this referral.',
      ],
    }),
    art9: () => 'safeguarding',
  },
  {
    kind: 'decision',
    id: 'court_order',
    title: 'Court order: share what the order requires (legal obligation)',
    source: 'Sandwell 2022 s.6.7; Sandwell 2022 App. 2 q.1; Haringey 2006 s.4.5',
    outcome: 'share',
    when: (f) => f.a.purpose === 'court_order',
    effect: () => ({
      bases: ['uk_gdpr_6_1_c', 'court_order'],
      reasons: ['A court has ordered the information to be disclosed. This is a legal obligation, so consent is not needed and should not be sought.', 'Disclose only what the order covers.'],
    }),
    art9: () => 'court',
  },
  {
    kind: 'decision',
    id: 'statutory_request',
    title: 'Statutory request for information: share (legal obligation)',
    source: 'Sandwell 2022 s.1.2; Sandwell 2022 s.6.7',
    outcome: 'share',
    when: (f) => f.a.purpose === 'statutory_request',
    effect: () => ({
      bases: ['uk_gdpr_6_1_c', 'children_act_2004_s14b'],
      reasons: [
        'The request is made under a legal power that requires you to provide the information (for example, a request from the safeguarding partners under Children Act 2004 s.14B). This is a legal obligation, so consent is not needed and should not be sought.',
        'Check that the request names the power it relies on, and provide only what it asks for.',
      ],
    }),
    art9: () => 'safeguarding',
  },
  {
    kind: 'decision',
    id: 'practice_review',
    title: 'Safeguarding practice reviews and multi-agency audits: share what is necessary',
    source: 'Sandwell 2022 s.1.17; Sandwell 2022 App. 2 (Local Child Safeguarding Practice Reviews); Wirral 2022 App. 2 s.3.5',
    outcome: 'share',
    when: (f) => f.a.purpose === 'practice_review',
    effect: () => ({
      bases: ['uk_gdpr_6_1_e', 'children_act_2004_s14b'],
      reasons: [
        'Safeguarding practice reviews, rapid reviews and multi-agency audits are statutory functions of the safeguarding partnership, and every agency is expected to share relevant information for them.',
        'Any request must be necessary and proportionate: share only what the review needs.',
      ],
    }),
    art9: () => 'safeguarding',
  },
  {
    kind: 'decision',
    id: 'statutory_duty_to_share',
    title: 'Consent not sought because the law requires sharing',
    source: 'Sandwell 2022 s.6.7',
    outcome: 'share',
    when: (f) => f.a.consent === 'not_sought' && f.a.consentNotSoughtReason === 'statutory_duty',
    effect: (f) => ({
      bases: ['uk_gdpr_6_1_c', ...purposeGateways(f)],
      reasons: ['You have told us the law requires you to share. Consent should not be sought where there is a statutory duty or a court order to share.', 'Record which law requires the sharing.'],
    }),
    art9: crimeOrSafeguarding,
  },
  {
    kind: 'decision',
    id: 'significant_harm',
    title: 'Evidence or reasonable cause to suspect significant harm: share without consent',
    source: 'Derby 2015 s.3; Sandwell 2022 s.6.5–6.6; Sandwell 2022 App. 2 (Safeguarding); Sandwell 2022 App. 2 q.5',
    outcome: 'share',
    when: (f) => f.significantHarm,
    effect: (f) => {
      const what = f.a.harm === 'evidence_significant_harm' ? 'There is evidence' : 'There is reasonable cause to suspect';
      const reasons = f.adult
        ? [
            `${what} that the young person, who is 18 or over, is suffering or is likely to suffer serious harm. Sharing without consent to prevent serious harm is normally justified in the public interest.`,
          ]
        : [
            `${what} that the child is suffering, or is likely to suffer, significant harm. You can share without consent: the child's safety comes first, and where there is a clear risk of significant harm the public interest test will almost certainly be met.`,
          ];
      switch (f.a.consent) {
        case 'given':
          reasons.push('You have consent, but you would share even without it, so a later withdrawal of consent would not stop you.');
          break;
        case 'refused':
        case 'withdrawn':
          reasons.push(`Consent was ${f.consentWord}, but a lack of consent must never compromise a child's safety or welfare.`);
          break;
        case 'not_yet_asked':
          reasons.push(
            'You do not need consent. It is still good practice to tell the family about your concern and seek their agreement — unless that would put the child at increased risk, harm a criminal investigation or cause unjustified delay.',
          );
          break;
        case 'not_sought':
          if (f.a.consentNotSoughtReason !== undefined) {
            reasons.push(`You decided not to ask for consent because ${notSoughtReasonPhrases[f.a.consentNotSoughtReason]}. The protocols accept this; record it.`);
          }
          break;
        case undefined:
          break;
      }
      return {
        bases: ['uk_gdpr_6_1_e', ...(f.adult ? [] : (['children_act_1989_s47'] as const)), ...purposeGateways(f)],
        conditions: ['seek_advice_from_dsl', 'share_in_timely_manner'],
        reasons,
      };
    },
    art9: () => 'safeguarding',
  },
  {
    kind: 'decision',
    id: 'urgent_medical_treatment',
    title: 'Urgent medical treatment: share to protect vital interests',
    source: 'Haringey 2006 s.4.5–4.6; Wirral 2022 App. 2 s.4.4',
    outcome: 'share',
    when: (f) => f.a.harm === 'urgent_medical_treatment',
    effect: () => ({
      bases: ['uk_gdpr_6_1_d'],
      conditions: ['share_in_timely_manner'],
      reasons: [
        'The child or young person needs urgent medical treatment. You can share what is needed to protect their vital interests without consent.',
        'In an emergency you do not have to refer to a designated manager before sharing; tell them as soon as you can afterwards.',
      ],
    }),
    art9: () => 'vital',
  },
  {
    kind: 'decision',
    id: 'police_investigation',
    title: 'Police investigation: share on a formal written request',
    source: 'Haringey 2006 s.4.5; Sandwell 2022 s.6.3',
    outcome: 'share',
    when: (f) => f.a.purpose === 'police_investigation',
    effect: (f) => ({
      bases: ['uk_gdpr_6_1_e', 'dpa_2018_sch_2_para_2'],
      conditions: ['obtain_formal_request', ...(f.a.confidential === true && f.a.consent !== 'given' ? (['weigh_public_interest'] as const) : [])],
      reasons: [
        'Information can be given to the police to help an investigation without consent, but only in response to a formal written request that explains why it is needed.',
        'Consent is rarely a valid basis in policing because of the imbalance of power; do not ask for it where that would harm the investigation. Share only what the request needs.',
      ],
    }),
    art9: () => 'crime',
  },
  {
    kind: 'decision',
    id: 'sexual_activity_under_13_discuss',
    title: 'Sexual activity of a child under 13: discuss it with your safeguarding lead today',
    source: 'Sandwell 2022 App. 2 (Safeguarding); Wirral 2022 Seven Golden Rules 3; Derby 2015 s.3 (sexual activity of under 16 year olds)',
    outcome: 'seek_advice',
    when: (f) => f.under13Sexual && !f.p.mandatoryReferralSexualActivityUnder13,
    effect: () => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: [
        'A child under 13 cannot consent to sexual activity in law, and any sexual offence against a child under 13 should be taken to indicate that the child is suffering, or is likely to suffer, significant harm.',
        "Talk to your designated safeguarding lead today, without delay. The presumption is that the case will be referred to children's social care (and the police): if you or they have reasonable cause to suspect significant harm — there always is where there has been penetrative or other intimate sexual activity — change your answer about harm and refer.",
        'If it is decided not to refer, record the detailed reasons.',
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'harm_unsure',
    title: 'Not sure whether there is a risk of harm: get advice',
    source: 'Sandwell 2022 App. 2 (Safeguarding); Derby 2015 s.3; Wirral 2022 Seven Golden Rules 3',
    outcome: 'seek_advice',
    when: (f) => f.a.harm === 'unsure',
    effect: () => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: [
        "You are not sure whether the child is at risk of harm. Do not ignore the concern: talk to your designated safeguarding lead or manager before you decide, without giving the child's identity if you can.",
        "If that discussion finds reasonable cause to suspect significant harm, refer to children's social care without delay.",
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'consent_conflict',
    title: 'A competent child and a parent or carer disagree: get advice',
    source: 'Sandwell 2022 App. 2 q.4; Derby 2015 s.3 (Whose consent should be sought?)',
    outcome: 'seek_advice',
    when: (f) => f.a.consentConflict === true && !f.presumedCompetentConsent,
    effect: (f) => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: [
        'The child and a parent or carer disagree about sharing. Talk to your designated safeguarding lead before you share.',
        "A young person aged 16 or 17, or a younger child who understands the decision, can give or refuse consent themselves, so a competent child's view generally prevails.",
        ...(f.p.competencePresumedFromAge === null ? [] : [`Your protocol presumes that children aged ${f.p.competencePresumedFromAge} or over generally have enough understanding to decide.`]),
        "Whatever you decide, act in the child's best interests, even where that means overriding a refusal.",
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'consent_given',
    title: 'Consent given: share, relying on public task rather than consent',
    source: 'Wirral 2022 When and How q.2; Sandwell 2022 App. 2 q.4; Sandwell 2022 s.1.7',
    outcome: 'share',
    when: (f) => f.a.consent === 'given',
    effect: (f) => ({
      bases: ['uk_gdpr_6_1_e', ...purposeGateways(f)],
      reasons: [
        'You have consent to share. Make sure it was freely given, informed and explicit, and that it covers what you intend to share and with whom.',
        'Use public task as the legal basis rather than consent: consent can be withdrawn at any time, and the protocols recommend public task or legal obligation for safeguarding and promoting the welfare of children. Consent still matters — it answers the duty of confidence and keeps the family involved.',
        ...(f.a.purpose === 'early_help' ? ['For early help, freely given, informed and explicit consent is what allows you to share.'] : []),
      ],
    }),
    art9: () => 'consent',
  },
  {
    kind: 'decision',
    id: 'explicit_consent_public_interest',
    title: 'Your protocol needs explicit consent and its exceptions do not apply: refer to a designated manager before sharing on another ground',
    source: 'Haringey 2006 s.4.4–4.6; Sandwell 2022 App. 2 (Early Help); Sandwell 2022 s.6.3',
    clause: (f) => f.p.clauses.explicitConsent,
    outcome: 'seek_advice',
    when: (f) => f.explicitRequired && f.a.consent !== 'given' && !f.excepted && (f.a.harm === 'serious_crime' || f.a.harm === 'serious_harm_adult' || f.a.consent === 'not_sought'),
    effect: (f) => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: [
        `Your protocol allows this ${explicitWhat(f)} to be shared only with explicit consent, except in the circumstances it lists — and the circumstances you describe are not among them.`,
        f.a.consent === 'not_sought'
          ? `You decided not to ask for consent because ${f.a.consentNotSoughtReason === undefined ? 'of the circumstances' : notSoughtReasonPhrases[f.a.consentNotSoughtReason]}. Before sharing without consent on that ground, refer the decision to your designated safeguarding lead or manager.`
          : 'There may still be a public interest in sharing to prevent serious harm or a serious crime, but breaching confidentiality outside the protocol’s exceptions must be referred to a designated manager first.',
        'If there is evidence or reasonable cause to suspect that a child is suffering, or is likely to suffer, significant harm, change your answer about harm: you can then share without consent.',
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'explicit_consent_required',
    title: 'Your protocol needs explicit consent for this and none of its exceptions applies: do not share',
    source: 'Haringey 2006 s.4.4–4.5; Sandwell 2022 App. 2 (Early Help)',
    clause: (f) => f.p.clauses.explicitConsent,
    outcome: 'do_not_share',
    // A child-protection purpose with no identified harm and consent refused goes to the DSL
    // (child_protection_threshold_unclear) whatever the protocol says about consent.
    when: (f) => f.explicitRequired && f.a.consent !== 'given' && !f.excepted && !(f.noConsent && f.a.purpose === 'child_protection' && lowNeed(f)),
    effect: (f) => ({
      conditions: f.noConsent ? ['keep_under_review'] : ['seek_consent'],
      reasons: [
        `Your protocol allows this ${explicitWhat(f)} to be shared only with the explicit consent of the child (if competent) or a person with parental responsibility, except in the circumstances it lists — and none of them applies.`,
        f.noConsent
          ? `Consent was ${f.consentWord}, so do not share. Keep the decision under review: if you become worried that the child is suffering, or is likely to suffer, significant harm, follow child protection procedures without delay.`
          : 'Do not share yet: ask for explicit consent first, explaining what you want to share, why and with whom. When you have an answer, make this decision again.',
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'public_interest_serious_harm_or_crime',
    title: 'Serious harm to an adult or serious crime: share in the public interest',
    source: 'Derby 2015 s.3; Sandwell 2022 App. 2 q.5; Sandwell 2022 s.6.4–6.5',
    outcome: 'share',
    when: (f) => f.a.harm === 'serious_crime' || f.a.harm === 'serious_harm_adult',
    effect: (f) => ({
      bases: ['uk_gdpr_6_1_e', ...purposeGateways(f), ...(f.a.harm === 'serious_crime' ? (['crime_and_disorder_act_1998_s115'] as const) : [])],
      conditions: ['weigh_public_interest'],
      reasons: [
        f.a.harm === 'serious_crime'
          ? 'Sharing without consent is normally justified in the public interest to prevent, detect or prosecute a serious crime — one that causes, or is likely to cause, significant harm to a child or serious harm to an adult.'
          : 'Sharing without consent is normally justified in the public interest to prevent serious harm to an adult.',
        'Weigh up what might happen if you share against what might happen if you do not, and share only what is proportionate. Ask your designated safeguarding lead if you are unsure.',
        ...(f.a.consent === 'not_yet_asked' ? ['You may ask for consent first if that is safe and would not harm a criminal investigation.'] : []),
      ],
    }),
    art9: crimeOrSafeguarding,
  },
  {
    kind: 'decision',
    id: 'imbalance_of_power',
    title: 'Consent not valid because of an imbalance of power: rely on public task',
    source: 'Sandwell 2022 s.6.3; Sandwell 2022 s.6.5',
    outcome: 'share',
    when: (f) => f.a.consent === 'not_sought' && f.a.consentNotSoughtReason === 'imbalance_of_power',
    effect: (f) => ({
      bases: ['uk_gdpr_6_1_e', ...purposeGateways(f)],
      conditions: ['weigh_public_interest'],
      reasons: [
        'Consent could not be freely given because of an imbalance of power, so it is not a valid basis. Rely on public task instead.',
        'Sharing without consent is normally justified where there is an imbalance of power, but it must still be necessary and proportionate.',
      ],
    }),
    art9: crimeOrSafeguarding,
  },
  {
    kind: 'decision',
    id: 'minimum_data_set_without_consent',
    title: 'Your protocol lets the minimum data set be shared without consent: share it and tell the family',
    source: 'Haringey 2006 s.3.7–3.8; Haringey 2006 s.4.3–4.4',
    clause: (f) => f.p.clauses.minimumDataSet,
    outcome: 'share',
    when: (f) => f.p.minimumDataSetWithoutConsent && f.a.level === 'minimum' && !f.specialCategory && (f.a.consent === 'not_yet_asked' || f.a.consent === 'not_sought'),
    effect: (f) => ({
      bases: ['uk_gdpr_6_1_e', ...purposeGateways(f)],
      conditions: ['minimum_necessary'],
      reasons: [
        'Your protocol lets partner agencies share the minimum data needed to identify a child and co-ordinate services — name, address, date of birth, the current setting and who is working with them — without consent. More detailed information still needs consent.',
        'Share only those basic details, and make sure the child or family know that this information is shared between the partner agencies.',
      ],
    }),
    art9: () => 'safeguarding',
  },
  {
    kind: 'decision',
    id: 'consent_not_required_for_purpose',
    title: 'Your protocol does not require consent for this purpose: share on public task and inform the family',
    source: 'Sandwell 2022 s.1.7; Sandwell 2022 s.6.2',
    clause: (f) => f.p.clauses.notRequired,
    outcome: 'share',
    when: (f) => f.p.consentNotRequiredFor.includes(f.a.purpose) && !f.specialCategory && (f.a.consent === 'not_yet_asked' || f.a.consent === 'not_sought'),
    effect: (f) => ({
      bases: ['uk_gdpr_6_1_e', ...purposeGateways(f)],
      reasons: [
        'Your protocol relies on public task and legal obligation, not consent, for sharing to safeguard and promote the welfare of children, so you do not need consent for this purpose.',
        'Families should still be told that information is being shared and why, and you should try to work with them. Detailed or sensitive information (special category data) is different: ask for explicit consent for that unless asking would put the child at risk or is not possible.',
      ],
    }),
    art9: () => 'safeguarding',
  },
  {
    kind: 'decision',
    id: 'not_confidential',
    title: 'Information that is not confidential: share for the legitimate purpose without waiting for consent',
    source: 'Sandwell 2022 App. 2 q.3–q.4; Sandwell 2022 App. 4; Sandwell 2022 s.1.7; Wirral 2022 Myth-Busting Guide (Consent is always needed to share personal information)',
    outcome: 'share',
    // The flowchart asks about consent only if the information is confidential (Sandwell 2022
    // App. 2 q.3–q.4). Nobody has refused here: a refusal is weighed with advice
    // (not_confidential_consent_refused). Two things override this branch, before it or here:
    // a pack that needs explicit consent for this level or purpose (explicit_consent_*, citing the
    // pack's clause: Haringey 2006 s.4.4, Sandwell 2022 App. 2 Early Help), and special category
    // data, which the safeguarding condition lets you share without consent only where consent
    // cannot be had or asking would put the child at risk (Wirral 2022 Data Protection and GDPR;
    // Sandwell 2022 s.8.1) — consent_not_yet_asked says so.
    when: (f) => f.a.confidential === false && !f.explicitRequired && !f.specialCategory && (f.a.consent === 'not_yet_asked' || f.a.consent === 'not_sought'),
    effect: (f) => ({
      bases: ['uk_gdpr_6_1_e', ...purposeGateways(f)],
      reasons: [
        'The information is not confidential, so there is no duty of confidence to answer and you do not need consent to share it: the flowchart of when and how to share asks about consent only when the information is confidential. You have a clear and legitimate purpose, so you can share it, relying on public task as the legal basis.',
        f.a.consent === 'not_sought'
          ? 'You decided not to ask for consent: for information that is not confidential you do not need it.'
          : 'It is still good practice to be open with the child and family and to seek their agreement where it is safe, but you do not need to wait for it.',
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'consent_not_sought_without_risk',
    title: 'A reason for not seeking consent that needs a risk of significant harm or serious crime',
    source: 'Sandwell 2022 s.6.3; Sandwell 2022 App. 2 (When not to seek consent)',
    outcome: 'seek_advice',
    when: (f) =>
      f.a.consent === 'not_sought' &&
      (f.a.consentNotSoughtReason === 'increase_risk' || f.a.consentNotSoughtReason === 'prejudice_crime' || f.a.consentNotSoughtReason === 'unjustified_delay') &&
      lowNeed(f),
    effect: (f) => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: [
        `You decided not to ask for consent because ${f.a.consentNotSoughtReason === undefined ? 'of a risk' : notSoughtReasonPhrases[f.a.consentNotSoughtReason]}, but you have not identified a risk of significant harm or a serious crime. Those reasons only apply where there is such a risk.`,
        'Talk to your designated safeguarding lead. If there is a risk of significant harm, change your answer about harm; if there is not, ask for consent.',
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'consent_not_yet_asked',
    title: 'Consent not yet asked for: ask first',
    source:
      'Wirral 2022 Seven Golden Rules 2; Derby 2015 s.3 (preventative services); Sandwell 2022 App. 2 (Early Help); Southampton 2010 s.2; Wirral 2022 Data Protection and GDPR; Sandwell 2022 s.8.1',
    outcome: 'do_not_share',
    when: (f) => f.a.consent === 'not_yet_asked',
    effect: (f) => ({
      conditions: ['seek_consent'],
      reasons: [
        'Do not share yet: ask for consent first. Explain what you want to share, why, with whom, and what could happen if it is or is not shared. Consent must be freely given, informed and explicit.',
        // Information that is not confidential is asked about here only because of Art. 9 (not_confidential).
        ...(f.a.confidential === false && f.specialCategory
          ? [
              'The information is not confidential, but detailed or sensitive information is special category data: the Data Protection Act 2018 condition for safeguarding children lets you share it without consent only where consent cannot be given, you cannot reasonably be expected to get it, or asking would put the child at risk.',
            ]
          : []),
        'When you have an answer, make this decision again.',
        ...(f.a.purpose === 'early_help'
          ? []
          : [
              'If asking would put a child at increased risk of significant harm, harm a criminal investigation or cause unjustified delay, answer that you have decided not to ask for consent and say why.',
            ]),
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'child_protection_threshold_unclear',
    title: 'Child protection purpose but no significant harm concern identified: get advice',
    source: 'Sandwell 2022 App. 2 (Safeguarding)',
    outcome: 'seek_advice',
    when: (f) => f.noConsent && f.a.purpose === 'child_protection' && lowNeed(f),
    effect: (f) => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: [
        `You want to share to protect a child, but you have not identified a concern about significant harm, and consent was ${f.consentWord}. It is unclear whether the threshold for a child protection referral is met.`,
        'Do not ignore the concern: talk to your designated safeguarding lead about what to do.',
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'weigh_proportionality_without_consent',
    title: 'Your protocol asks for a proportionality judgement when consent cannot be had: weigh it up with advice',
    source: 'Derby 2015 s.3 (preventative services)',
    clause: (f) => f.p.clauses.proportionality,
    outcome: 'seek_advice',
    when: (f) => f.noConsent && f.p.weighProportionalityFor.includes(f.a.purpose) && lowNeed(f),
    effect: (f) => ({
      conditions: ['seek_advice_from_dsl', 'weigh_public_interest'],
      reasons: [
        `Consent was ${f.consentWord}. For this purpose your protocol does not simply say to respect the refusal: the key question is whether sharing without consent would be a proportionate response, with the child's safety and welfare as the overriding consideration.`,
        'Weigh up what might happen if you share against what might happen if you do not, make a reasoned judgement and record it. If you are not sure, talk to your line manager or designated safeguarding lead.',
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'not_confidential_consent_refused',
    title: 'Information not confidential but consent refused: get advice on proportionality',
    source: 'Sandwell 2022 App. 2 q.3; Sandwell 2022 s.1.7; Derby 2015 s.3 (preventative services)',
    outcome: 'seek_advice',
    when: (f) => f.noConsent && f.a.confidential === false && lowNeed(f),
    effect: (f) => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: [
        `The information is not confidential, so the duty of confidence does not stop you sharing, and public task may give you a lawful basis. But consent was ${f.consentWord} and there is no concern about significant harm.`,
        'Where possible, respect the wishes of people who do not consent. Talk to your designated safeguarding lead about whether sharing without agreement is necessary and proportionate.',
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'consent_refused_no_public_interest',
    title: 'Consent refused or withdrawn and no public interest justification: do not share',
    source: 'Wirral 2022 When and How q.4; Wirral 2022 Seven Golden Rules 4; Sandwell 2022 App. 2 q.5; Derby 2015 s.3',
    outcome: 'do_not_share',
    when: (f) => f.noConsent && lowNeed(f),
    effect: (f) => ({
      conditions: ['keep_under_review'],
      reasons: [
        `Consent was ${f.consentWord}, the information is confidential, and there is no concern about significant harm, serious harm or serious crime that would justify sharing in the public interest. Respect their wishes and do not share.`,
        'Keep the decision under review. If you become worried that the child is suffering, or is likely to suffer, significant harm, follow child protection procedures without delay.',
      ],
    }),
  },
  {
    kind: 'decision',
    id: 'fallback_seek_advice',
    title: 'Answers not covered by any rule: get advice',
    source: 'Wirral 2022 When and How ("If at any stage you are unsure ... seek advice")',
    outcome: 'seek_advice',
    when: () => true,
    effect: () => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: ['These answers are not covered by any of the protocol rules. Talk to your designated safeguarding lead before you decide.'],
    }),
  },
];

const personal = (f: Facts): boolean => f.a.purpose !== 'none' && f.a.purpose !== 'service_planning' && f.a.identifiable !== false;

const WITHOUT_CONSENT_PUBLIC_INTEREST: ReadonlySet<RuleId> = new Set<RuleId>([
  'sexual_activity_under_13',
  'significant_harm',
  'police_investigation',
  'public_interest_serious_harm_or_crime',
  'imbalance_of_power',
]);

/** The pack's preferred Art. 6 bases for this purpose that the decision does not list yet. */
function preferredExtra(f: Facts, c: Context): LawfulBasisCode[] {
  if (!f.p.preferredLawfulBasesFor.includes(f.a.purpose) || !c.bases.has('uk_gdpr_6_1_e')) return [];
  return f.p.preferredLawfulBases.filter((b): b is (typeof PREFERABLE_ART6_BASES)[number] => (PREFERABLE_ART6_BASES as readonly string[]).includes(b) && !c.bases.has(b));
}

const art9Bases: Readonly<Record<Art9Ground, readonly LawfulBasisCode[]>> = {
  consent: ['uk_gdpr_9_2_a'],
  safeguarding: ['uk_gdpr_9_2_g', 'dpa_2018_sch_1_para_18'],
  crime: ['uk_gdpr_9_2_g', 'dpa_2018_sch_1_para_10'],
  vital: ['uk_gdpr_9_2_c', 'uk_gdpr_9_2_h'],
  court: ['uk_gdpr_9_2_f'],
  none: [],
};

export const SUPPLEMENTARY_RULES: readonly SupplementaryRule[] = [
  {
    kind: 'supplementary',
    id: 'refer_to_childrens_social_care',
    title: "Refer to children's social care yourself",
    source: 'Derby 2015 s.3; Sandwell 2022 App. 1 (Responsibilities of professionals); Wirral 2022 Flowchart note',
    clause: (f) => (f.significantHarm ? null : f.p.clauses.referral),
    when: (f) => (f.significantHarm || (f.under13Sexual && f.p.mandatoryReferralSexualActivityUnder13)) && !f.adult,
    effect: () => ({
      conditions: ['refer_to_childrens_social_care'],
      reasons: ["Do not assume someone else will pass the concern on: refer to children's social care (the front door or MASH) yourself, without delay."],
    }),
  },
  {
    kind: 'supplementary',
    id: 'sexual_activity_under_13_discuss_also',
    title: 'Sexual activity of a child under 13: discuss it with your safeguarding lead as well',
    source: 'Sandwell 2022 App. 2 (Safeguarding); Derby 2015 s.3 (sexual activity of under 16 year olds)',
    when: (f, c) => f.under13Sexual && !f.p.mandatoryReferralSexualActivityUnder13 && !f.significantHarm && c.decidedBy !== 'sexual_activity_under_13_discuss',
    effect: () => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: [
        "A child under 13 cannot consent to sexual activity in law: talk to your designated safeguarding lead today. The presumption is that the case will be referred to children's social care; if it is not, record the detailed reasons.",
      ],
    }),
  },
  {
    kind: 'supplementary',
    id: 'adult_safeguarding',
    title: 'Adult at risk: follow adult safeguarding procedures',
    source: 'Sandwell 2022 App. 4 (note)',
    when: (f) => f.a.harm === 'serious_harm_adult' || (f.adult && f.significantHarm),
    effect: () => ({
      conditions: ['follow_adult_safeguarding'],
      reasons: ['If an adult is at risk of, or experiencing, abuse or serious harm, follow adult safeguarding procedures without delay.'],
    }),
  },
  {
    kind: 'supplementary',
    id: 'harm_unsure_also',
    title: 'Unsure about harm: talk to the safeguarding lead as well',
    source: 'Sandwell 2022 App. 2 (Safeguarding)',
    when: (f, c) => f.a.harm === 'unsure' && c.decidedBy !== 'harm_unsure',
    effect: () => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: ['You are not sure whether the child is at risk of harm: talk to your designated safeguarding lead about whether a referral is also needed.'],
    }),
  },
  {
    kind: 'supplementary',
    id: 'competence_presumed',
    title: 'Your protocol presumes a child of this age competent: their consent stands',
    source: 'Derby 2015 s.3 (Whose consent should be sought?)',
    clause: (f) => f.p.clauses.competence,
    when: (f) => f.presumedCompetentConsent,
    effect: (f) => ({
      conditions: ['record_consent'],
      reasons: [
        `The child is ${String(f.a.childAge)} and has consented. Your protocol presumes that children aged ${String(f.p.competencePresumedFromAge)} or over generally have enough understanding to decide, so their consent stands even though a parent or carer disagrees.`,
        'Check that they understand what will be shared, why, and what could happen if it is or is not shared, and that their view is their own and consistent. If they do not, a person with parental responsibility decides for them — talk to your designated safeguarding lead.',
      ],
    }),
  },
  {
    kind: 'supplementary',
    id: 'consent_conflict_noted',
    title: "Child and parent disagree: act in the child's best interests",
    source: 'Derby 2015 s.3 (Whose consent should be sought?)',
    when: (f, c) => f.a.consentConflict === true && c.decidedBy !== 'consent_conflict',
    effect: () => ({
      reasons: ["The child and a parent or carer disagree about sharing. Act in the child's best interests, even where this means overriding a refusal of consent."],
    }),
  },
  {
    kind: 'supplementary',
    id: 'confidential_without_consent',
    title: 'Confidential information shared without consent: tell a designated manager, record the evidence',
    source: 'Haringey 2006 s.4.6–4.7; Sandwell 2022 App. 2 q.5',
    when: (f, c) => c.outcome === 'share' && f.a.confidential === true && f.a.consent !== 'given' && WITHOUT_CONSENT_PUBLIC_INTEREST.has(c.decidedBy),
    effect: () => ({
      conditions: ['seek_advice_from_dsl'],
      reasons: [
        'You are sharing confidential information without consent: tell your designated safeguarding lead or manager (without delaying an urgent referral), and record the evidence and information your decision is based on and the level of risk you saw at the time.',
      ],
    }),
  },
  {
    kind: 'supplementary',
    id: 'inform_subject',
    title: 'Tell the person that information has been shared, unless that would increase risk',
    source: 'Wirral 2022 When and How ("How?"); Sandwell 2022 App. 2 q.5–q.6; Sandwell 2022 App. 4',
    when: (f, c) => c.outcome === 'share' && personal(f) && f.a.consent !== 'given',
    effect: () => ({
      conditions: ['inform_subject_unless_risk'],
      reasons: ['Tell the child or family that you have shared the information, and why, unless doing so would create or increase a risk of harm.'],
    }),
  },
  {
    kind: 'supplementary',
    id: 'consent_recorded',
    title: 'Sharing with consent: record it and stay within it',
    source: 'Sandwell 2022 App. 2 q.6–q.7; Southampton 2010 s.2; Wirral 2022 Seven Golden Rules 4',
    when: (f, c) => c.outcome === 'share' && f.a.consent === 'given',
    effect: () => ({
      conditions: ['record_consent', 'stay_within_consent'],
      reasons: ['Record who gave consent and when. Share only what the consent covers, and remember the person may not expect everything to be passed on.'],
    }),
  },
  {
    kind: 'supplementary',
    id: 'aggregate_small_numbers',
    title: 'Figures about a small group can identify a child',
    source: 'Southampton 2010 s.12; Sandwell 2022 s.1.9',
    clause: (f) => f.p.clauses.aggregate,
    when: (f) => personal(f) && f.a.level === 'aggregate',
    effect: (f) => ({
      conditions: ['check_small_numbers'],
      reasons: [
        `Figures about a small group — ${f.p.smallNumberThreshold} or fewer under your protocol — can identify a child, so they are personal data. Consider whether figures that identify no one would meet the purpose.`,
      ],
    }),
  },
  {
    kind: 'supplementary',
    id: 'special_category_condition',
    title: 'Special category data needs an Article 9 condition as well',
    source: 'Wirral 2022 App. 2 s.4.4; Wirral 2022 Data Protection and GDPR; Sandwell 2022 s.1.12–1.13 and s.6.1; Haringey 2006 s.4.4',
    when: (f, c) => c.outcome === 'share' && personal(f) && f.specialCategory && c.art9 !== 'none',
    effect: (_f, c) => ({
      bases: art9Bases[c.art9],
      reasons: [
        c.art9 === 'safeguarding'
          ? "Detailed information about health, sex life, ethnicity or similar is special category data. The Data Protection Act 2018 condition for safeguarding children and individuals at risk allows you to share it without consent, so the child's protection does not depend on consent that can be withdrawn."
          : 'Detailed information about health, sex life, ethnicity or similar is special category data, so a UK GDPR Article 9 condition is needed as well; it is listed with the legal bases.',
      ],
    }),
  },
  {
    kind: 'supplementary',
    id: 'preferred_lawful_bases',
    title: 'The lawful bases your protocol prefers for this purpose',
    source: 'Sandwell 2022 s.1.7',
    clause: (f) => f.p.clauses.lawfulBases,
    when: (f, c) => c.outcome === 'share' && personal(f) && preferredExtra(f, c).length > 0,
    effect: (f, c) => ({
      bases: preferredExtra(f, c),
      reasons: [
        'Your protocol recommends relying on legal obligation and public task, rather than consent, as the basis for sharing to safeguard and promote the welfare of children; both are listed.',
      ],
    }),
  },
  {
    kind: 'supplementary',
    id: 'onward_sharing',
    title: 'Your protocol allows onward sharing only with the agreement of the agency the information came from',
    source: 'Southampton 2010 s.10–11; Southampton 2010 s.18 item 13; Derby 2015 s.5 para. 7',
    clause: (f) => f.p.clauses.secondaryDisclosure,
    when: (f, c) => c.outcome === 'share' && personal(f) && f.p.onwardSharingNeedsOriginatorAgreement,
    effect: () => ({
      conditions: ['agree_onward_sharing'],
      reasons: [
        'Under your protocol, information shared with another agency must not be passed on without the agreement of the agency it came from. Tell the recipient, and get the agreement of any other agency whose information you are passing on.',
      ],
    }),
  },
  {
    kind: 'supplementary',
    id: 'show_originator',
    title: 'Show where the information comes from, so it can be traced and corrected',
    source: 'Southampton 2010 s.9; Southampton 2010 s.11; Haringey 2006 s.3.8(a); Wirral 2022 App. 2 s.6.1',
    clause: (f) => f.p.clauses.accuracy,
    when: (f, c) => c.outcome === 'share' && personal(f) && f.p.showOriginator,
    effect: () => ({
      conditions: ['show_originator'],
      reasons: [
        'Your protocol asks that shared information shows who it comes from — your organisation, a contact and the date — so the recipient can record its source and tell you if it is inaccurate.',
      ],
    }),
  },
  {
    kind: 'supplementary',
    id: 'secure_transfer',
    title: 'Send it by secure email as your protocol requires',
    source: 'Southampton 2010 s.18 item 16; Wirral 2022 App. 2 s.4.3; Wirral 2022 App. 2 s.6.2–6.3; Sandwell 2022 s.9.1',
    clause: (f) => f.p.clauses.transfer,
    when: (f, c) => c.outcome === 'share' && personal(f) && (f.p.secureEmailOnly || f.p.initialsInEmail),
    effect: (f) => ({
      conditions: [...(f.p.secureEmailOnly ? (['use_secure_email'] as const) : []), ...(f.p.initialsInEmail ? (['initials_in_email'] as const) : [])],
      reasons: [
        f.p.initialsInEmail
          ? 'Your protocol requires information about people to be sent only by secure or encrypted email, with people referred to by their initials in emails where possible.'
          : 'Your protocol requires information about people to be sent only by secure or encrypted email, never by unsecured email or post.',
      ],
    }),
  },
  {
    kind: 'supplementary',
    id: 'how_to_share',
    title: 'How to share: necessary, proportionate, accurate, timely and secure',
    source: 'Wirral 2022 When and How ("How?"); Sandwell 2022 App. 2 q.6; Sandwell 2022 App. 4; Wirral 2022 Seven Golden Rules 6',
    when: (_f, c) => c.outcome === 'share',
    effect: () => ({
      conditions: ['minimum_necessary', 'right_recipient', 'check_accuracy', 'distinguish_fact_opinion', 'share_securely', 'share_in_timely_manner'],
      reasons: ['Share only what is necessary, with the people who need it. Check it is accurate and up to date, make clear what is fact and what is opinion, and share it securely and in good time.'],
    }),
  },
  {
    kind: 'supplementary',
    id: 'reasons_to_requester',
    title: 'Give the agency that asked your reasons for not sharing',
    source: 'Wirral 2022 App. 2 s.5.4',
    clause: (f) => f.p.clauses.recording,
    when: (f, c) => c.outcome === 'do_not_share' && f.p.reasonsNotToShareGivenToRequester,
    effect: () => ({
      conditions: ['give_reasons_to_requester'],
      reasons: [
        'Under your protocol, if another agency asked for this information, give them your record of the reasons for not sharing it, including how you considered the safety and well-being of the child. Decisions not to share can be scrutinised by the safeguarding partners.',
      ],
    }),
  },
  {
    kind: 'supplementary',
    id: 'record_decision',
    title: 'Record the decision and the reasons, whether or not you share',
    source: 'Wirral 2022 Seven Golden Rules 7; Sandwell 2022 App. 2 q.7; Derby 2015 s.3 (Recording Decisions); Haringey 2006 s.4.7',
    when: () => true,
    effect: (_f, c) => ({
      conditions: ['record_reasons'],
      reasons: [
        c.outcome === 'share'
          ? 'Record your decision and why, what you shared, with whom, when and for what purpose, and the legal basis.'
          : c.outcome === 'do_not_share'
            ? 'Record your decision not to share and your reasons: decisions not to share must be recorded too.'
            : 'Record the advice you are given and the decision you then make, with your reasons.',
      ],
    }),
  },
];

/** The whole rule catalogue, in evaluation order. */
export const RULES: readonly Rule[] = [...DECISION_RULES, ...SUPPLEMENTARY_RULES];

// ---------------------------------------------------------------------------------------------
// decide
// ---------------------------------------------------------------------------------------------

const basisRank = new Map<LawfulBasisCode, number>(LAWFUL_BASES.map((c, i) => [c, i]));
const conditionRank = new Map<ConditionCode, number>(CONDITIONS.map((c, i) => [c, i]));

function fire(rule: Rule, f: Facts): FiredRule {
  const clause = rule.clause?.(f) ?? null;
  return clause === null ? { id: rule.id, title: rule.title, source: rule.source } : { id: rule.id, title: rule.title, source: rule.source, clause };
}

/**
 * Decide whether to share, under the partnership's protocol (`policy`, from its pack). Expects
 * answers accepted by `parseAnswers`.
 */
export function decide(answers: Answers, policy: DecisionPolicy): Decision {
  // Only the answers to questions that apply count, so a question the flow skips (for the child's
  // age, say) cannot change the advice whatever a caller passes for it (ADR 0033).
  const f = factsOf(applicableAnswers(answers), policy);

  // `fallback_seek_advice` always applies, so a decision rule is always found.
  const decisive = DECISION_RULES.find((r) => r.when(f)) ?? DECISION_RULES[DECISION_RULES.length - 1]!;

  const bases = new Set<LawfulBasisCode>();
  const conditions = new Set<ConditionCode>();
  const reasons: string[] = [];
  const rules: FiredRule[] = [];
  const apply = (rule: Rule, effect: Effect): void => {
    rules.push(fire(rule, f));
    for (const b of effect.bases ?? []) bases.add(b);
    for (const c of effect.conditions ?? []) conditions.add(c);
    for (const r of effect.reasons) if (!reasons.includes(r)) reasons.push(r);
  };

  apply(decisive, decisive.effect(f));
  const context: Context = {
    outcome: decisive.outcome,
    decidedBy: decisive.id,
    // Each rule names its own Art. 9 ground (consent only for `consent_given`).
    art9: decisive.art9?.(f) ?? 'none',
    bases,
  };
  for (const rule of SUPPLEMENTARY_RULES) {
    if (rule.when(f, context)) apply(rule, rule.effect(f, context));
  }

  // Only a decision to share carries lawful bases; the others share nothing.
  const lawfulBases = context.outcome === 'share' ? [...bases].sort((x, y) => (basisRank.get(x) ?? 0) - (basisRank.get(y) ?? 0)).map((code) => ({ code, label: lawfulBasisLabels[code] })) : [];

  return {
    engineVersion: ENGINE_VERSION,
    pack: policy.pack,
    outcome: context.outcome,
    lawfulBases,
    conditions: [...conditions].sort((x, y) => (conditionRank.get(x) ?? 0) - (conditionRank.get(y) ?? 0)),
    reasons,
    rules,
  };
}
