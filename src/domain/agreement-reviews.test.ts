import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkReview, findingsDueOn, noticeStage, reviewApprovers } from './agreement-reviews.ts';
import { reviewState } from './agreements.ts';
import { addDaysToDate } from './clocks.ts';

// biome-ignore lint/suspicious/noThenProperty: the pack's review cycle names its later period `then` (protocols/*/pack.yaml)
const cycle = { first: { amount: 6, unit: 'months' as const }, then: { amount: 12, unit: 'months' as const }, clause: 'Haringey 2006 s.5.1' };
const haringey = { dates: { effective: '2006-09-01', reviewCycle: cycle, reviewApprovedBy: 'parties' as const, findingsReportedWithin: { amount: 1, unit: 'months' as const } } };
const wirral = { dates: { effective: '2022-01-01', reviewCycle: cycle, reviewApprovedBy: 'statutory_partners' as const } };
const parties = [
  { id: 'council', role: 'lead_signatory' },
  { id: 'police', role: 'statutory_partner' },
  { id: 'school', role: 'relevant_agency' },
];

describe('agreement reviews', () => {
  it('reminds within the window before the date and escalates after it, agreeing with the page’s review state', () => {
    const day = fc.integer({ min: 0, max: 4000 }).map((n) => addDaysToDate('2024-01-01', n));
    fc.assert(
      fc.property(day, day, (dueOn, today) => {
        const stage = noticeStage(dueOn, today);
        const state = reviewState(dueOn, today);
        assert.equal(stage, state === 'overdue' ? 'escalated' : state === 'due' ? 'reminded' : null);
      }),
    );
    assert.equal(noticeStage('2026-07-15', addDaysToDate('2026-07-15', -30)), 'reminded');
    assert.equal(noticeStage('2026-07-15', addDaysToDate('2026-07-15', -31)), null);
    assert.equal(noticeStage('2026-07-15', '2026-07-15'), 'reminded');
    assert.equal(noticeStage('2026-07-15', '2026-07-16'), 'escalated');
  });

  it('names the approvers from the pack: every partner (Haringey s.5.4) or the statutory partners (Wirral App. 2 s.5.3)', () => {
    assert.deepEqual(
      reviewApprovers(haringey, parties).map((p) => p.id),
      ['council', 'police', 'school'],
    );
    assert.deepEqual(
      reviewApprovers(wirral, parties).map((p) => p.id),
      ['council', 'police'],
    );
  });

  it('marks findings reported after a calendar month late where the pack says so (Haringey s.5.3), and checks the dates', () => {
    assert.equal(findingsDueOn(haringey, '2026-07-20'), '2026-08-20');
    assert.equal(findingsDueOn(wirral, '2026-07-20'), null);
    const r = { heldOn: '2026-07-20', findings: 'f', reportedOn: '2026-08-20', actions: [] };
    assert.deepEqual(checkReview(haringey, r, '2026-09-01'), { errors: [], reportedLate: false });
    assert.equal(checkReview(haringey, { ...r, reportedOn: '2026-08-21' }, '2026-09-01').reportedLate, true);
    assert.equal(checkReview(wirral, { ...r, reportedOn: '2026-12-21' }, '2027-01-01').reportedLate, false);
    assert.deepEqual(
      checkReview(haringey, { ...r, heldOn: '2026-09-02', actions: [{ action: 'a', owner: 'o', dueOn: '2026-09-01' }] }, '2026-09-01').errors.map((e) => e.path),
      ['heldOn', 'reportedOn', 'actions.0.dueOn'],
    );
  });
});
