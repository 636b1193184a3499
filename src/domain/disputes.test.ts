// The dispute, complaint and register rules, without a database: each pack's own procedure (the
// packs are read from protocols/ as data), the deadline job's decision at any moment, who may act,
// and the small-number rule for counts that leave the partnership.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadPacksDir } from '../use-cases/kernel/packs.ts';
import { complaintRules, recordComplaintSchema, responseDueAt } from './complaints.ts';
import { afterStageRecord, canActAtStage, canSeeDispute, type DisputeParties, disputeRules, onStageDeadline, registerRoles, stageDueAt } from './disputes.ts';
import type { Pack } from './protocol/pack.ts';
import { canRecordFinding, publishableCount, trendSince, trendTable } from './registers.ts';
import { ROLES, type Role } from './staff.ts';

let packs: Map<string, Pack>;
before(async () => {
  packs = new Map((await loadPacksDir(path.resolve(import.meta.dirname, '../../protocols'))).map((p) => [p.id, p]));
});
const pack = (id: string) => packs.get(id)!;

const parties: DisputeParties = { raisedBy: 'u-raiser', raisingAgencyId: 'a1', otherAgencyId: 'a2' };
const actor = (agencyId: string, roles: Role[], userId = 'u-x') => ({ agencyId, roles, userId });

describe('each pack’s dispute procedure', () => {
  it('Haringey escalates stage one to mediation when its time passes; Southampton, Wirral and Sandwell remind', () => {
    assert.deepEqual(
      disputeRules(pack('haringey-2006')).stages.map((s) => s.onDeadline),
      ['escalate', 'remind'],
    );
    for (const id of ['southampton-2010', 'wirral-2022', 'sandwell-2022', 'national-baseline']) {
      assert.deepEqual(
        disputeRules(pack(id)).stages.map((s) => s.onDeadline),
        ['remind', 'remind'],
        id,
      );
    }
  });

  it('no seed sets a stage time: every pack inherits the baseline’s ten working days, with its clause', () => {
    for (const p of packs.values()) {
      for (const s of disputeRules(p).stages) {
        assert.deepEqual(s.within, { amount: 10, unit: 'working_days' }, p.id);
        assert.match(s.withinSource, /Concord default/, p.id);
      }
    }
  });

  it('different people act at each stage', () => {
    const who = (id: string) => disputeRules(pack(id)).stages.map((s) => s.actedBy);
    assert.deepEqual(who('southampton-2010'), [['designated_safeguarding_lead'], ['designated_safeguarding_lead', 'caldicott_guardian', 'ig_lead']]);
    assert.deepEqual(who('haringey-2006'), [['ig_lead', 'caldicott_guardian'], ['partnership_manager']]);
    assert.deepEqual(who('wirral-2022'), [['spoc', 'designated_safeguarding_lead'], ['partnership_manager']]);
    // Wirral's statutory partners act at stage two from any agency; a SPoC acts at stage one only in a party agency.
    const wirral = disputeRules(pack('wirral-2022'));
    assert.equal(canActAtStage(actor('a9', ['partnership_manager']), parties, wirral.stages[1]!), true);
    assert.equal(canActAtStage(actor('a9', ['spoc']), parties, wirral.stages[0]!), false);
    assert.equal(canActAtStage(actor('a2', ['spoc']), parties, wirral.stages[0]!), true);
    assert.equal(canActAtStage(actor('a2', ['practitioner']), parties, wirral.stages[0]!), false);
  });

  it('Southampton’s central register is kept by its Children’s Services Executive (a partnership manager)', () => {
    assert.deepEqual(registerRoles(pack('southampton-2010')), ['partnership_manager']);
    assert.equal(pack('southampton-2010').dispute.centralRegister?.keptBy, 'Children’s Services Executive'.replace('’', "'"));
  });

  it('complaints go to the IG lead, and at Sandwell to the safeguarding lead as well', () => {
    assert.deepEqual(complaintRules(pack('sandwell-2022')).handledBy, ['ig_lead', 'designated_safeguarding_lead']);
    assert.deepEqual(complaintRules(pack('wirral-2022')).handledBy, ['ig_lead']);
    assert.equal(responseDueAt(complaintRules(pack('wirral-2022')), '2026-12-18').toISOString(), '2027-01-20T23:59:59.999Z', '20 working days across Christmas');
  });

  it('a complaint’s dates must be real dates', () => {
    const base = { agencyId: 'a', complainant: 'other', summary: 'x' } as const;
    assert.equal(recordComplaintSchema.safeParse({ ...base, receivedOn: '2026-02-31' }).success, false);
    assert.equal(recordComplaintSchema.safeParse({ ...base, receivedOn: '2028-02-29' }).success, true);
  });

  it('a stage record concludes on agreement, or at the last stage', () => {
    const r = disputeRules(pack('national-baseline'));
    assert.equal(afterStageRecord(r, 1, 'not_agreed'), 'open');
    assert.equal(afterStageRecord(r, 1, 'agreed'), 'concluded');
    assert.equal(afterStageRecord(r, 2, 'not_agreed'), 'concluded');
  });
});

