// The rights request clock (UK GDPR Art. 12(3), Art. 12A as inserted by the Data (Use and Access)
// Act 2025): pinned dates, properties, extensions, and erasure against retention and legal holds.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadPacksDir } from '../use-cases/kernel/packs.ts';
import { londonDateOf } from './clocks.ts';
import {
  type ClockFacts,
  consultationDueAt,
  extensionError,
  type HeldRecord,
  packBlockers,
  retentionAnswer,
  retentionCheck,
  rightsClock,
  rightsClockState,
  rightsTransition,
  verifyErrors,
  verifySchema,
  withholdError,
} from './rights.ts';

const at = (s: string) => new Date(s);
const day = (d: Date | null) => (d ? londonDateOf(d) : null);
const facts = (over: Partial<ClockFacts> = {}): ClockFacts => ({ receivedAt: at('2027-01-31T10:00:00Z'), verifiedAt: at('2027-01-31T10:00:00Z'), pauses: [], extensionMonths: 0, ...over });
const NOW = at('2027-01-31T12:00:00Z');

describe('the rights request clock: pinned dates', () => {
  it('one calendar month from receipt, to the end of the corresponding day', () => {
    const c = rightsClock(facts({ receivedAt: at('2026-09-03T09:00:00Z'), verifiedAt: at('2026-09-03T09:00:00Z') }), NOW);
    assert.equal(day(c.dueAt), '2026-10-03');
    assert.equal(c.dueAt!.toISOString(), '2026-10-03T22:59:59.999Z', 'the end of the day in England (BST)');
  });

  it('month-end rule: 31 January → 28 February, or 29 in a leap year', () => {
    assert.equal(day(rightsClock(facts(), NOW).dueAt), '2027-02-28');
    assert.equal(day(rightsClock(facts({ receivedAt: at('2028-01-31T10:00:00Z'), verifiedAt: at('2028-01-31T10:00:00Z') }), NOW).dueAt), '2028-02-29');
  });

  it('DUAA 2025: the month runs from when identity is confirmed, not from receipt', () => {
    const c = rightsClock(facts({ receivedAt: at('2027-01-10T10:00:00Z'), verifiedAt: at('2027-01-20T15:00:00Z') }), NOW);
    assert.equal(day(c.startsAt), '2027-01-20');
    assert.equal(day(c.dueAt), '2027-02-20');
  });

  it('waiting for identity: the clock has not started', () => {
    const c = rightsClock(facts({ verifiedAt: null }), NOW);
    assert.deepEqual([c.startsAt, c.dueAt], [null, null]);
    assert.equal(rightsClockState(c, 'awaiting_identity', NOW), 'not_started');
  });

  it('clarification pauses the clock: asked on the 5th, answered on the 12th adds seven days', () => {
    const base = facts({ receivedAt: at('2027-03-01T10:00:00Z'), verifiedAt: at('2027-03-01T10:00:00Z') });
    const c = rightsClock({ ...base, pauses: [{ from: at('2027-03-05T10:00:00Z'), to: at('2027-03-12T09:00:00Z') }] }, NOW);
    assert.equal(c.pausedDays, 7);
    assert.equal(day(c.dueAt), '2027-04-08');
    const waiting = rightsClock({ ...base, pauses: [{ from: at('2027-03-05T10:00:00Z'), to: null }] }, at('2027-03-09T10:00:00Z'));
    assert.deepEqual([waiting.paused, waiting.dueAt, waiting.pausedDays], [true, null, 4]);
    assert.equal(rightsClockState(waiting, 'awaiting_clarification', NOW), 'paused');
  });

  it('an extension adds up to two further months', () => {
    assert.equal(day(rightsClock(facts({ extensionMonths: 2 }), NOW).dueAt), '2027-04-30');
    assert.equal(day(rightsClock(facts({ extensionMonths: 1 }), NOW).dueAt), '2027-03-31');
    assert.equal(day(rightsClock(facts({ extensionMonths: 2 }), NOW).firstDueAt), '2027-02-28', 'the first month stays the date to tell the requester by');
  });

  it('an extension is refused beyond two months in all, or after the first month', () => {
    assert.equal(extensionError(facts(), 2, NOW), undefined);
    assert.match(extensionError(facts({ extensionMonths: 1 }), 2, NOW)!, /at most 2/);
    assert.match(extensionError(facts(), 1, at('2027-03-01T10:00:00Z'))!, /within the first month/);
    assert.match(extensionError(facts({ verifiedAt: null }), 1, NOW)!, /identity/);
  });

  it('states: running, due soon at three quarters, overdue, stopped when answered', () => {
    const c = rightsClock(facts(), NOW);
    assert.equal(rightsClockState(c, 'open', NOW), 'running');
    assert.equal(rightsClockState(c, 'open', at('2027-02-25T10:00:00Z')), 'due_soon');
    assert.equal(rightsClockState(c, 'open', at('2027-03-01T10:00:00Z')), 'overdue');
    assert.equal(rightsClockState(c, 'answered', at('2027-03-01T10:00:00Z')), 'stopped');
  });

  it('extending while paused keeps the pause; answering needs a running clock', () => {
    assert.equal(rightsTransition('awaiting_clarification', 'extend'), 'awaiting_clarification');
    assert.equal(rightsTransition('awaiting_clarification', 'answer'), undefined);
    assert.equal(rightsTransition('awaiting_identity', 'verify'), 'open');
  });
});

