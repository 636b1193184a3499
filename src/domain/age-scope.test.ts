import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type AgeScope, ageOn, inScope, isCalendarDate } from './age-scope.ts';

// The packs' age scopes (each pack.yaml's `ageScope`).
const SOUTHAMPTON: AgeScope = { from: 0, to: 18, extendedTo: 25, extendedFor: ['care_leaver', 'send'] };
const HARINGEY: AgeScope = { from: 0, to: 19, extendedTo: 25, extendedFor: ['send'] };
const BASELINE: AgeScope = { from: 0, to: 17, extendedTo: 25, extendedFor: ['care_leaver', 'send'] };

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

/** Real calendar dates between 1900 and 2100, as 'YYYY-MM-DD'. */
const calendarDate = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

describe('ageOn', () => {
  it('counts completed years', () => {
    assert.equal(ageOn('2010-06-15', '2026-06-14'), 15);
    assert.equal(ageOn('2010-06-15', '2026-06-15'), 16);
    assert.equal(ageOn('2010-06-15', '2010-06-15'), 0);
    assert.equal(ageOn('2010-12-31', '2011-01-01'), 0);
  });

  it('someone born on 29 February has a birthday on 1 March in other years', () => {
    assert.equal(ageOn('2008-02-29', '2026-02-28'), 17);
    assert.equal(ageOn('2008-02-29', '2026-03-01'), 18);
    assert.equal(ageOn('2008-02-29', '2028-02-29'), 20);
  });

  it('rejects impossible dates and a date of birth after the date', () => {
    assert.throws(() => ageOn('2010-02-30', '2026-01-01'), RangeError);
    assert.throws(() => ageOn('2010-13-01', '2026-01-01'), RangeError);
    assert.throws(() => ageOn('15/06/2010', '2026-01-01'), RangeError);
    assert.throws(() => ageOn('2010-06-15', '2026-1-1'), RangeError);
    assert.throws(() => ageOn('2026-06-15', '2026-06-14'), RangeError);
  });

  it('never decreases as time passes, and goes up by exactly one on each birthday', () => {
    fc.assert(
      fc.property(calendarDate, calendarDate, (a, b) => {
        const [born, later] = a <= b ? [a, b] : [b, a];
        const age = ageOn(born, later);
        assert.ok(age >= 0);
        assert.ok(age <= Number(later.slice(0, 4)) - Number(born.slice(0, 4)));
        // On the same day and month in a later year, the age is exactly the difference in years
        // (skipping 29 February, which not every year has).
        if (born.slice(5) !== '02-29') {
          const years = Number(later.slice(0, 4)) - Number(born.slice(0, 4));
          assert.equal(ageOn(born, `${later.slice(0, 4)}${born.slice(4)}`), years);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with counting birthdays one year at a time', () => {
    // Independent oracle: the number of anniversaries (29 February → 1 March) on or before `on`.
    const anniversary = (born: string, years: number): string => {
      const y = pad(Number(born.slice(0, 4)) + years, 4);
      return isCalendarDate(`${y}${born.slice(4)}`) ? `${y}${born.slice(4)}` : `${y}-03-01`;
    };
    const countBirthdays = (born: string, on: string): number => {
      let n = 0;
      while (anniversary(born, n + 1) <= on) n++;
      return n;
    };
    fc.assert(
      fc.property(calendarDate, calendarDate, (a, b) => {
        const [born, on] = a <= b ? [a, b] : [b, a];
        assert.equal(ageOn(born, on), countBirthdays(born, on));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('inScope (Southampton 2010 s.5)', () => {
  const on = '2026-05-01';
  const child = (dateOfBirth: string, careLeaver = false, send = false) => ({ dateOfBirth, careLeaver, send });

  it('covers every child aged 0–18', () => {
    assert.deepEqual(inScope(child('2026-05-01'), on, SOUTHAMPTON), { ok: true, age: 0 });
    assert.deepEqual(inScope(child('2010-05-01'), on, SOUTHAMPTON), { ok: true, age: 16 });
    assert.deepEqual(inScope(child('2007-05-02'), on, SOUTHAMPTON), { ok: true, age: 18 });
  });

  it('does not cover a 19-year-old who is neither a care leaver nor has SEND', () => {
    const r = inScope(child('2007-05-01'), on, SOUTHAMPTON);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.code === 'too_old');
    assert.ok(!r.ok && /up to the age of 18/.test(r.reason));
  });

  it('covers care leavers and young people with SEND up to 25', () => {
    assert.deepEqual(inScope(child('2001-05-02', true), on, SOUTHAMPTON), { ok: true, age: 24 });
    assert.deepEqual(inScope(child('2000-05-02', false, true), on, SOUTHAMPTON), { ok: true, age: 25 });
    const r = inScope(child('2000-05-01', true, true), on, SOUTHAMPTON);
    assert.ok(!r.ok && r.code === 'too_old');
  });

  it('refuses a date of birth in the future (unborn children are not handled)', () => {
    const r = inScope(child('2026-05-02'), on, SOUTHAMPTON);
    assert.ok(!r.ok && r.code === 'date_of_birth_in_future');
    assert.ok(!r.ok && r.reason.length > 0);
  });

  it('refuses dates that are not real', () => {
    const r = inScope(child('2026-02-29'), on, SOUTHAMPTON);
    assert.ok(!r.ok && r.code === 'invalid_date_of_birth');
    const s = inScope(child('2020-01-01'), '2026-02-29', SOUTHAMPTON);
    assert.ok(!s.ok && s.code === 'invalid_date');
  });

  it('is in scope exactly when age ≤ 18, or ≤ 25 for care leavers and young people with SEND', () => {
    fc.assert(
      fc.property(calendarDate, calendarDate, fc.boolean(), fc.boolean(), (dob, today, careLeaver, send) => {
        const r = inScope({ dateOfBirth: dob, careLeaver, send }, today, SOUTHAMPTON);
        if (dob > today) {
          assert.ok(!r.ok && r.code === 'date_of_birth_in_future');
          return;
        }
        const age = ageOn(dob, today);
        const expected = age <= 18 || ((careLeaver || send) && age <= 25);
        assert.equal(r.ok, expected);
        if (r.ok) assert.equal(r.age, age);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('inScope follows each pack’s ageScope', () => {
  const on = '2026-05-01';
  const young = (dateOfBirth: string, careLeaver = false, send = false) => ({ dateOfBirth, careLeaver, send });

  it('the national baseline: a child is a person under 18 (Children Act 1989 s.105); an 18-year-old only as a care leaver or with SEND', () => {
    assert.deepEqual(inScope(young('2008-05-02'), on, BASELINE), { ok: true, age: 17 });
    const r = inScope(young('2008-05-01'), on, BASELINE);
    assert.ok(!r.ok && r.code === 'too_old' && /up to the age of 17, or 25 for care leavers and young people with special educational needs or disabilities/.test(r.reason));
    assert.deepEqual(inScope(young('2008-05-01', true), on, BASELINE), { ok: true, age: 18 });
    assert.deepEqual(inScope(young('2008-05-01'), on, SOUTHAMPTON), { ok: true, age: 18 }, 'Southampton 2010 s.5 covers 0–18');
  });

  it('Haringey 2006 s.2.1: 0–19, and to 25 for young people with additional needs — not for care leavers as such', () => {
    assert.deepEqual(inScope(young('2006-05-02'), on, HARINGEY), { ok: true, age: 19 });
    assert.ok(!inScope(young('2006-05-02'), on, SOUTHAMPTON).ok, 'Southampton stops at 18');
    assert.deepEqual(inScope(young('2004-05-01', false, true), on, HARINGEY), { ok: true, age: 22 });
    const leaver = inScope(young('2004-05-01', true), on, HARINGEY);
    assert.ok(!leaver.ok && /up to the age of 19, or 25 for young people with special educational needs or disabilities; this young person is 22/.test(leaver.reason));
    assert.deepEqual(inScope(young('2004-05-01', true), on, SOUTHAMPTON), { ok: true, age: 22 });
  });

  it('is in scope exactly when age is within from–to, or to extendedTo for a group the pack extends it to', () => {
    const scope = fc.record({
      from: fc.integer({ min: 0, max: 3 }),
      to: fc.integer({ min: 10, max: 20 }),
      extra: fc.integer({ min: 0, max: 6 }),
      extendedFor: fc.subarray(['care_leaver', 'send'] as const),
    });
    fc.assert(
      fc.property(calendarDate, calendarDate, fc.boolean(), fc.boolean(), scope, (dob, today, careLeaver, send, s) => {
        const packScope: AgeScope = { from: s.from, to: s.to, extendedTo: s.to + s.extra, extendedFor: s.extendedFor };
        const r = inScope({ dateOfBirth: dob, careLeaver, send }, today, packScope);
        if (dob > today) return;
        const age = ageOn(dob, today);
        const extended = (careLeaver && s.extendedFor.includes('care_leaver')) || (send && s.extendedFor.includes('send'));
        assert.equal(r.ok, age >= s.from && (age <= s.to || (extended && age <= s.to + s.extra)));
      }),
      { numRuns: 3000 },
    );
  });
});
