import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ALL_POLICIES, NATIONAL_BASELINE, SOUTHAMPTON_2010, WIRRAL_2022 } from '../protocol/policies.fixture.ts';
import { FULFILLED_BY_CONCORD, MAX_TO_DO_NOW, summariseAdvice } from './advice.ts';
import { type Answers, parseAnswers } from './answers.ts';
import { conditionLabels, decide } from './engine.ts';

const answers = (a: Record<string, unknown>): Answers => {
  const parsed = parseAnswers(a);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
};
/** Significant harm without consent: share and refer, with every "how to share" condition. */
const HARM = answers({
  purpose: 'child_protection',
  identifiable: true,
  level: 'detailed',
  confidential: true,
  childAge: 9,
  consent: 'not_sought',
  consentNotSoughtReason: 'increase_risk',
  harm: 'reasonable_cause_significant_harm',
  sexualActivityUnder13: false,
});

describe('the advice as a short summary (issue 15 item 4)', () => {
  it('what Concord does is shown as done, never as an instruction: no "use secure e-mail" for someone using Concord', () => {
    const s = summariseAdvice(decide(HARM, WIRRAL_2022));
    const told = s.toDoNow.concat(s.alsoToDo).map((c) => c.code);
    for (const code of ['share_securely', 'use_secure_email', 'initials_in_email', 'show_originator', 'record_reasons'] as const) {
      assert.ok(!told.includes(code), `${code} is not an instruction`);
    }
    assert.ok(s.done.some((d) => /securely/.test(d)));
    assert.equal(new Set(s.done).size, s.done.length, 'each thing done once');
    assert.ok(
      s.outsideConcord.some((c) => c.code === 'use_secure_email'),
      'still said for sharing outside Concord',
    );
  });

  it("a council social worker is not told to refer to children's social care: it is their own service", () => {
    const anyone = summariseAdvice(decide(HARM, NATIONAL_BASELINE));
    const council = summariseAdvice(decide(HARM, NATIONAL_BASELINE), { sector: 'local_authority' });
    const school = summariseAdvice(decide(HARM, NATIONAL_BASELINE), { sector: 'education' });
    assert.equal(anyone.toDoNow[0]?.text, conditionLabels.refer_to_childrens_social_care);
    assert.equal(school.toDoNow[0]?.text, conditionLabels.refer_to_childrens_social_care);
    assert.doesNotMatch(council.toDoNow[0]?.text ?? '', /Refer to children's social care/);
    assert.match(council.toDoNow[0]?.text ?? '', /your own service/);
  });

  it('for every pack and every answer: at most 5 things to do now, nothing lost, nothing said twice', () => {
    const bool = fc.boolean();
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_POLICIES),
        fc.record({
          consent: fc.constantFrom('given', 'refused', 'not_yet_asked'),
          harm: fc.constantFrom('none', 'emerging_needs', 'unsure', 'serious_crime', 'evidence_significant_harm'),
          level: fc.constantFrom('minimum', 'detailed'),
          confidential: bool,
        }),
        (p, v) => {
          const a = parseAnswers({
            purpose: 'child_in_need',
            identifiable: true,
            childAge: 10,
            sexualActivityUnder13: false,
            ...v,
            ...(v.consent === 'not_yet_asked' ? {} : { consentConflict: false }),
          });
          if (!a.ok) return;
          const d = decide(a.value, p);
          const s = summariseAdvice(d, { sector: 'health' });
          assert.ok(s.toDoNow.length <= MAX_TO_DO_NOW);
          const shown = [...s.toDoNow, ...s.alsoToDo].map((c) => c.code);
          assert.equal(new Set(shown).size, shown.length);
          for (const c of d.conditions) assert.ok(shown.includes(c) || FULFILLED_BY_CONCORD[c] !== undefined, `${c} is shown`);
          assert.deepEqual([s.headline, ...s.moreReasons], d.reasons, 'every reason once, the headline first');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the same decision under another pack keeps its own conditions (Southampton 2010 s.10–11: onward agreement is done by Concord)', () => {
    const s = summariseAdvice(decide(HARM, SOUTHAMPTON_2010));
    assert.ok(s.done.some((d) => /agreement before anyone passes/.test(d)));
  });
});
