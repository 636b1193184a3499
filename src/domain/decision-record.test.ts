import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HARMS } from './decision/answers.ts';
import { ACTIONS, approverNeeded, canApproveDecision, canWithdrawDecision, DECISION_STATES, decisionState, decisionStateLabels, departureRule } from './decision-record.ts';

const OUTCOMES = ['share', 'do_not_share', 'seek_advice'] as const;
const haringey = departureRule({ departures: { approverRole: 'designated_safeguarding_lead', exceptions: { harms: ['urgent_medical_treatment'] } } });
const baseline = departureRule({ departures: { approverRole: null, exceptions: { harms: [] } } });

describe('departures from the advice', () => {
  it('Haringey 2006 s.4.6: sharing against or without the advice goes to the designated manager, except for urgent medical treatment', () => {
    assert.equal(approverNeeded(haringey, 'seek_advice', 'shared', 'serious_crime'), 'designated_safeguarding_lead');
    assert.equal(approverNeeded(haringey, 'do_not_share', 'shared', 'none'), 'designated_safeguarding_lead');
    assert.equal(approverNeeded(haringey, 'seek_advice', 'shared', 'urgent_medical_treatment'), null);
    assert.equal(approverNeeded(haringey, 'share', 'shared', 'none'), null, 'following the advice');
    assert.equal(approverNeeded(haringey, 'do_not_share', 'not_shared', 'none'), null, 'not sharing');
  });
  it('property: the national baseline (and a pack without the field) never needs approval', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OUTCOMES), fc.constantFrom(...ACTIONS), fc.option(fc.constantFrom(...HARMS), { nil: undefined }), (o, a, h) => {
        assert.equal(approverNeeded(baseline, o, a, h), null);
        assert.equal(approverNeeded(departureRule({}), o, a, h), null);
      }),
    );
  });
  it('the approver is someone else in the deciding agency with the role; the decider or a lead withdraws', () => {
    const d = { agencyId: 'a1', decidedBy: 'u1', approverRole: 'designated_safeguarding_lead' };
    assert.ok(canApproveDecision({ userId: 'u2', agencyId: 'a1', roles: ['designated_safeguarding_lead'] }, d));
    assert.ok(!canApproveDecision({ userId: 'u1', agencyId: 'a1', roles: ['designated_safeguarding_lead'] }, d), 'not their own decision');
    assert.ok(!canApproveDecision({ userId: 'u2', agencyId: 'a2', roles: ['designated_safeguarding_lead'] }, d));
    assert.ok(!canApproveDecision({ userId: 'u2', agencyId: 'a1', roles: ['practitioner'] }, d));
    assert.ok(!canApproveDecision({ userId: 'u2', agencyId: 'a1', roles: ['designated_safeguarding_lead'] }, { ...d, approverRole: null }));
    assert.ok(canWithdrawDecision({ userId: 'u1', agencyId: 'a1', roles: ['practitioner'] }, d));
    assert.ok(canWithdrawDecision({ userId: 'u3', agencyId: 'a1', roles: ['spoc'] }, d));
    assert.ok(!canWithdrawDecision({ userId: 'u3', agencyId: 'a1', roles: ['practitioner'] }, d));
  });
});

describe('a decision’s state', () => {
  it('"Information shared" only when something was sent; otherwise what is waiting', () => {
    const s = (over: Partial<Parameters<typeof decisionState>[0]>) => decisionState({ action: 'shared', approvalStatus: 'not_needed', withdrawn: false, sent: false, ...over });
    assert.equal(s({}), 'decided_not_sent');
    assert.equal(s({ sent: true }), 'sent');
    assert.equal(s({ withdrawn: true }), 'withdrawn');
    assert.equal(s({ approvalStatus: 'pending' }), 'awaiting_approval');
    assert.equal(s({ approvalStatus: 'refused' }), 'approval_refused');
    assert.equal(s({ approvalStatus: 'approved' }), 'decided_not_sent');
    assert.equal(s({ action: 'not_shared' }), 'not_sharing');
    for (const state of DECISION_STATES) {
      if (state !== 'sent') assert.doesNotMatch(decisionStateLabels[state].chronology, /^Information shared/);
    }
    assert.equal(decisionStateLabels.decided_not_sent.text, 'Decided — not sent yet');
  });
});
