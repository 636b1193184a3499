import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import {
  ANSWER_FIELDS,
  type Answers,
  answersSchema,
  applicability,
  CONSENT_NOT_SOUGHT_REASONS,
  CONSENT_STATES,
  consentLabels,
  consentNotSoughtReasonLabels,
  type FieldError,
  HARMS,
  harmLabels,
  LEVELS,
  levelLabels,
  PURPOSES,
  parseAnswers,
  purposeLabels,
  requiredMessages,
} from './answers.ts';
import { nextQuestion, relevantAnswers } from './questions.ts';

const complete = {
  purpose: 'early_help',
  identifiable: true,
  level: 'minimum',
  confidential: true,
  childAge: 9,
  consent: 'given',
  consentConflict: false,
  harm: 'emerging_needs',
  sexualActivityUnder13: false,
} as const;

function errorsOf(input: unknown): FieldError[] {
  const r = parseAnswers(input);
  assert.equal(r.ok, false, 'expected the answers to be rejected');
  return r.ok ? [] : r.errors;
}

const messageFor = (input: unknown, path: string): string | undefined => errorsOf(input).find((e) => e.path === path)?.message;

describe('parseAnswers', () => {
  it('accepts a complete answer set and returns it unchanged', () => {
    const r = parseAnswers(complete);
    assert.ok(r.ok);
    assert.deepEqual(r.value, complete);
  });

  it('accepts just a purpose of "none" (Wirral 2022 When and How q.1: nothing else is needed)', () => {
    assert.deepEqual(parseAnswers({ purpose: 'none' }), { ok: true, value: { purpose: 'none' } });
  });

  it('accepts anonymised information without consent or harm answers (Sandwell 2022 App. 2 q.2)', () => {
    assert.ok(parseAnswers({ purpose: 'service_planning', identifiable: false }).ok);
  });

  it('requires a purpose', () => {
    assert.equal(messageFor({}, 'purpose'), requiredMessages.purpose);
    assert.equal(messageFor({ purpose: 'gossip' }, 'purpose'), 'Select why you want to share the information');
  });

  it('rejects input that is not an object', () => {
    for (const input of [null, 'x', 3, [], [complete]]) {
      assert.deepEqual(errorsOf(input), [{ path: '', message: 'The answers must be a JSON object' }]);
    }
  });

  it('rejects unknown keys, naming each one', () => {
    const errors = errorsOf({ ...complete, name: 'Alex', nhsNumber: '9434765919' });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['name', 'nhsNumber'],
    );
    assert.match(errors[0]!.message, /not one of the questions/);
  });

  it('requires consentNotSoughtReason when consent was not sought', () => {
    const input = { ...complete, consent: 'not_sought', consentConflict: undefined };
    assert.deepEqual(errorsOf(input), [{ path: 'consentNotSoughtReason', message: 'Select why consent was not sought' }]);
  });

  it('rejects consentNotSoughtReason with any other consent answer, rather than guessing', () => {
    for (const consent of CONSENT_STATES.filter((c) => c !== 'not_sought')) {
      const input: Record<string, unknown> = { ...complete, consent, consentNotSoughtReason: 'increase_risk' };
      if (consent === 'not_yet_asked') delete input.consentConflict;
      assert.deepEqual(errorsOf(input), [
        {
          path: 'consentNotSoughtReason',
          message: 'Only give a reason for not seeking consent when you have decided not to ask for consent',
        },
      ]);
    }
  });

  it('rejects answers to questions that do not apply, saying why', () => {
    assert.match(messageFor({ purpose: 'none', identifiable: true }, 'identifiable') ?? '', /no clear and legitimate purpose/);
    assert.match(messageFor({ purpose: 'early_help', identifiable: false, consent: 'given' }, 'consent') ?? '', /cannot identify anyone/);
    assert.match(messageFor({ ...complete, childAge: 18 }, 'consentConflict') ?? '', /18 or over/);
    assert.match(messageFor({ ...complete, childAge: 17, consentConflict: undefined }, 'sexualActivityUnder13') ?? '', /16 or over/);
  });

  it('requires every question that applies, in question order', () => {
    assert.deepEqual(
      errorsOf({ purpose: 'child_in_need', identifiable: true }).map((e) => e.path),
      ['level', 'confidential', 'consent', 'harm', 'sexualActivityUnder13'],
    );
  });

  it('childAge is optional: absent or null mean "not known"; otherwise a whole number 0–25', () => {
    const { childAge: _drop, ...noAge } = complete;
    assert.ok(parseAnswers(noAge).ok);
    assert.ok(parseAnswers({ ...complete, childAge: null }).ok);
    const { consentConflict: _c, sexualActivityUnder13: _s, ...earlyYears } = complete;
    assert.ok(parseAnswers({ ...earlyYears, childAge: 0 }).ok, 'a baby: neither their own view nor sexual activity is asked (ADR 0033)');
    assert.deepEqual(
      errorsOf({ ...complete, childAge: 2 }).map((e) => e.path),
      ['consentConflict', 'sexualActivityUnder13'],
      'a two-year-old is not asked about a disagreement with a parent or sexual activity under 13',
    );
    for (const bad of [-1, 26, 2.5, '9', Number.NaN, true]) {
      assert.equal(messageFor({ ...complete, childAge: bad }, 'childAge'), requiredMessages.childAge, String(bad));
    }
  });

  it('reports wrong types with the question’s message, together with conditional problems', () => {
    const errors = errorsOf({ purpose: 'child_in_need', identifiable: 'yes', consent: 'maybe', extra: 1 });
    assert.deepEqual(errors, [
      { path: 'identifiable', message: requiredMessages.identifiable },
      { path: 'consent', message: requiredMessages.consent },
      { path: 'extra', message: 'Remove "extra": it is not one of the questions in this decision' },
    ]);
    // With identifiable valid, the invalid consent is reported alongside the missing answers.
    const more = errorsOf({ purpose: 'child_in_need', identifiable: true, consent: 'maybe', harm: 'none' });
    assert.deepEqual(
      more.map((e) => e.path),
      ['level', 'confidential', 'consent', 'sexualActivityUnder13'],
    );
    assert.equal(more.find((e) => e.path === 'consent')?.message, requiredMessages.consent);
  });

  it('treats an undefined value as absent, like zod', () => {
    assert.ok(parseAnswers({ ...complete, consentNotSoughtReason: undefined }).ok);
  });

  it('gives one message per field', () => {
    fc.assert(
      fc.property(noisyAnswers, (input) => {
        const r = parseAnswers(input);
        if (!r.ok) assert.equal(new Set(r.errors.map((e) => e.path)).size, r.errors.length);
      }),
      { numRuns: 1000 },
    );
  });
});

