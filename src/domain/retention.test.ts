// Retention schedules from the packs, the date arithmetic, and the disposition review's lifecycle.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadPacksDir } from '../use-cases/kernel/packs.ts';
import { validatePack } from './protocol/pack.ts';
import { addMonths, describeRetention, dueCutoff, type RetentionRule, retentionEndsAt, reviewTransition, ruleFor, scheduleRules } from './retention.ts';

const packs = await loadPacksDir(path.resolve(import.meta.dirname, '../../protocols'));
const schedule = (id: string) => packs.find((p) => p.id === id)!.retentionSchedule!;

describe('retention schedules from the packs', () => {
  it('every pack has a schedule with a rule for each disposable kind (the baseline’s defaults)', () => {
    for (const p of packs) {
      assert.ok(p.retentionSchedule, `${p.id} has a schedule`);
      for (const kind of ['decision', 'request', 'disclosure_received', 'audit_details'] as const) assert.ok(ruleFor(p.retentionSchedule, kind), `${p.id}: ${kind}`);
    }
    assert.equal(scheduleRules(schedule('national-baseline')).length, 8, 'the baseline states every kind');
  });

  it('the baseline keeps received information 6 years from sharing, under the recipient’s policy', () => {
    const r = ruleFor(schedule('national-baseline'), 'disclosure_received')!;
    assert.deepEqual([r.keepFor, r.from, r.owner], [{ amount: 6, unit: 'years' }, 'shared', 'recipient_unless_originator_says_otherwise']);
    assert.equal(ruleFor(schedule('national-baseline'), 'decision')!.from, 'child_25th_birthday');
  });

  it('Southampton 2010 s.6, s.8: received data goes once its purpose is served (the case closing)', () => {
    const r = ruleFor(schedule('southampton-2010'), 'disclosure_received')!;
    assert.deepEqual([r.keepFor.amount, r.from], [0, 'closed']);
    assert.match(r.clause, /Southampton 2010 s\.6; s\.8/);
    assert.equal(ruleFor(schedule('southampton-2010'), 'decision')!.from, 'child_25th_birthday', 'other kinds keep the baseline');
  });

  it('Wirral 2022 App. 2 s.8.1: the request and what was received go when the request closes', () => {
    assert.deepEqual([ruleFor(schedule('wirral-2022'), 'request')!.keepFor.amount, ruleFor(schedule('wirral-2022'), 'request')!.from], [0, 'closed']);
    assert.match(ruleFor(schedule('wirral-2022'), 'disclosure_received')!.clause, /Wirral 2022 App\. 2 s\.8\.1/);
    assert.equal(ruleFor(schedule('national-baseline'), 'request')!.keepFor.amount, 6);
  });

  it('Derby & Derbyshire 2015 s.5 para. 3: information sent is kept under the recipient’s policy too', () => {
    assert.equal(ruleFor(schedule('derby-derbyshire-2015'), 'disclosure_sent')!.owner, 'recipient_unless_originator_says_otherwise');
    assert.equal(ruleFor(schedule('national-baseline'), 'disclosure_sent')!.owner, 'holder');
    assert.match(ruleFor(schedule('derby-derbyshire-2015'), 'disclosure_received')!.clause, /Derby & Derbyshire 2015 s\.5 para\. 3/);
  });

  it('Haringey and Sandwell, silent on periods, inherit the baseline', () => {
    assert.deepEqual(schedule('haringey-2006'), schedule('national-baseline'));
    assert.deepEqual(schedule('sandwell-2022'), schedule('national-baseline'));
  });

  it('the pack loader refuses a schedule without a disposable kind, a duplicate-free unknown key, or a bad period', () => {
    const base = packs.find((p) => p.id === 'national-baseline')!;
    const without = { ...base, retentionSchedule: { ...base.retentionSchedule, audit_details: undefined } };
    const r1 = validatePack(JSON.parse(JSON.stringify(without)));
    assert.equal(r1.ok, false);
    const bad = { ...base, retentionSchedule: { ...base.retentionSchedule, request: { keepFor: { amount: -1, unit: 'years' }, from: 'closed', owner: 'holder', clause: 'x.1 test' } } };
    const r2 = validatePack(bad);
    assert.ok(!r2.ok && r2.errors.some((e) => e.path === 'retentionSchedule.request.keepFor.amount'));
    const typo = { ...base, retentionSchedule: { ...base.retentionSchedule, decisions: base.retentionSchedule!.decision } };
    const r3 = validatePack(typo);
    assert.ok(!r3.ok && r3.errors.some((e) => e.message.includes('did you mean "decision"')));
  });

  it('says each rule in plain English', () => {
    assert.equal(
      describeRetention(ruleFor(schedule('national-baseline'), 'disclosure_received')!),
      '6 years from the date it was shared, then disposed of beyond recovery; the receiving agency’s policy applies unless the originating agency says otherwise; reviewed by the receiving agency’s information governance lead.',
    );
    assert.match(describeRetention(ruleFor(schedule('southampton-2010'), 'disclosure_received')!), /^Until the case closing, then disposed of beyond recovery/);
    assert.match(describeRetention(ruleFor(schedule('national-baseline'), 'decision')!), /^Until the child’s 25th birthday/);
    assert.match(describeRetention({ record: 'request', keepFor: { amount: 1, unit: 'years' }, from: 'closed', owner: 'holder', clause: 'c.1' }), /^1 year from the case closing/);
  });
});

