import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ALL_POLICIES } from '../protocol/policies.fixture.ts';
import { ANSWER_FIELDS, type Answers, CONSENT_NOT_SOUGHT_REASONS, CONSENT_STATES, HARMS, LEVELS, PURPOSES, parseAnswers } from './answers.ts';
import { decide } from './engine.ts';
import { askedQuestions, isOptional, nextQuestion, QUESTION_IDS, QUESTIONS, relevantAnswers } from './questions.ts';

const candidate = fc.record({
  purpose: fc.constantFrom(...PURPOSES),
  identifiable: fc.boolean(),
  level: fc.constantFrom(...LEVELS),
  confidential: fc.boolean(),
  childAge: fc.option(fc.integer({ min: 0, max: 25 }), { nil: null }),
  consent: fc.constantFrom(...CONSENT_STATES),
  consentNotSoughtReason: fc.constantFrom(...CONSENT_NOT_SOUGHT_REASONS),
  consentConflict: fc.boolean(),
  harm: fc.constantFrom(...HARMS),
  sexualActivityUnder13: fc.boolean(),
});

/**
 * Answer the flow's questions one at a time, as the web journey does: after each answer, keep only
 * the relevant answers. Returns the answers and the questions asked.
 */
function walk(c: Record<string, unknown>, start: Partial<Answers> = {}): { answers: Partial<Answers>; asked: string[] } {
  let answers: Partial<Answers> = relevantAnswers(start);
  const asked: string[] = [];
  for (let step = 0; step <= QUESTION_IDS.length; step++) {
    const q = nextQuestion(answers);
    if (q === null) return { answers, asked };
    assert.ok(!asked.includes(q), `asked ${q} twice`);
    asked.push(q);
    answers = relevantAnswers({ ...answers, [q]: c[q] });
  }
  throw new Error('the flow did not terminate');
}