// Arbitrary objects mixing valid values, invalid values, missing and irrelevant keys.
const valueFor: Record<(typeof ANSWER_FIELDS)[number], fc.Arbitrary<unknown>> = {
  purpose: fc.constantFrom<unknown>(...PURPOSES, 'other'),
  identifiable: fc.constantFrom<unknown>(true, false, 'yes'),
  level: fc.constantFrom<unknown>(...LEVELS, 'all'),
  confidential: fc.constantFrom<unknown>(true, false, 0),
  childAge: fc.oneof(fc.integer({ min: -2, max: 27 }), fc.constant(null), fc.constant(3.5)),
  consent: fc.constantFrom<unknown>(...CONSENT_STATES, 'implied'),
  consentNotSoughtReason: fc.constantFrom<unknown>(...CONSENT_NOT_SOUGHT_REASONS, 'forgot'),
  consentConflict: fc.constantFrom<unknown>(true, false, null),
  harm: fc.constantFrom<unknown>(...HARMS, 'some'),
  sexualActivityUnder13: fc.constantFrom<unknown>(true, false, 'no'),
};
const noisyAnswers = fc
  .tuple(fc.record(valueFor, { requiredKeys: [] }), fc.option(fc.dictionary(fc.constantFrom('name', 'notes', 'x'), fc.anything()), { nil: undefined }))
  .map(([known, extra]) => ({ ...extra, ...known }));

