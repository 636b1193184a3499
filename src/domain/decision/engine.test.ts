import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ALL_POLICIES, HARINGEY_2006, NATIONAL_BASELINE, SANDWELL_2022 } from '../protocol/policies.fixture.ts';
import { ANSWER_FIELDS, type Answers, applicability, CONSENT_NOT_SOUGHT_REASONS, CONSENT_STATES, EARLY_YEARS_BELOW_AGE, HARMS, LEVELS, PURPOSES, parseAnswers } from './answers.ts';
import { CONDITIONS, type ConditionCode, conditionLabels, DECISION_RULES, type Decision, decide, ENGINE_VERSION, RULE_IDS, RULES, type RuleId, SUPPLEMENTARY_RULES } from './engine.ts';
import { LAWFUL_BASES, type LawfulBasisCode, lawfulBasisLabels } from './lawful-bases.ts';
import type { DecisionPolicy } from './policy.ts';
import { nextQuestion } from './questions.ts';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** A complete, valid answer set about an identifiable child; override what the test is about. */
function answers(overrides: Partial<Answers> = {}): Answers {
  const base: Partial<Answers> = {
    purpose: 'child_in_need',
    identifiable: true,
    level: 'minimum',
    confidential: true,
    childAge: 10,
    consent: 'given',
    consentConflict: false,
    harm: 'none',
    sexualActivityUnder13: false,
  };
  const merged: Record<string, unknown> = { ...base, ...overrides };
  // Drop answers the overrides made irrelevant, the way the web journey does.
  if (merged.consent !== 'not_sought') delete merged.consentNotSoughtReason;
  const c = merged.consent;
  const age = merged.childAge;
  if (!(c === 'given' || c === 'refused' || c === 'withdrawn') || (typeof age === 'number' && age >= 18)) {
    delete merged.consentConflict;
  }
  if (typeof age === 'number' && age >= 16) delete merged.sexualActivityUnder13;
  if (typeof age === 'number' && age < EARLY_YEARS_BELOW_AGE) {
    delete merged.consentConflict;
    delete merged.sexualActivityUnder13;
  }
  const parsed = parseAnswers(merged);
  if (!parsed.ok) throw new Error(`test answers invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

/** The engine under the national baseline (HM Government advice), which every local pack extends. */
const baseline = (a: Answers): Decision => decide(a, NATIONAL_BASELINE);
/** The baseline with some knobs changed, to test a pack-driven rule on its own. */
const withPolicy = (over: Partial<DecisionPolicy>): DecisionPolicy => ({ ...NATIONAL_BASELINE, ...over, pack: 'test-pack@1', clauses: { ...NATIONAL_BASELINE.clauses, ...over.clauses } });

const ids = (d: Decision): RuleId[] => d.rules.map((r) => r.id);
const bases = (d: Decision): LawfulBasisCode[] => d.lawfulBases.map((b) => b.code);
const has = (d: Decision, c: ConditionCode): boolean => d.conditions.includes(c);
const decidedBy = (d: Decision): RuleId | undefined => d.rules[0]?.id;

/** Mostly `likely`, so that the deeper branches of the flowchart are well covered. */
const mostly = (likely: boolean) => fc.oneof({ arbitrary: fc.constant(likely), weight: 4 }, { arbitrary: fc.constant(!likely), weight: 1 });

/** Fill every question the flow asks from a full set of candidate values. */
const candidate = fc.record({
  purpose: fc.constantFrom(...PURPOSES),
  identifiable: mostly(true),
  level: fc.constantFrom(...LEVELS),
  confidential: fc.boolean(),
  childAge: fc.option(fc.integer({ min: 0, max: 25 }), { nil: null }),
  consent: fc.constantFrom(...CONSENT_STATES),
  consentNotSoughtReason: fc.constantFrom(...CONSENT_NOT_SOUGHT_REASONS),
  consentConflict: fc.boolean(),
  harm: fc.constantFrom(...HARMS),
  sexualActivityUnder13: mostly(false),
});

function completeFlow(c: Record<string, unknown>): unknown {
  const partial: Record<string, unknown> = {};
  for (let step = 0; step < 20; step++) {
    const q = nextQuestion(partial as Partial<Answers>);
    if (q === null) return partial;
    partial[q] = c[q];
  }
  throw new Error('flow did not terminate');
}

/** Arbitrary valid answers: everything the question flow can produce (and childAge left out). */
const validAnswers: fc.Arbitrary<Answers> = fc.tuple(candidate, fc.boolean()).map(([c, dropAge]) => {
  const raw = completeFlow(c) as Record<string, unknown>;
  if (dropAge && raw.childAge === null) delete raw.childAge;
  const parsed = parseAnswers(raw);
  if (!parsed.ok) throw new Error(`flow produced invalid answers: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
});

const RUNS = { numRuns: 2000 };

// ---------------------------------------------------------------------------------------------
// Example-based tests, one or more per seed rule
// ---------------------------------------------------------------------------------------------

