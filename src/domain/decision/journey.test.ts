import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeAnswers, journeyAnswers, lastQuestion, nextStep, questionFor, questionPlace, readAnswer, withAnswer } from './journey.ts';
import { QUESTIONS } from './questions.ts';

const harm = {
  purpose: 'child_protection',
  identifiable: true,
  level: 'detailed',
  confidential: true,
  childAge: 9,
  consent: 'not_sought',
  consentNotSoughtReason: 'increase_risk',
  harm: 'evidence_significant_harm',
  sexualActivityUnder13: false,
} as const;

describe('the decision journey', () => {
  it('fills what the record knows, lets a given answer win, and keeps only answers that apply', () => {
    assert.deepEqual(journeyAnswers({ childAge: 9 }, { purpose: 'none' }), { purpose: 'none' }, 'the age is not asked when there is no purpose');
    assert.equal(journeyAnswers({ childAge: 9 }, { ...harm, childAge: 15 }).childAge, 15);
    assert.equal(journeyAnswers({ childAge: 9 }, { purpose: 'child_protection', identifiable: true, level: 'detailed', confidential: true }).childAge, 9);
  });

  it('goes to the next question the flowchart needs, then to checking the answers', () => {
    assert.equal(nextStep({}), 'purpose');
    assert.equal(nextStep({ purpose: 'child_protection' }), 'identifiable');
    assert.equal(nextStep({ purpose: 'none' }), 'check');
    assert.equal(nextStep(harm), 'check');
    assert.deepEqual(completeAnswers(harm), harm);
    assert.equal(completeAnswers({ purpose: 'child_protection' }), undefined);
  });

  it('answers a question page only for a real question that applies now', () => {
    assert.deepEqual(questionFor('nonsense', {}), { kind: 'unknown' });
    assert.deepEqual(questionFor('harm', { purpose: 'none' }), { kind: 'not_asked' });
    assert.deepEqual(questionFor('purpose', {}), { kind: 'asked', id: 'purpose', question: QUESTIONS.purpose });
  });

  it('numbers the steps and goes back through the questions asked', () => {
    assert.deepEqual(questionPlace('purpose', harm), { step: 1, previous: null });
    assert.deepEqual(questionPlace('identifiable', harm), { step: 2, previous: 'purpose' });
    assert.equal(lastQuestion(harm), 'sexualActivityUnder13');
    assert.equal(lastQuestion({ purpose: 'none' }), 'purpose');
  });

  it('reads a posted answer, or says what is wrong', () => {
    assert.deepEqual(readAnswer(QUESTIONS.identifiable, { answer: 'no' }), { ok: true, value: false });
    assert.deepEqual(readAnswer(QUESTIONS.purpose, { answer: 'early_help' }), { ok: true, value: 'early_help' });
    assert.deepEqual(readAnswer(QUESTIONS.purpose, { answer: 'made_up' }), { ok: false, error: QUESTIONS.purpose.errorMessage });
    assert.deepEqual(readAnswer(QUESTIONS.childAge, { answer: ' 12 ' }), { ok: true, value: 12 });
    assert.deepEqual(readAnswer(QUESTIONS.childAge, { answer: '', ageUnknown: true }), { ok: true, value: null });
    assert.deepEqual(readAnswer(QUESTIONS.childAge, { answer: '12', ageUnknown: true }), { ok: false, error: 'Enter the age, or say you do not know it, not both' });
    assert.deepEqual(readAnswer(QUESTIONS.childAge, { answer: '99' }), { ok: false, error: QUESTIONS.childAge.errorMessage });
    assert.deepEqual(readAnswer(QUESTIONS.childAge, { answer: 'nine' }), { ok: false, error: QUESTIONS.childAge.errorMessage });
  });

  it('drops answers that an earlier answer makes irrelevant', () => {
    const older = withAnswer(harm, 'childAge', 16);
    assert.equal(older.sexualActivityUnder13, undefined);
    assert.deepEqual(withAnswer(harm, 'identifiable', false), { purpose: 'child_protection', identifiable: false });
  });
});