/** Valid values only, with any combination of keys present. */
const validValueFor = {
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
};
const anyValidKeys = fc.record(validValueFor, { requiredKeys: [] });

describe('answers schema and the question flow agree', () => {
  it('parseAnswers accepts exactly what answersSchema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(noisyAnswers, anyValidKeys), (input) => {
        assert.equal(parseAnswers(input).ok, answersSchema.safeParse(input).success);
      }),
      { numRuns: 3000 },
    );
  });

  it('valid ⇔ nothing irrelevant and nothing still to ask (childAge may be left out)', () => {
    fc.assert(
      fc.property(anyValidKeys, (input) => {
        const a = input as Partial<Answers>;
        const next = nextQuestion(a);
        const complete = next === null || (next === 'childAge' && a.childAge === undefined && nextQuestion({ ...a, childAge: null }) === null);
        const expected = complete && a.purpose !== undefined && deepEqualKeys(relevantAnswers(a), a);
        assert.equal(parseAnswers(input).ok, expected, JSON.stringify(input));
      }),
      { numRuns: 5000 },
    );
  });

  it('a question’s applicability depends only on earlier answers', () => {
    fc.assert(
      fc.property(anyValidKeys, (input) => {
        const a = input as Partial<Answers>;
        ANSWER_FIELDS.forEach((field, i) => {
          const earlier: Record<string, unknown> = {};
          for (const f of ANSWER_FIELDS.slice(0, i)) if (a[f] !== undefined) earlier[f] = a[f];
          assert.deepEqual(applicability(field, a), applicability(field, earlier as Partial<Answers>), field);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('generates a JSON Schema for the API (strict, with the enum values)', () => {
    const schema = z.toJSONSchema(answersSchema, { io: 'input', unrepresentable: 'any' }) as {
      additionalProperties?: unknown;
      required?: string[];
      properties: Record<string, { enum?: unknown[] }>;
    };
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required, ['purpose']);
    assert.deepEqual(schema.properties.purpose?.enum, [...PURPOSES]);
  });
});

function deepEqualKeys(x: object, y: object): boolean {
  try {
    assert.deepEqual({ ...x }, { ...y }); // fast-check may build null-prototype objects
    return true;
  } catch {
    return false;
  }
}

describe('labels', () => {
  it('label every value, for radio buttons', () => {
    const pairs: [readonly string[], Readonly<Record<string, string>>][] = [
      [PURPOSES, purposeLabels],
      [LEVELS, levelLabels],
      [CONSENT_STATES, consentLabels],
      [CONSENT_NOT_SOUGHT_REASONS, consentNotSoughtReasonLabels],
      [HARMS, harmLabels],
    ];
    for (const [values, labels] of pairs) {
      assert.deepEqual(Object.keys(labels).sort(), [...values].sort());
      for (const v of values) assert.ok((labels[v] ?? '').length > 0, v);
    }
  });

  it('the value lists the issue asked for are all present', () => {
    assert.deepEqual([...PURPOSES].sort(), [
      'child_in_need',
      'child_protection',
      'court_order',
      'crime_prevention',
      'early_help',
      'none',
      'police_investigation',
      'practice_review',
      'service_planning',
      'statutory_request',
    ]);
    assert.deepEqual([...CONSENT_STATES].sort(), ['given', 'not_sought', 'not_yet_asked', 'refused', 'withdrawn']);
    assert.deepEqual([...HARMS].sort(), [
      'emerging_needs',
      'evidence_significant_harm',
      'none',
      'reasonable_cause_significant_harm',
      'serious_crime',
      'serious_harm_adult',
      'unsure',
      'urgent_medical_treatment',
    ]);
    assert.deepEqual([...LEVELS].sort(), ['aggregate', 'detailed', 'minimum']);
    assert.deepEqual([...CONSENT_NOT_SOUGHT_REASONS].sort(), ['imbalance_of_power', 'increase_risk', 'prejudice_crime', 'statutory_duty', 'unjustified_delay']);
  });
});
