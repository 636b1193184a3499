import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  breakGlassExpiry,
  breakGlassRequestSchema,
  breakGlassReviewSchema,
  canDecideBreakGlass,
  canReviewBreakGlass,
  isUnusualViewRate,
  median,
  unusualViewThreshold,
  viewHistory,
} from './break-glass.ts';

describe('who decides and who reviews break-glass access', () => {
  const request = { agencyId: 'school', requestedBy: 'me' };
  it('an approver role of the requester’s own agency decides, never the requester', () => {
    assert.equal(canDecideBreakGlass({ userId: 'boss', agencyId: 'school', roles: ['manager'] }, { approverRoles: ['manager'] }, request), true);
    assert.equal(canDecideBreakGlass({ userId: 'me', agencyId: 'school', roles: ['manager'] }, { approverRoles: ['manager'] }, request), false);
    assert.equal(canDecideBreakGlass({ userId: 'boss', agencyId: 'council', roles: ['manager'] }, { approverRoles: ['manager'] }, request), false);
    assert.equal(canDecideBreakGlass({ userId: 'boss', agencyId: 'school', roles: ['practitioner'] }, { approverRoles: ['manager'] }, request), false);
  });
  it('a safeguarding or IG lead of an agency holding the record reviews', () => {
    assert.equal(canReviewBreakGlass({ agencyId: 'council', roles: ['ig_lead'] }, ['council']), true);
    assert.equal(canReviewBreakGlass({ agencyId: 'council', roles: ['practitioner'] }, ['council']), false);
    assert.equal(canReviewBreakGlass({ agencyId: 'school', roles: ['designated_safeguarding_lead'] }, ['council']), false);
  });
  it('ends the pack’s hours after the grant', () => {
    assert.equal(breakGlassExpiry(new Date('2026-12-01T10:00:00Z'), 12).toISOString(), '2026-12-01T22:00:00.000Z');
  });
  it('a review of "not appropriate" needs a note; only that can be reported as a breach', () => {
    const bad = breakGlassReviewSchema.safeParse({ outcome: 'not_appropriate' });
    assert.deepEqual(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.')), ['note']);
    const breach = breakGlassReviewSchema.safeParse({ outcome: 'appropriate', reportBreach: true });
    assert.deepEqual(breach.success ? [] : breach.error.issues.map((i) => i.path.join('.')), ['reportBreach']);
  });
});

describe('unusual view rates (ADR 0051)', () => {
  it('the threshold is max(20, 5 × the median of the previous 28 days, missing days as 0)', () => {
    assert.equal(median([]), 0);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    assert.equal(unusualViewThreshold([]), 20);
    assert.equal(unusualViewThreshold(Array(28).fill(10)), 50);
    assert.equal(unusualViewThreshold(Array(10).fill(10)), 20, 'ten busy days of 28 leave the median at 0');
    assert.equal(isUnusualViewRate(21, []), true);
    assert.equal(isUnusualViewRate(20, []), false);
  });

  const days = fc.array(fc.nat({ max: 500 }), { maxLength: 28 });
  it('never alerts at or below 20 views, whatever the history', () => {
    fc.assert(fc.property(days, fc.nat({ max: 20 }), (history, today) => !isUnusualViewRate(today, history)));
  });
  it('never alerts at or below five times the usual day', () => {
    fc.assert(fc.property(days, (history) => !isUnusualViewRate(5 * median([...history, ...Array(28 - history.length).fill(0)]), history)));
  });
  it('more views today never turns an alert off (monotone)', () => {
    fc.assert(fc.property(days, fc.nat({ max: 5000 }), fc.nat({ max: 100 }), (history, today, more) => !isUnusualViewRate(today, history) || isUnusualViewRate(today + more, history)));
  });
});

describe('a person’s view history', () => {
  it('today’s count and the 28 days before it, oldest first, with 0 for days without views', () => {
    const h = viewHistory(
      [
        { day: '2026-12-03', views: 7 },
        { day: '2026-12-02', views: 4 },
        { day: '2026-11-05', views: 2 },
        { day: '2026-11-04', views: 99 },
      ],
      '2026-12-03',
    );
    assert.equal(h.today, 7);
    assert.equal(h.previous.length, 28);
    assert.equal(h.previous[27], 4);
    assert.equal(h.previous[0], 2, '28 days before is the oldest counted; 29 days before is not');
    assert.equal(
      h.previous.reduce((a, b) => a + b, 0),
      6,
    );
  });
});

describe('a break-glass request', () => {
  it('gives one error per empty field, and a format error only for a filled one', () => {
    const empty = breakGlassRequestSchema.safeParse({ nhsNumber: '', dateOfBirth: '', reason: '' });
    assert.deepEqual(empty.success ? [] : empty.error.issues.map((i) => i.path.join('.')), ['nhsNumber', 'dateOfBirth', 'reason']);
    const wrong = breakGlassRequestSchema.safeParse({ nhsNumber: '123', dateOfBirth: '2017-02-30', reason: 'x'.repeat(20) });
    assert.deepEqual(wrong.success ? [] : wrong.error.issues.map((i) => i.message), [
      'Enter a valid 10-digit NHS number, like 999 000 0018',
      'Date of birth must be a real date, for example 27 3 2015',
    ]);
    const good = breakGlassRequestSchema.safeParse({ nhsNumber: '999 000 0018', dateOfBirth: '2017-03-27', reason: 'x'.repeat(20) });
    assert.equal(good.success && good.data.nhsNumber, '9990000018');
  });
});