const instant = fc.date({ min: at('2019-01-01T00:00:00Z'), max: at('2030-12-31T00:00:00Z'), noInvalidDate: true });

describe('the rights request clock: properties', () => {
  it('the deadline is never before the start, and on the corresponding date of the next month, or its last day (no pause, no extension)', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const c = rightsClock(facts({ receivedAt: t, verifiedAt: t }), t);
        const days = (c.dueAt!.getTime() - t.getTime()) / 86_400_000;
        assert.ok(days >= 27 && days < 33, `${t.toISOString()}: ${days}`);
        const [y, m, d] = day(t)!.split('-').map(Number) as [number, number, number];
        const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
        const want = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
        assert.equal(day(c.dueAt), want);
      }),
    );
  });

  it('a later confirmation of identity never brings the deadline forward', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 90 }), (t, a, b) => {
        const v1 = new Date(t.getTime() + Math.min(a, b) * 86_400_000);
        const v2 = new Date(t.getTime() + Math.max(a, b) * 86_400_000);
        const d1 = rightsClock(facts({ receivedAt: t, verifiedAt: v1 }), t).dueAt!;
        const d2 = rightsClock(facts({ receivedAt: t, verifiedAt: v2 }), t).dueAt!;
        assert.ok(d2.getTime() >= d1.getTime());
      }),
    );
  });

  it('a pause of n whole days moves the deadline exactly n days later; extensions never shorten it', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 2 }), (t, into, n, ext) => {
        const from = new Date(t.getTime() + into * 86_400_000);
        const to = new Date(from.getTime() + n * 86_400_000);
        const plain = rightsClock(facts({ receivedAt: t, verifiedAt: t, extensionMonths: ext }), t).dueAt!;
        const paused = rightsClock(facts({ receivedAt: t, verifiedAt: t, extensionMonths: ext, pauses: [{ from, to }] }), to);
        // n elapsed days can span n−1 to n+1 London dates around a clock change.
        assert.ok(Math.abs(paused.pausedDays - n) <= 1);
        const moved = Math.round((Date.parse(`${day(paused.dueAt)}T00:00:00Z`) - Date.parse(`${day(plain)}T00:00:00Z`)) / 86_400_000);
        assert.equal(moved, paused.pausedDays);
        if (ext > 0) assert.ok(plain.getTime() > rightsClock(facts({ receivedAt: t, verifiedAt: t }), t).dueAt!.getTime());
      }),
    );
  });
});

describe('identity and authority', () => {
  const verify = (v: Record<string, unknown>, requesterKind: 'child' | 'parent' | 'representative' = 'parent') =>
    verifyErrors(verifySchema.parse({ verifiedAt: '2027-01-31', evidence: 'Passport seen', ...v }), { requesterKind, receivedAt: at('2027-01-30T10:00:00Z') }, NOW);

  it('a parent with parental responsibility for a child not competent to decide', () => {
    assert.deepEqual(verify({ basis: 'parental_responsibility', childCompetent: 'no' }), []);
  });

  it('a competent child decides: parental responsibility alone is not enough', () => {
    assert.deepEqual(
      verify({ basis: 'parental_responsibility', childCompetent: 'yes' }).map((e) => e.path),
      ['basis'],
    );
    assert.deepEqual(verify({ basis: 'child_consent', childCompetent: 'yes' }), []);
  });

  it('the authority must fit who asks, and competence must be answered', () => {
    assert.deepEqual(
      verify({ basis: 'self' }, 'representative').map((e) => e.path),
      ['basis', 'childCompetent'],
    );
  });
});