describe('decision rules (examples from the seeds)', () => {
  it('Wirral 2022 When and How q.1 / Sandwell 2022 App. 2 q.1: no legitimate purpose — do not share', () => {
    const d = baseline({ purpose: 'none' });
    assert.equal(d.outcome, 'do_not_share');
    assert.equal(decidedBy(d), 'no_legitimate_purpose');
    assert.deepEqual(d.lawfulBases, []);
    assert.ok(has(d, 'record_reasons'));
  });

  it('Wirral 2022 When and How q.3 / Sandwell 2022 App. 2 q.2: information that identifies no one can be shared without consent', () => {
    const d = baseline({ purpose: 'early_help', identifiable: false });
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'not_identifiable');
    assert.deepEqual(bases(d), ['anonymised_information']);
    assert.ok(!has(d, 'seek_consent'));
    assert.ok(!has(d, 'inform_subject_unless_risk'), 'no one to inform about anonymised information');
  });

  it('Southampton 2010 s.12: anonymised or aggregated data — check small numbers (10 or fewer)', () => {
    const d = baseline({ purpose: 'service_planning', identifiable: false });
    assert.equal(d.outcome, 'share');
    for (const c of ['check_small_numbers', 'minimum_necessary', 'share_securely', 'record_reasons'] as const) {
      assert.ok(has(d, c), c);
    }
  });

  it('Southampton 2010 s.12 / Sandwell 2022 App. 2 q.1: identifiable information for service planning — do not share, use anonymised data', () => {
    const d = baseline({ purpose: 'service_planning', identifiable: true });
    assert.equal(d.outcome, 'do_not_share');
    assert.equal(decidedBy(d), 'planning_needs_no_identities');
    assert.ok(has(d, 'use_anonymised_data'));
    assert.deepEqual(d.lawfulBases, []);
  });

  it('national baseline: sexual activity under 13 — talk to the safeguarding lead today; referral is presumed', () => {
    const d = baseline(answers({ purpose: 'early_help', childAge: 12, consent: 'refused', sexualActivityUnder13: true }));
    assert.equal(d.outcome, 'seek_advice');
    assert.equal(decidedBy(d), 'sexual_activity_under_13_discuss');
    assert.ok(has(d, 'seek_advice_from_dsl'));
    assert.ok(d.reasons.some((r) => r.includes("presumption is that the case will be referred to children's social care")));
    assert.equal(d.rules[0]!.clause, undefined, 'not a pack rule: the baseline has no mandatory referral');
  });

  it('national baseline: sexual activity under 13 with significant harm — share and refer', () => {
    const d = baseline(answers({ purpose: 'child_protection', childAge: 11, consent: 'refused', harm: 'reasonable_cause_significant_harm', sexualActivityUnder13: true }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'significant_harm');
    assert.ok(has(d, 'refer_to_childrens_social_care'));
    // Sex life is special category data, shared under the safeguarding condition.
    assert.ok(bases(d).includes('uk_gdpr_9_2_g'));
    assert.ok(bases(d).includes('dpa_2018_sch_1_para_18'));
  });

  it('Derby 2015 s.3 (mandatory referral in the pack): sexual activity under 13 — always refer, even when consent is refused', () => {
    const policy = withPolicy({ mandatoryReferralSexualActivityUnder13: true, referralTo: 'children’s social care', clauses: { ...NATIONAL_BASELINE.clauses, referral: 'Test 2026 s.3' } });
    const d = decide(answers({ purpose: 'early_help', childAge: 12, consent: 'refused', sexualActivityUnder13: true }), policy);
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'sexual_activity_under_13');
    assert.equal(d.rules[0]!.clause, 'Test 2026 s.3');
    assert.ok(has(d, 'refer_to_childrens_social_care'));
    assert.ok(bases(d).includes('children_act_1989_s47'));
    assert.ok(bases(d).includes('dpa_2018_sch_1_para_18'));
  });

  it('national baseline: sexual activity under 13 when a court order applies — share, and talk to the safeguarding lead as well', () => {
    const d = baseline(answers({ purpose: 'court_order', childAge: 14, sexualActivityUnder13: true }));
    assert.equal(d.outcome, 'share');
    assert.ok(ids(d).includes('sexual_activity_under_13_discuss_also'));
    assert.ok(has(d, 'seek_advice_from_dsl'));
  });

  it('Sandwell 2022 s.6.7 / Haringey 2006 s.4.5: court order — share under legal obligation, even if consent refused', () => {
    const d = baseline(answers({ purpose: 'court_order', consent: 'refused', level: 'detailed' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'court_order');
    assert.ok(bases(d).includes('uk_gdpr_6_1_c'));
    assert.ok(bases(d).includes('court_order'));
    assert.ok(bases(d).includes('uk_gdpr_9_2_f'));
    assert.ok(!bases(d).includes('uk_gdpr_6_1_a'));
  });

  it('Sandwell 2022 s.1.2 and s.6.7: statutory request — share under legal obligation (Children Act 2004 s.14B)', () => {
    const d = baseline(answers({ purpose: 'statutory_request', consent: 'not_sought', consentNotSoughtReason: 'statutory_duty' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'statutory_request');
    assert.ok(bases(d).includes('uk_gdpr_6_1_c'));
    assert.ok(bases(d).includes('children_act_2004_s14b'));
  });

  it('Sandwell 2022 s.1.17: practice reviews and multi-agency audits — share what is necessary', () => {
    const d = baseline(answers({ purpose: 'practice_review', consent: 'not_yet_asked' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'practice_review');
    assert.ok(bases(d).includes('uk_gdpr_6_1_e'));
    assert.ok(has(d, 'minimum_necessary'));
  });

  it('Sandwell 2022 s.6.7: consent not sought because of a statutory duty — share under legal obligation', () => {
    const d = baseline(answers({ purpose: 'child_in_need', consent: 'not_sought', consentNotSoughtReason: 'statutory_duty' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'statutory_duty_to_share');
    assert.ok(bases(d).includes('uk_gdpr_6_1_c'));
    assert.ok(bases(d).includes('children_act_1989_s17'));
  });

  for (const harm of ['evidence_significant_harm', 'reasonable_cause_significant_harm'] as const) {
    it(`Derby 2015 s.3 / Sandwell 2022 s.6.5–6.6: ${harm} — share without consent and refer (Children Act 1989 s.47)`, () => {
      const d = baseline(answers({ purpose: 'child_protection', harm, consent: 'refused' }));
      assert.equal(d.outcome, 'share');
      assert.equal(decidedBy(d), 'significant_harm');
      assert.ok(has(d, 'refer_to_childrens_social_care'));
      assert.ok(has(d, 'inform_subject_unless_risk'));
      assert.ok(has(d, 'seek_advice_from_dsl'), 'Haringey 2006 s.4.6: tell a designated manager');
      assert.ok(bases(d).includes('uk_gdpr_6_1_e'));
      assert.ok(bases(d).includes('children_act_1989_s47'));
    });
  }

  for (const reason of ['increase_risk', 'prejudice_crime', 'unjustified_delay'] as const) {
    it(`Sandwell 2022 App. 2 (When not to seek consent) / s.6.3: consent not sought (${reason}) with significant harm — share`, () => {
      const d = baseline(answers({ purpose: 'child_protection', harm: 'reasonable_cause_significant_harm', consent: 'not_sought', consentNotSoughtReason: reason }));
      assert.equal(d.outcome, 'share');
      assert.ok(has(d, 'refer_to_childrens_social_care'));
      assert.ok(!has(d, 'seek_consent'));
    });
  }

  it('Sandwell 2022 App. 2 (Safeguarding): significant harm with consent given — still refer', () => {
    const d = baseline(answers({ purpose: 'early_help', harm: 'evidence_significant_harm', consent: 'given' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'significant_harm');
    assert.ok(has(d, 'refer_to_childrens_social_care'));
  });

  it('Sandwell 2022 App. 4 note: significant harm to a young person aged 18+ — adult safeguarding, not s.47', () => {
    const d = baseline(answers({ purpose: 'child_protection', childAge: 20, harm: 'evidence_significant_harm', consent: 'refused' }));
    assert.equal(d.outcome, 'share');
    assert.ok(has(d, 'follow_adult_safeguarding'));
    assert.ok(!has(d, 'refer_to_childrens_social_care'));
    assert.ok(!bases(d).includes('children_act_1989_s47'));
  });

  it('Haringey 2006 s.4.5–4.6: urgent medical treatment — share to protect vital interests', () => {
    const d = baseline(answers({ harm: 'urgent_medical_treatment', consent: 'not_yet_asked', level: 'detailed' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'urgent_medical_treatment');
    assert.ok(bases(d).includes('uk_gdpr_6_1_d'));
    assert.ok(bases(d).includes('uk_gdpr_9_2_c'));
  });

  it('Haringey 2006 s.4.5: police investigation — share only on a formal written request', () => {
    const d = baseline(answers({ purpose: 'police_investigation', consent: 'not_sought', consentNotSoughtReason: 'prejudice_crime', harm: 'none' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'police_investigation');
    assert.ok(has(d, 'obtain_formal_request'));
    assert.ok(bases(d).includes('dpa_2018_sch_2_para_2'));
  });

  it('Sandwell 2022 App. 2 (Safeguarding) / Derby 2015 s.3: not sure about harm — seek advice from the DSL, even with consent', () => {
    for (const consent of ['given', 'refused', 'not_yet_asked'] as const) {
      const d = baseline(answers({ harm: 'unsure', consent }));
      assert.equal(d.outcome, 'seek_advice', consent);
      assert.equal(decidedBy(d), 'harm_unsure');
      assert.ok(has(d, 'seek_advice_from_dsl'));
      assert.deepEqual(d.lawfulBases, []);
    }
  });

  it('Sandwell 2022 App. 2 q.4: a competent child and a parent disagree — seek advice', () => {
    const d = baseline(answers({ purpose: 'early_help', childAge: 15, consent: 'given', consentConflict: true, harm: 'emerging_needs' }));
    assert.equal(d.outcome, 'seek_advice');
    assert.equal(decidedBy(d), 'consent_conflict');
    assert.ok(has(d, 'seek_advice_from_dsl'));
    assert.ok(d.reasons.some((r) => r.includes("competent child's view generally prevails")));
  });

  it("Derby 2015 s.3: disagreement does not stop a referral when there is significant harm — act in the child's best interests", () => {
    const d = baseline(answers({ consent: 'refused', consentConflict: true, harm: 'evidence_significant_harm' }));
    assert.equal(d.outcome, 'share');
    assert.ok(ids(d).includes('consent_conflict_noted'));
  });

  it('Sandwell 2022 s.1.7: consent given — share, relying on public task, not Art. 6(1)(a)', () => {
    const d = baseline(answers({ purpose: 'early_help', consent: 'given', harm: 'emerging_needs' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'consent_given');
    assert.ok(bases(d).includes('uk_gdpr_6_1_e'));
    assert.ok(!bases(d).includes('uk_gdpr_6_1_a'));
    assert.ok(has(d, 'record_consent'));
    assert.ok(has(d, 'stay_within_consent'));
    assert.ok(!has(d, 'inform_subject_unless_risk'), 'they already know: they consented');
  });

  it('Wirral 2022 App. 2 s.4.4: consent given for detailed (special category) information — Art. 9(2)(a) explicit consent', () => {
    const d = baseline(answers({ purpose: 'child_in_need', consent: 'given', level: 'detailed' }));
    assert.equal(d.outcome, 'share');
    assert.ok(bases(d).includes('uk_gdpr_9_2_a'));
    assert.ok(!bases(d).includes('dpa_2018_sch_1_para_18'));
  });

  it('Derby 2015 s.3 / Sandwell 2022 App. 2 q.5: serious crime without consent — share in the public interest, weighing it up', () => {
    const d = baseline(answers({ purpose: 'crime_prevention', consent: 'refused', harm: 'serious_crime', level: 'detailed' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'public_interest_serious_harm_or_crime');
    assert.ok(has(d, 'weigh_public_interest'));
    assert.ok(bases(d).includes('crime_and_disorder_act_1998_s115'));
    assert.ok(bases(d).includes('dpa_2018_sch_1_para_10'));
  });

  it('Derby 2015 s.3: serious harm to an adult without consent — share in the public interest; adult safeguarding', () => {
    const d = baseline(answers({ consent: 'withdrawn', harm: 'serious_harm_adult' }));
    assert.equal(d.outcome, 'share');
    assert.ok(has(d, 'weigh_public_interest'));
    assert.ok(has(d, 'follow_adult_safeguarding'));
  });

  it('Sandwell 2022 s.6.3 and s.6.5: consent not valid because of an imbalance of power — share on public task', () => {
    const d = baseline(answers({ purpose: 'crime_prevention', consent: 'not_sought', consentNotSoughtReason: 'imbalance_of_power' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'imbalance_of_power');
    assert.ok(bases(d).includes('uk_gdpr_6_1_e'));
  });

  it('Sandwell 2022 App. 2 (Early Help) as a pack rule: explicit consent for early help — an imbalance of power means advice, not sharing', () => {
    const a = answers({ purpose: 'early_help', consent: 'not_sought', consentNotSoughtReason: 'imbalance_of_power' });
    assert.equal(decidedBy(baseline(a)), 'imbalance_of_power', 'the baseline shares on public task');
    const d = decide(a, withPolicy({ explicitConsent: { levels: [], purposes: ['early_help'], exceptHarms: [], exceptNotSoughtReasons: [] } }));
    assert.equal(d.outcome, 'seek_advice');
    assert.equal(decidedBy(d), 'explicit_consent_public_interest');
  });

  it('Sandwell 2022 s.6.3: "asking would increase risk" but no risk identified — seek advice', () => {
    const d = baseline(answers({ consent: 'not_sought', consentNotSoughtReason: 'increase_risk', harm: 'none' }));
    assert.equal(d.outcome, 'seek_advice');
    assert.equal(decidedBy(d), 'consent_not_sought_without_risk');
  });

  it('Wirral 2022 Seven Golden Rules 2 / Derby 2015 s.3: consent not yet asked — do not share yet, seek consent', () => {
    const d = baseline(answers({ purpose: 'early_help', consent: 'not_yet_asked', harm: 'emerging_needs' }));
    assert.equal(d.outcome, 'do_not_share');
    assert.equal(decidedBy(d), 'consent_not_yet_asked');
    assert.ok(has(d, 'seek_consent'));
    assert.ok(has(d, 'record_reasons'));
  });

  for (const consent of ['refused', 'withdrawn'] as const) {
    it(`Wirral 2022 Seven Golden Rules 4: early help, confidential, consent ${consent}, emerging needs — do not share, record reasons`, () => {
      const d = baseline(answers({ purpose: 'early_help', consent, harm: 'emerging_needs' }));
      assert.equal(d.outcome, 'do_not_share');
      assert.equal(decidedBy(d), 'consent_refused_no_public_interest');
      assert.ok(has(d, 'record_reasons'));
      assert.ok(has(d, 'keep_under_review'));
      assert.deepEqual(d.lawfulBases, []);
    });
  }

  it('Sandwell 2022 App. 2 (Safeguarding): child protection purpose but no significant harm concern — seek advice', () => {
    const d = baseline(answers({ purpose: 'child_protection', consent: 'refused', harm: 'none' }));
    assert.equal(d.outcome, 'seek_advice');
    assert.equal(decidedBy(d), 'child_protection_threshold_unclear');
  });

  it('Sandwell 2022 App. 2 q.3 / s.1.7: not confidential, consent refused — seek advice on proportionality', () => {
    const d = baseline(answers({ purpose: 'child_in_need', confidential: false, consent: 'refused', harm: 'emerging_needs' }));
    assert.equal(d.outcome, 'seek_advice');
    assert.equal(decidedBy(d), 'not_confidential_consent_refused');
  });

  it('Sandwell 2022 App. 2 q.3–q.4 / App. 4 (flowchart): identifiable, not confidential, legitimate purpose — share; consent is not asked for first', () => {
    const d = baseline(answers({ purpose: 'early_help', confidential: false, consent: 'not_yet_asked', harm: 'emerging_needs' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'not_confidential');
    assert.ok(!has(d, 'seek_consent'));
    assert.ok(bases(d).includes('uk_gdpr_6_1_e'));
    assert.ok(bases(d).includes('children_act_2004_s10'));
    assert.ok(has(d, 'inform_subject_unless_risk'), 'golden rule 2: be open with the family');
    assert.match(d.rules[0]!.source, /Sandwell 2022 App\. 2 q\.3–q\.4/);
    assert.ok(d.reasons[0]!.includes('not confidential'), 'the advice says why');
  });

  it('Sandwell 2022 App. 2 q.3: not confidential, consent not sought (no risk identified) — share; the reason for not asking does not matter', () => {
    const d = baseline(answers({ confidential: false, consent: 'not_sought', consentNotSoughtReason: 'increase_risk', harm: 'none' }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'not_confidential');
    assert.ok(!has(d, 'seek_consent'));
  });

  it('Wirral 2022 Data Protection and GDPR / Sandwell 2022 s.8.1: not confidential but special category data — ask for consent first, saying why', () => {
    const d = baseline(answers({ level: 'detailed', confidential: false, consent: 'not_yet_asked' }));
    assert.equal(d.outcome, 'do_not_share');
    assert.equal(decidedBy(d), 'consent_not_yet_asked');
    assert.ok(has(d, 'seek_consent'));
    assert.ok(
      d.reasons.some((r) => r.includes('special category data')),
      'the advice says the reason is the Art. 9 condition, not confidentiality',
    );
  });

  it('a pack that needs explicit consent overrides the non-confidential branch, citing its clause (Haringey 2006 s.4.4; Sandwell 2022 App. 2 Early Help)', () => {
    const haringey = decide(answers({ level: 'detailed', confidential: false, consent: 'not_yet_asked' }), HARINGEY_2006);
    assert.equal(decidedBy(haringey), 'explicit_consent_required');
    assert.ok(has(haringey, 'seek_consent'));
    assert.match(haringey.rules[0]!.clause ?? '', /^Haringey 2006 s\.4\.4/);
    const a = answers({ purpose: 'early_help', confidential: false, consent: 'not_yet_asked', harm: 'emerging_needs' });
    assert.equal(baseline(a).outcome, 'share');
    const sandwell = decide(a, SANDWELL_2022);
    assert.equal(sandwell.outcome, 'do_not_share');
    assert.equal(decidedBy(sandwell), 'explicit_consent_required');
    assert.match(sandwell.rules[0]!.clause ?? '', /^Sandwell 2022 App\. 2 \(Early Help/);
  });

  it('Wirral 2022 When and How q.4 / golden rule 4: confidential, consent refused, no public interest — do not share', () => {
    const d = baseline(answers({ purpose: 'child_in_need', confidential: true, consent: 'refused', harm: 'none' }));
    assert.equal(d.outcome, 'do_not_share');
    assert.equal(decidedBy(d), 'consent_refused_no_public_interest');
    assert.ok(has(d, 'record_reasons'));
  });

  it('Southampton 2010 s.12 / Sandwell 2022 s.1.9: identifiable aggregate figures — check small numbers', () => {
    const d = baseline(answers({ level: 'aggregate' }));
    assert.ok(ids(d).includes('aggregate_small_numbers'));
    assert.ok(has(d, 'check_small_numbers'));
  });

  it('Wirral 2022 When and How ("How?") / Sandwell 2022 App. 2 q.6: how to share conditions on every share', () => {
    const d = baseline(answers());
    for (const c of ['minimum_necessary', 'distinguish_fact_opinion', 'share_securely', 'check_accuracy', 'right_recipient', 'share_in_timely_manner'] as const) {
      assert.ok(has(d, c), c);
    }
  });

  it('Wirral 2022 When and How ("If at any stage you are unsure"): answers outside the flow fall back to seeking advice', () => {
    // Not producible by the question flow or parseAnswers; only a careless caller could do this.
    const d = baseline({ purpose: 'child_in_need', identifiable: true } as Answers);
    assert.equal(d.outcome, 'seek_advice');
    assert.equal(decidedBy(d), 'fallback_seek_advice');
    assert.ok(has(d, 'seek_advice_from_dsl'));
  });
});

// ---------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------

describe('rule catalogue', () => {
  it('lists every rule once, in RULE_IDS order, decision rules first', () => {
    assert.deepEqual(
      RULES.map((r) => r.id),
      [...RULE_IDS],
    );
    assert.equal(new Set(RULE_IDS).size, RULE_IDS.length);
    assert.ok(DECISION_RULES.every((r) => r.kind === 'decision'));
    assert.ok(SUPPLEMENTARY_RULES.every((r) => r.kind === 'supplementary'));
    assert.equal(DECISION_RULES.at(-1)?.id, 'fallback_seek_advice');
  });

  it('every rule cites a clause of a seed protocol', () => {
    const seed = /^(Southampton 2010|Haringey 2006|Derby 2015|Wirral 2022|Sandwell 2022) \S/;
    for (const r of RULES) {
      assert.ok(r.title.length > 0, r.id);
      for (const part of r.source.split('; ')) assert.match(part, seed, `${r.id}: ${part}`);
    }
  });

  it('every lawful basis and condition has a label', () => {
    for (const b of LAWFUL_BASES) assert.ok(lawfulBasisLabels[b].length > 0, b);
    for (const c of CONDITIONS) assert.ok(conditionLabels[c].length > 0, c);
    assert.match(ENGINE_VERSION, /^\d{4}\.\d+$/);
  });

  it('docs/decision-engine.md documents every rule, lawful basis and condition', () => {
    const doc = readFileSync(new URL('../../../docs/decision-engine.md', import.meta.url), 'utf8');
    for (const id of [...RULE_IDS, ...LAWFUL_BASES, ...CONDITIONS]) assert.ok(doc.includes(`\`${id}\``), id);
    assert.ok(doc.includes(ENGINE_VERSION));
  });
});

// ---------------------------------------------------------------------------------------------
// Pack-driven rules, each knob on its own (the real packs are tested in src/use-cases/kernel/packs.test.ts)
// ---------------------------------------------------------------------------------------------

describe('pack-driven rules (each knob of the policy on its own)', () => {
  const explicit = (over: Partial<DecisionPolicy['explicitConsent']>) =>
    withPolicy({ explicitConsent: { levels: [], purposes: [], exceptHarms: [], exceptNotSoughtReasons: [], ...over }, clauses: { ...NATIONAL_BASELINE.clauses, explicitConsent: 'Test s.4.4' } });

  it('explicit consent for a level: refused → do not share (baseline: seek advice), citing the pack clause', () => {
    const a = answers({ level: 'detailed', confidential: false, consent: 'refused', harm: 'emerging_needs' });
    assert.equal(baseline(a).outcome, 'seek_advice');
    const d = decide(a, explicit({ levels: ['detailed'] }));
    assert.equal(d.outcome, 'do_not_share');
    assert.equal(decidedBy(d), 'explicit_consent_required');
    assert.equal(d.rules[0]!.clause, 'Test s.4.4');
    assert.ok(has(d, 'keep_under_review'));
  });

  it('explicit consent: not yet asked → ask for explicit consent', () => {
    const d = decide(answers({ level: 'detailed', consent: 'not_yet_asked' }), explicit({ levels: ['detailed'] }));
    assert.equal(decidedBy(d), 'explicit_consent_required');
    assert.ok(has(d, 'seek_consent'));
  });

  it('explicit consent: a listed exception lifts it; an unlisted public-interest ground needs advice first', () => {
    const a = answers({ purpose: 'crime_prevention', level: 'detailed', consent: 'refused', harm: 'serious_crime' });
    assert.equal(baseline(a).outcome, 'share');
    assert.equal(decidedBy(decide(a, explicit({ levels: ['detailed'] }))), 'explicit_consent_public_interest');
    assert.equal(decide(a, explicit({ levels: ['detailed'] })).outcome, 'seek_advice');
    assert.equal(decide(a, explicit({ levels: ['detailed'], exceptHarms: ['serious_crime'] })).outcome, 'share');
  });

  it('explicit consent never stops significant harm, a court order or urgent treatment', () => {
    const p = explicit({ levels: ['detailed', 'minimum', 'aggregate'], purposes: ['child_in_need', 'child_protection', 'court_order'] });
    assert.equal(decide(answers({ level: 'detailed', consent: 'refused', harm: 'evidence_significant_harm' }), p).outcome, 'share');
    assert.equal(decide(answers({ purpose: 'court_order', level: 'detailed', consent: 'refused' }), p).outcome, 'share');
    assert.equal(decide(answers({ level: 'detailed', consent: 'refused', harm: 'urgent_medical_treatment' }), p).outcome, 'share');
  });

  it('explicit consent with a child-protection purpose and no identified harm still goes to the safeguarding lead', () => {
    const d = decide(answers({ purpose: 'child_protection', level: 'detailed', consent: 'refused', harm: 'none' }), explicit({ levels: ['detailed'] }));
    assert.equal(decidedBy(d), 'child_protection_threshold_unclear');
  });

  it('minimum data set without consent: not yet asked → share the basic details and tell the family', () => {
    const a = answers({ level: 'minimum', consent: 'not_yet_asked' });
    assert.equal(baseline(a).outcome, 'do_not_share');
    const d = decide(a, withPolicy({ minimumDataSetWithoutConsent: true }));
    assert.equal(d.outcome, 'share');
    assert.equal(decidedBy(d), 'minimum_data_set_without_consent');
    assert.ok(has(d, 'inform_subject_unless_risk'));
    assert.equal(decide(answers({ level: 'detailed', consent: 'not_yet_asked' }), withPolicy({ minimumDataSetWithoutConsent: true })).outcome, 'do_not_share');
  });

  it('consent not required for a purpose: not yet asked → share on public task (not special category data)', () => {
    const p = withPolicy({ consentNotRequiredFor: ['child_in_need'] });
    const d = decide(answers({ consent: 'not_yet_asked' }), p);
    assert.equal(decidedBy(d), 'consent_not_required_for_purpose');
    assert.ok(bases(d).includes('uk_gdpr_6_1_e'));
    assert.ok(has(d, 'inform_subject_unless_risk'));
    assert.equal(decide(answers({ consent: 'not_yet_asked', level: 'detailed' }), p).outcome, 'do_not_share', 'special category data still needs consent');
    assert.equal(decide(answers({ consent: 'refused' }), p).outcome, 'do_not_share', 'a refusal is still respected without a public interest');
  });

  it('proportionality without consent: refused early help → weigh it up with advice (baseline: do not share)', () => {
    const a = answers({ purpose: 'early_help', consent: 'refused', harm: 'emerging_needs' });
    assert.equal(baseline(a).outcome, 'do_not_share');
    const d = decide(a, withPolicy({ weighProportionalityFor: ['early_help'] }));
    assert.equal(d.outcome, 'seek_advice');
    assert.ok(has(d, 'weigh_public_interest'));
  });

  it('competence presumed from an age: a child at or over it who consents, against a parent, decides', () => {
    const p = withPolicy({ competencePresumedFromAge: 12 });
    const a = answers({ purpose: 'early_help', childAge: 12, consent: 'given', consentConflict: true, harm: 'emerging_needs' });
    assert.equal(baseline(a).outcome, 'seek_advice');
    const d = decide(a, p);
    assert.equal(d.outcome, 'share');
    assert.ok(ids(d).includes('competence_presumed'));
    assert.ok(ids(d).includes('consent_conflict_noted'));
    assert.equal(decide(answers({ purpose: 'early_help', childAge: 11, consent: 'given', consentConflict: true, harm: 'emerging_needs' }), p).outcome, 'seek_advice', 'under the age: advice');
    assert.equal(
      decide(answers({ purpose: 'early_help', childAge: 13, consent: 'refused', consentConflict: true, harm: 'emerging_needs' }), p).outcome,
      'seek_advice',
      "a refusal is weighed with the DSL in the child's best interests",
    );
    assert.equal(decide(answers({ purpose: 'early_help', childAge: null, consent: 'given', consentConflict: true, harm: 'emerging_needs' }), p).outcome, 'seek_advice', 'age not known: advice');
  });

  it('preferred lawful bases: legal obligation is listed with public task for the named purposes', () => {
    const p = withPolicy({ preferredLawfulBases: ['uk_gdpr_6_1_c', 'uk_gdpr_6_1_e', 'uk_gdpr_6_1_a', 'uk_gdpr_9_2_a'], preferredLawfulBasesFor: ['child_in_need'] });
    const d = decide(answers({ consent: 'given' }), p);
    assert.ok(bases(d).includes('uk_gdpr_6_1_c'));
    assert.ok(!bases(d).includes('uk_gdpr_6_1_a'), 'never consent as the Art. 6 basis');
    assert.ok(!bases(d).includes('uk_gdpr_9_2_a'), 'only Art. 6 bases come from the preference');
    assert.ok(!bases(decide(answers({ purpose: 'early_help', consent: 'given' }), p)).includes('uk_gdpr_6_1_c'));
  });

  it('onward sharing, originator, secure email: conditions on every share of personal data, none on anonymised data', () => {
    const p = withPolicy({ onwardSharingNeedsOriginatorAgreement: true, showOriginator: true, secureEmailOnly: true, initialsInEmail: true });
    const d = decide(answers(), p);
    for (const c of ['agree_onward_sharing', 'show_originator', 'use_secure_email', 'initials_in_email'] as const) {
      assert.ok(has(d, c), c);
      assert.ok(!has(baseline(answers()), c), c);
    }
    const anon = decide({ purpose: 'early_help', identifiable: false }, p);
    assert.ok(!has(anon, 'agree_onward_sharing') && !has(anon, 'use_secure_email'));
  });

  it('reasons given to the requester on every decision not to share', () => {
    const p = withPolicy({ reasonsNotToShareGivenToRequester: true });
    assert.ok(has(decide({ purpose: 'none' }, p), 'give_reasons_to_requester'));
    assert.ok(!has(baseline({ purpose: 'none' }), 'give_reasons_to_requester'));
    assert.ok(!has(decide(answers(), p), 'give_reasons_to_requester'));
  });

  it('the small-number threshold comes from the pack', () => {
    const d = decide(answers({ level: 'aggregate' }), withPolicy({ smallNumberThreshold: 5, clauses: { ...NATIONAL_BASELINE.clauses, aggregate: 'Test s.12' } }));
    assert.ok(d.reasons.some((r) => r.includes('5 or fewer')));
    assert.equal(d.rules.find((r) => r.id === 'aggregate_small_numbers')?.clause, 'Test s.12');
  });

  it('the decision names the pack it was made under', () => {
    assert.equal(baseline({ purpose: 'none' }).pack, 'national-baseline@2026.4');
    assert.equal(decide({ purpose: 'none' }, withPolicy({})).pack, 'test-pack@1');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over every answer set the question flow can produce, under every shipped pack
// ---------------------------------------------------------------------------------------------

/** Valid answers with one of the six shipped packs' policies. */
const valid = fc.tuple(validAnswers, fc.constantFrom(...ALL_POLICIES));
/** Rules that come from the protocol pack (and so may cite its clause). */
const PACK_RULES = new Set<RuleId>(RULES.filter((r) => r.clause !== undefined).map((r) => r.id));

describe('decision properties (every shipped pack)', () => {
  // ADR 0033: questions that do not fit the child's age are skipped with the engine's agreement.
  it('for every pack and every age, no answer to a question the flow skips can change the advice', () => {
    fc.assert(
      fc.property(candidate, fc.integer({ min: 0, max: 25 }), fc.constantFrom(...ALL_POLICIES), candidate, (c, age, p, other) => {
        const parsed = parseAnswers(completeFlow({ ...c, childAge: age }));
        if (!parsed.ok) throw new Error(`flow produced invalid answers: ${JSON.stringify(parsed.errors)}`);
        const a = parsed.value;
        const advice = decide(a, p);
        for (const field of ANSWER_FIELDS) {
          if (applicability(field, a).applies !== false) continue;
          const value = other[field];
          assert.deepEqual(decide({ ...a, [field]: value } as Answers, p), advice, `${field} = ${JSON.stringify(value)} is skipped at age ${age} under ${p.pack}`);
        }
      }),
      RUNS,
    );
  });

  it('purpose "none" never shares', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        if (a.purpose === 'none') assert.equal(decide(a, p).outcome, 'do_not_share');
      }),
      RUNS,
    );
  });

  it('every decision has a decision rule first, at least one reason, and ends by recording', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        const d = decide(a, p);
        assert.ok(d.rules.length >= 1);
        assert.ok(d.reasons.length >= 1);
        const decisionIds = new Set<string>(DECISION_RULES.map((r) => r.id));
        assert.equal(d.rules.filter((r) => decisionIds.has(r.id)).length, 1, 'exactly one decision rule');
        assert.ok(decisionIds.has(d.rules[0]!.id));
        assert.equal(d.rules.at(-1)?.id, 'record_decision');
        assert.equal(d.engineVersion, ENGINE_VERSION);
        assert.equal(d.pack, p.pack);
        assert.ok(d.reasons.every((r) => r.trim().length > 0));
      }),
      RUNS,
    );
  });

  it('the fallback never fires for answers the flow produces', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        assert.notEqual(decidedBy(decide(a, p)), 'fallback_seek_advice');
      }),
      RUNS,
    );
  });

  it('every outcome includes record_reasons (golden rule 7: including decisions not to share)', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        assert.ok(has(decide(a, p), 'record_reasons'));
      }),
      RUNS,
    );
  });

  it('share always has a lawful basis and the how-to-share conditions', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        const d = decide(a, p);
        if (d.outcome !== 'share') return;
        assert.ok(d.lawfulBases.length >= 1);
        for (const c of ['record_reasons', 'share_securely', 'minimum_necessary', 'distinguish_fact_opinion'] as const) {
          assert.ok(has(d, c), c);
        }
        // An Art. 6 basis (or not personal data at all) is always there.
        assert.ok(bases(d).some((b) => b.startsWith('uk_gdpr_6_') || b === 'anonymised_information'));
      }),
      RUNS,
    );
  });

  it('do_not_share and seek_advice carry no lawful bases and no how-to-share conditions', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        const d = decide(a, p);
        if (d.outcome === 'share') return;
        assert.deepEqual(d.lawfulBases, []);
        for (const c of ['share_securely', 'inform_subject_unless_risk', 'use_secure_email', 'agree_onward_sharing', 'show_originator'] as const) assert.ok(!has(d, c), c);
      }),
      RUNS,
    );
  });

  it('seek_advice always says who to ask', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        const d = decide(a, p);
        if (d.outcome === 'seek_advice') assert.ok(has(d, 'seek_advice_from_dsl'));
      }),
      RUNS,
    );
  });

  it('consent is never chosen as the UK GDPR Art. 6 basis (Sandwell 2022 s.1.7)', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        assert.ok(!bases(decide(a, p)).includes('uk_gdpr_6_1_a'));
      }),
      RUNS,
    );
  });

  it('is deterministic: the same answers and pack give a deep-equal decision, and neither is changed', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        const frozen = Object.freeze(structuredClone(a));
        const policy = structuredClone(p);
        const first = decide(frozen, policy);
        const second = decide(structuredClone(a), structuredClone(p));
        assert.deepEqual(first, second);
        assert.deepEqual(JSON.parse(JSON.stringify(first)), first, 'the decision is plain JSON');
        assert.deepEqual(frozen, a);
        assert.deepEqual(policy, p);
      }),
      RUNS,
    );
  });

  it('sexual activity under 13 is never "do not share": it is referred where the pack says so, and otherwise discussed with the safeguarding lead', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        if (a.sexualActivityUnder13 !== true) return;
        const d = decide(a, p);
        assert.notEqual(d.outcome, 'do_not_share');
        if (p.mandatoryReferralSexualActivityUnder13) {
          assert.equal(d.outcome, 'share');
          assert.ok(has(d, 'refer_to_childrens_social_care'));
        } else {
          assert.ok(has(d, 'refer_to_childrens_social_care') || has(d, 'seek_advice_from_dsl'));
        }
      }),
      RUNS,
    );
  });

  it('significant harm to a child always shares and refers, whatever the consent and the pack (Derby 2015 s.3)', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        const sig = a.harm === 'evidence_significant_harm' || a.harm === 'reasonable_cause_significant_harm';
        const child = !(typeof a.childAge === 'number' && a.childAge >= 18);
        if (!sig || !child) return;
        const d = decide(a, p);
        assert.equal(d.outcome, 'share');
        assert.ok(has(d, 'refer_to_childrens_social_care'));
      }),
      RUNS,
    );
  });

  it('sharing identifiable information without consent always tells the person unless that increases risk', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        const d = decide(a, p);
        if (d.outcome === 'share' && a.identifiable === true && a.consent !== 'given') {
          assert.ok(has(d, 'inform_subject_unless_risk'));
        }
      }),
      RUNS,
    );
  });

  it('a pack can only make sharing without consent stricter where it asks for explicit consent: never "share" without consent or a listed exception', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        const d = decide(a, p);
        const level = a.level !== undefined && p.explicitConsent.levels.includes(a.level);
        const purpose = p.explicitConsent.purposes.includes(a.purpose);
        if (!(level || purpose) || a.consent === undefined || a.consent === 'given' || d.outcome !== 'share') return;
        const sig = a.harm === 'evidence_significant_harm' || a.harm === 'reasonable_cause_significant_harm';
        const statutory = ['court_order', 'statutory_request', 'practice_review', 'police_investigation'].includes(a.purpose) || a.consentNotSoughtReason === 'statutory_duty';
        const excepted =
          (a.harm !== undefined && p.explicitConsent.exceptHarms.includes(a.harm)) ||
          (a.consentNotSoughtReason !== undefined && p.explicitConsent.exceptNotSoughtReasons.includes(a.consentNotSoughtReason));
        assert.ok(sig || statutory || excepted || a.harm === 'urgent_medical_treatment' || a.sexualActivityUnder13 === true, JSON.stringify(a));
      }),
      RUNS,
    );
  });

  it('identifiable information that is not confidential, with a legitimate purpose, is never held back for consent unless the pack requires explicit consent for it (Sandwell 2022 App. 2 q.3–q.4)', () => {
    const notConfidential = validAnswers.filter((a) => a.confidential === false && a.purpose !== 'none' && a.purpose !== 'service_planning');
    fc.assert(
      fc.property(notConfidential, fc.constantFrom(...ALL_POLICIES), (a, p) => {
        // A pack overrides the branch only by requiring explicit consent, citing its clause.
        if ((a.level !== undefined && p.explicitConsent.levels.includes(a.level)) || p.explicitConsent.purposes.includes(a.purpose)) return;
        const d = decide(a, p);
        if (a.level === 'detailed') {
          // Special category data: the Art. 9 safeguarding condition, not confidentiality, is why consent can matter — and the advice says so.
          if (has(d, 'seek_consent'))
            assert.ok(
              d.reasons.some((r) => r.includes('special category data')),
              JSON.stringify(a),
            );
          return;
        }
        assert.notEqual(d.outcome, 'do_not_share', JSON.stringify(a));
        assert.ok(!has(d, 'seek_consent'), JSON.stringify(a));
        // Nobody has said no: share (unless the harm answers call for advice).
        const objection = a.consent === 'refused' || a.consent === 'withdrawn' || a.consentConflict === true;
        if (!objection && a.harm !== 'unsure' && a.sexualActivityUnder13 !== true) assert.equal(d.outcome, 'share', JSON.stringify(a));
      }),
      RUNS,
    );
  });

  it('uses only catalogued codes, in catalogue order, without duplicates; only pack rules cite a pack clause', () => {
    fc.assert(
      fc.property(valid, ([a, p]) => {
        const d = decide(a, p);
        const cond = d.conditions.map((c) => CONDITIONS.indexOf(c));
        assert.ok(cond.every((i, k) => i >= 0 && (k === 0 || i > cond[k - 1]!)));
        const bs = d.lawfulBases.map((b) => LAWFUL_BASES.indexOf(b.code));
        assert.ok(bs.every((i, k) => i >= 0 && (k === 0 || i > bs[k - 1]!)));
        for (const b of d.lawfulBases) assert.equal(b.label, lawfulBasisLabels[b.code]);
        assert.equal(new Set(d.reasons).size, d.reasons.length);
        const clauses = new Set(Object.values(p.clauses));
        for (const r of d.rules) {
          const rule = RULES.find((x) => x.id === r.id);
          assert.ok(rule);
          assert.equal(r.source, rule.source);
          assert.equal(r.title, rule.title);
          if (r.clause !== undefined) {
            assert.ok(PACK_RULES.has(r.id), `${r.id} is not a pack rule`);
            assert.ok(clauses.has(r.clause), `${r.id} cites ${r.clause}, which is not one of the pack's clauses`);
          }
        }
      }),
      RUNS,
    );
  });
});