const anyValidKeys = fc.record(
  {
    purpose: fc.constantFrom(...PURPOSES),
    identifiable: fc.boolean(),
    level: fc.constantFrom(...LEVELS),
    confidential: fc.boolean(),
    childAge: fc.option(fc.integer({ min: 0, max: 25 }), { nil: null }),
    consent: fc.constantFrom(...CONSENT_STATES),
    consentNotSoughtReason: fc.constantFrom(...CONSENT_NOT_SOUGHT_REASONS),
    consentConflict: fc.boolean(),
    harm: fc.constantFrom(...HARMS),
    sexualActivityUnder13: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('question definitions', () => {
  it('there is one question per answer field, in order', () => {
    assert.deepEqual([...QUESTION_IDS], [...ANSWER_FIELDS]);
    for (const id of QUESTION_IDS) {
      const q = QUESTIONS[id];
      assert.equal(q.id, id);
      assert.equal(q.field, id);
      assert.ok(q.title.endsWith('?'), `${id} title is a question`);
      assert.ok(q.hint.length > 0 && q.errorMessage.length > 0 && q.source.length > 0);
    }
  });

  it('radio options cover exactly the schema’s values', () => {
    const expected: Partial<Record<string, readonly unknown[]>> = {
      purpose: PURPOSES,
      level: LEVELS,
      consent: CONSENT_STATES,
      consentNotSoughtReason: CONSENT_NOT_SOUGHT_REASONS,
      harm: HARMS,
    };
    for (const id of QUESTION_IDS) {
      const q = QUESTIONS[id];
      if (q.kind === 'choice')
        assert.deepEqual(
          q.options.map((o) => o.value),
          [...(expected[id] ?? [])],
          id,
        );
      if (q.kind === 'yes_no')
        assert.deepEqual(
          q.options.map((o) => o.value),
          [true, false],
          id,
        );
      if (q.kind === 'age') {
        assert.equal(q.unknownOption.value, null);
        assert.deepEqual([q.min, q.max], [0, 25]);
      }
      for (const o of q.kind === 'age' ? [q.unknownOption] : q.options) assert.ok(o.label.length > 0);
    }
    assert.ok(isOptional('childAge'));
    assert.ok(!isOptional('consent'));
  });
});

describe('nextQuestion follows the flowchart', () => {
  it('starts with the purpose (Wirral 2022 When and How q.1)', () => {
    assert.equal(nextQuestion({}), 'purpose');
  });

  it('stops when there is no legitimate purpose', () => {
    assert.equal(nextQuestion({ purpose: 'none' }), null);
  });

  it('asks whether the information identifies anyone next, and stops if it does not (Sandwell 2022 App. 2 q.2)', () => {
    assert.equal(nextQuestion({ purpose: 'early_help' }), 'identifiable');
    assert.equal(nextQuestion({ purpose: 'early_help', identifiable: false }), null);
  });

  it('stops for identifiable service-planning information (Southampton 2010 s.12)', () => {
    assert.equal(nextQuestion({ purpose: 'service_planning', identifiable: true }), null);
  });

  it('asks the reason only when consent was not sought', () => {
    const before = { purpose: 'child_protection', identifiable: true, level: 'detailed', confidential: true, childAge: 7 } as const;
    assert.equal(nextQuestion({ ...before, consent: 'not_sought' }), 'consentNotSoughtReason');
    assert.equal(nextQuestion({ ...before, consent: 'not_yet_asked' }), 'harm');
    assert.equal(nextQuestion({ ...before, consent: 'not_sought', consentNotSoughtReason: 'increase_risk' }), 'harm');
  });

  it('asks about a child–parent disagreement only when consent was asked for and the child is under 18', () => {
    const before = { purpose: 'early_help', identifiable: true, level: 'minimum', confidential: true } as const;
    assert.equal(nextQuestion({ ...before, childAge: 17, consent: 'refused' }), 'consentConflict');
    assert.equal(nextQuestion({ ...before, childAge: null, consent: 'given' }), 'consentConflict');
    assert.equal(nextQuestion({ ...before, childAge: 18, consent: 'refused' }), 'harm');
  });

  it('asks about sexual activity under 13 when the child is under 16 or their age is not known (Derby 2015 s.3)', () => {
    const before = { purpose: 'early_help', identifiable: true, level: 'minimum', confidential: true, consent: 'not_yet_asked', harm: 'none' } as const;
    assert.equal(nextQuestion({ ...before, childAge: 15 }), 'sexualActivityUnder13');
    assert.equal(nextQuestion({ ...before, childAge: null }), 'sexualActivityUnder13');
    assert.equal(nextQuestion({ ...before, childAge: 16 }), null);
  });

  it("does not ask about a two-year-old's own view or sexual activity under 13 (ADR 0033; Derby 2015 s.3)", () => {
    const before = { purpose: 'early_help', identifiable: true, level: 'minimum', confidential: true } as const;
    assert.equal(nextQuestion({ ...before, childAge: 2, consent: 'given' }), 'harm', 'no child–parent disagreement question');
    assert.equal(nextQuestion({ ...before, childAge: 2, consent: 'given', harm: 'emerging_needs' }), null, 'no sexual activity question');
    assert.equal(nextQuestion({ ...before, childAge: 5, consent: 'given' }), 'consentConflict', 'from 5 both are asked');
    assert.equal(nextQuestion({ ...before, childAge: 5, consent: 'given', consentConflict: false, harm: 'none' }), 'sexualActivityUnder13');
  });

  it('asks for the age unless it is already known (a caller may prefill it from the date of birth)', () => {
    const before = { purpose: 'early_help', identifiable: true, level: 'minimum', confidential: true } as const;
    assert.equal(nextQuestion(before), 'childAge');
    assert.equal(nextQuestion({ ...before, childAge: 4 }), 'consent');
  });

  it('always terminates, asks each question at most once, and every completed answer set is accepted by parseAnswers', () => {
    fc.assert(
      fc.property(candidate, (c) => {
        const { answers, asked } = walk(c);
        assert.ok(asked.length <= QUESTION_IDS.length);
        const parsed = parseAnswers(answers);
        assert.ok(parsed.ok, JSON.stringify(parsed));
        assert.deepEqual(askedQuestions(answers), asked);
        // ...and the engine decides it without falling back, under every shipped pack.
        for (const policy of ALL_POLICIES) assert.notEqual(decide(parsed.value, policy).rules[0]?.id, 'fallback_seek_advice');
      }),
      { numRuns: 3000 },
    );
  });

  it('picks up where it left off from any partial answers, and still finishes with valid answers', () => {
    fc.assert(
      fc.property(anyValidKeys, candidate, (start, c) => {
        // e.g. an answer about sexual activity given before the age: an age of 16 drops it.
        const { answers } = walk(c, start as Partial<Answers>);
        assert.ok(parseAnswers(answers).ok, JSON.stringify(answers));
      }),
      { numRuns: 2000 },
    );
  });

  it('never returns a question that is already answered or does not apply', () => {
    fc.assert(
      fc.property(anyValidKeys, (start) => {
        const a = start as Partial<Answers>;
        const q = nextQuestion(a);
        if (q === null) return;
        const relevant = relevantAnswers(a);
        assert.equal(relevant[q], undefined);
        assert.ok(askedQuestions(a).includes(q));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('relevantAnswers', () => {
  it('drops the reason consent was not sought when consent changes to given', () => {
    const a: Partial<Answers> = {
      purpose: 'child_protection',
      identifiable: true,
      level: 'minimum',
      confidential: true,
      childAge: 8,
      consent: 'given',
      consentNotSoughtReason: 'increase_risk',
      harm: 'evidence_significant_harm',
    };
    const kept = relevantAnswers(a);
    assert.equal(kept.consentNotSoughtReason, undefined);
    assert.equal(kept.consent, 'given');
    assert.equal(nextQuestion(a), 'consentConflict');
  });

  it('drops everything after "identifiable" when it changes to no', () => {
    const a: Partial<Answers> = { purpose: 'early_help', identifiable: false, level: 'detailed', consent: 'refused', harm: 'none' };
    assert.deepEqual(relevantAnswers(a), { purpose: 'early_help', identifiable: false });
  });

  it('drops answers whose earlier question is unanswered', () => {
    assert.deepEqual(relevantAnswers({ identifiable: true, consent: 'given' }), {});
  });

  it('is idempotent, only removes answers, and keeps question order', () => {
    fc.assert(
      fc.property(anyValidKeys, (start) => {
        const a = start as Partial<Answers>;
        const kept = relevantAnswers(a);
        assert.deepEqual(relevantAnswers(kept), kept);
        for (const [k, v] of Object.entries(kept)) assert.equal(v, (a as Record<string, unknown>)[k]);
        const order = Object.keys(kept).map((k) => QUESTION_IDS.indexOf(k as (typeof QUESTION_IDS)[number]));
        assert.deepEqual(
          order,
          [...order].sort((x, y) => x - y),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