describe('the deadline job’s decision', () => {
  it('does nothing before the stage is due, then escalates or reminds once, never past the last stage', () => {
    const start = new Date('2026-01-05T09:00:00Z');
    fc.assert(
      fc.property(
        fc.constantFrom('haringey-2006', 'southampton-2010', 'wirral-2022', 'sandwell-2022'),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: -30 * 86_400_000, max: 60 * 86_400_000 }),
        fc.integer({ min: 0, max: 2 }),
        (id, stage, offset, reminded) => {
          const rules = disputeRules(pack(id));
          const due = stageDueAt(rules, stage, start);
          const now = new Date(due.getTime() + offset);
          const action = onStageDeadline(rules, { stage, stageDueAt: due, remindedStage: reminded }, now);
          if (offset < 0) return action === 'none';
          if (rules.stages[stage - 1]!.onDeadline === 'escalate' && stage < rules.stages.length) return action === 'escalate';
          return action === (reminded >= stage ? 'none' : 'remind');
        },
      ),
    );
  });
});

describe('reading disputes', () => {
  it('the two agencies’ casework staff and the register keepers; administrators of the agencies do not', () => {
    const rules = disputeRules(pack('wirral-2022'));
    fc.assert(
      fc.property(fc.constantFrom('a1', 'a2', 'a3'), fc.subarray([...ROLES], { minLength: 1 }), (agencyId, roles) => {
        const sees = canSeeDispute(actor(agencyId, roles), parties, rules);
        const casework = roles.some((r) => r !== 'administrator' && r !== 'partnership_manager');
        const expected = ((agencyId === 'a1' || agencyId === 'a2') && casework) || roles.includes('partnership_manager');
        return sees === expected;
      }),
    );
  });
});

describe('registers and scrutiny', () => {
  it('findings by statutory partners only where the pack says so', () => {
    assert.equal(canRecordFinding({ roles: ['partnership_manager'] }, 'statutory_partner', pack('wirral-2022')), true);
    assert.equal(canRecordFinding({ roles: ['partnership_manager'] }, 'relevant_agency', pack('wirral-2022')), false);
    assert.equal(canRecordFinding({ roles: ['practitioner'] }, 'statutory_partner', pack('wirral-2022')), false);
  });

  it('counts from 1 to the threshold leave the partnership as "N or fewer"; 0 and larger counts are exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 }), (n, threshold) => {
        const shown = publishableCount(n, threshold);
        return n === 0 || n > threshold ? shown === String(n) : shown === `${threshold} or fewer`;
      }),
    );
    assert.equal(publishableCount(10, pack('southampton-2010').aggregate.smallNumberThreshold), '10 or fewer', 'Southampton s.12: "10 records or less"');
    assert.equal(publishableCount(11, 10), '11');
  });

  it('the trend covers whole London months, and lays out months by agency', () => {
    assert.equal(trendSince(new Date('2026-03-31T23:30:00Z'), 12).toISOString(), '2025-04-30T23:00:00.000Z', 'already April in London; 1 May 2025 starts at 00:00 BST');
    assert.equal(trendSince(new Date('2026-01-15T12:00:00Z'), 1).toISOString(), '2026-01-01T00:00:00.000Z');
    const t = trendTable(
      [
        { kind: 'dispute', month: '2026-02', agency: 'Police', count: 2 },
        { kind: 'dispute', month: '2026-01', agency: 'Health', count: 1 },
        { kind: 'complaint', month: '2026-01', agency: 'Police', count: 5 },
      ],
      'dispute',
    );
    assert.deepEqual(t, {
      months: ['2026-01', '2026-02'],
      agencies: ['Health', 'Police'],
      cells: [
        { agency: 'Health', counts: [1, 0] },
        { agency: 'Police', counts: [0, 2] },
      ],
    });
  });
});