describe('retention date arithmetic', () => {
  const rule = (amount: number, unit: 'months' | 'years', from: RetentionRule['from']) => ({ keepFor: { amount, unit }, from });

  it('pins the dates', () => {
    assert.equal(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString(), '2026-02-28T10:00:00.000Z');
    assert.equal(addMonths(new Date('2024-01-31T00:00:00Z'), 1).toISOString(), '2024-02-29T00:00:00.000Z');
    assert.equal(addMonths(new Date('2026-03-31T00:00:00Z'), -1).toISOString(), '2026-02-28T00:00:00.000Z');
    // A child born on 29 February 2008 reaches 25 on 28 February 2033.
    assert.equal(retentionEndsAt(rule(0, 'years', 'child_25th_birthday'), new Date('2008-02-29T00:00:00Z')).toISOString(), '2033-02-28T00:00:00.000Z');
    assert.equal(retentionEndsAt(rule(6, 'years', 'shared'), new Date('2020-05-01T09:00:00Z')).toISOString(), '2026-05-01T09:00:00.000Z');
    assert.equal(dueCutoff(rule(6, 'years', 'shared'), new Date('2026-05-01T09:00:00Z')).toISOString(), '2020-05-01T09:00:00.000Z');
  });

  it('a record is due exactly when its start is at or before the cut-off', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('months' as const, 'years' as const),
        fc.constantFrom('recorded' as const, 'closed' as const, 'shared' as const, 'child_25th_birthday' as const),
        (start, now, amount, unit, from) => {
          const r = rule(amount, unit, from);
          const due = retentionEndsAt(r, start).getTime() <= now.getTime();
          assert.equal(start.getTime() <= dueCutoff(r, now).getTime(), due);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('the disposition review', () => {
  it('a legal hold blocks approval and deferral until released', () => {
    assert.deepEqual(reviewTransition('pending', 'hold'), { ok: true, to: 'held' });
    const blocked = reviewTransition('held', 'approve');
    assert.ok(!blocked.ok && /legal hold/.test(blocked.reason));
    assert.equal(reviewTransition('held', 'defer').ok, false);
    assert.deepEqual(reviewTransition('held', 'release'), { ok: true, to: 'pending' });
    assert.deepEqual(reviewTransition('approved', 'hold'), { ok: true, to: 'held' });
  });
  it('nothing happens to a disposed record', () => {
    for (const a of ['approve', 'defer', 'hold', 'release'] as const) assert.equal(reviewTransition('disposed', a).ok, false);
  });
});