const packs = await loadPacksDir(path.resolve(import.meta.dirname, '../../protocols'));
const schedule = packs.find((p) => p.id === 'national-baseline')!.retentionSchedule!;

describe('erasure and restriction against retention and legal holds', () => {
  const record = (over: Partial<HeldRecord> = {}): HeldRecord => ({
    kind: 'disclosure_received',
    recordedAt: at('2026-01-01T10:00:00Z'),
    closedAt: null,
    dateOfBirth: at('2015-05-01T00:00:00Z'),
    held: false,
    ...over,
  });

  it('records within retention: erasure is refused with the reason and the date', () => {
    const check = retentionCheck(schedule, [record()], NOW);
    assert.deepEqual(
      check.retained.map((r) => [r.kind, r.count, day(r.until)]),
      [['disclosure_received', 1, '2032-01-01']],
    );
    const a = retentionAnswer('erasure', 'complied', check);
    assert.match(a.error!, /cannot be complied with in full/);
    assert.equal(retentionAnswer('erasure', 'refused', check).error, undefined);
    assert.match(retentionAnswer('erasure', 'refused', check).reasons[0]!, /within the retention schedule until 2032-01-01/);
  });

  it('records past their retention: erasure may be complied with', () => {
    const check = retentionCheck(schedule, [record({ recordedAt: at('2019-01-01T10:00:00Z') })], NOW);
    assert.deepEqual([check.ended, check.retained.length], [1, 0]);
    assert.deepEqual(retentionAnswer('erasure', 'complied', check), { reasons: [] });
  });

  it('a legal hold blocks erasure, even in part, and is given as a reason for a restriction', () => {
    const check = retentionCheck(schedule, [record({ recordedAt: at('2019-01-01T10:00:00Z'), held: true })], NOW);
    assert.match(retentionAnswer('erasure', 'partly_complied', check).error!, /legal hold/);
    const r = retentionAnswer('restriction', 'complied', check);
    assert.equal(r.error, undefined);
    assert.match(r.reasons[0]!, /on legal hold/);
  });
});

describe('consulting the source agencies (Sandwell 2022 s.11.1)', () => {
  it('a consultation has ten working days, never later than two days before the request’s deadline, at least one', () => {
    const asked = at('2026-12-01T10:00:00Z');
    assert.equal(day(consultationDueAt(asked, null)), '2026-12-15');
    assert.equal(day(consultationDueAt(asked, at('2026-12-10T23:59:59Z'))), '2026-12-08');
    assert.equal(day(consultationDueAt(asked, at('2026-12-02T23:59:59Z'))), '2026-12-02', 'at least one working day');
  });

  it('another agency’s item is withheld only once it has answered or its time has passed; the agency’s own at once', () => {
    const c = [{ sourceAgencyId: 'police', answeredAt: null, dueAt: at('2026-12-15T23:59:59Z') }];
    assert.equal(withholdError({ ref: 'x', sourceAgencyId: 'council' }, 'council', [], NOW), undefined);
    assert.match(withholdError({ ref: 'x', sourceAgencyId: 'police' }, 'council', [], NOW)!, /Consult/);
    assert.match(withholdError({ ref: 'x', sourceAgencyId: 'police' }, 'council', c, at('2026-12-10T10:00:00Z'))!, /Wait/);
    assert.equal(withholdError({ ref: 'x', sourceAgencyId: 'police' }, 'council', c, at('2026-12-16T10:00:00Z')), undefined);
    assert.equal(withholdError({ ref: 'x', sourceAgencyId: 'police' }, 'council', [{ ...c[0]!, answeredAt: at('2026-12-09T10:00:00Z') }], at('2026-12-10T10:00:00Z')), undefined);
    assert.deepEqual(packBlockers([{ ...c[0]!, sourceAgencyName: 'Police' }], at('2026-12-10T10:00:00Z')), ['Police has not yet answered its consultation']);
    assert.deepEqual(packBlockers([{ ...c[0]!, sourceAgencyName: 'Police' }], at('2026-12-16T10:00:00Z')), []);
  });
});
