import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakGlassPage } from './presenter.ts';

const base = {
  id: 'b1',
  childId: 'c1',
  agencyName: 'School',
  requestedByName: 'Sam',
  requestedAt: new Date('2026-12-01T10:00:00Z'),
  reason: 'Seen at A&E',
  status: 'requested',
  hours: 12,
  expiresAt: null,
  reviewOutcome: null,
  reviewNote: null,
  reviewedAt: null,
  breachId: null,
  mayDecide: true,
  mayReview: false,
};

describe('the break-glass page', () => {
  it('says what the pack asks: approval by named roles, or access at once', () => {
    const haringey = breakGlassPage({ ...base, rule: { grant: 'lead_approval', hours: 12, approverRoles: ['manager'], clause: 'Haringey 2006 s.8.3' } });
    assert.equal(haringey.status, 'Waiting for approval');
    assert.match(haringey.ruleText, /approval by responsible manager of your agency; access then lasts 12 hours \(Haringey 2006 s\.8\.3\)/);
    const baseline = breakGlassPage({ ...base, status: 'granted', reviewOutcome: 'not_appropriate', rule: { grant: 'immediate', hours: 24, approverRoles: ['manager'], clause: 'x s.1' } });
    assert.match(baseline.ruleText, /at once for 24 hours/);
    assert.equal(baseline.review, 'Not appropriate');
  });
});
