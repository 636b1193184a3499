import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addCalendarDays,
  addCalendarHours,
  addDaysToDate,
  addMonths,
  addWorkingDays,
  addWorkingDaysToDate,
  bankHolidays,
  deadline,
  endOfLondonDay,
  isWorkingDay,
  londonDateOf,
  londonInstant,
  workingDaysBetween,
} from './clocks.ts';
import { DURATION_UNITS, type Duration } from './protocol/pack.ts';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

/** The London wall clock at an instant, "YYYY-MM-DD HH:mm:ss". */
function londonWallClock(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'medium' }).format(instant);
}

// Instants from 2018 to 2027, the years whose bank holidays are checked against GOV.UK's list.
const instant = fc.date({ min: at('2018-01-01T00:00:00.000Z'), max: at('2027-10-31T23:59:59.999Z'), noInvalidDate: true });
const count = fc.integer({ min: 0, max: 60 });
const positiveDuration: fc.Arbitrary<Duration> = fc.record({ amount: fc.integer({ min: 1, max: 120 }), unit: fc.constantFrom(...DURATION_UNITS) });

describe('isWorkingDay', () => {
  it('is Monday to Friday except bank holidays in England and Wales, substitute days included', () => {
    assert.equal(isWorkingDay('2023-12-22'), true); // Friday
    assert.equal(isWorkingDay('2023-12-23'), false); // Saturday
    assert.equal(isWorkingDay('2023-12-24'), false); // Sunday
    assert.equal(isWorkingDay('2023-12-25'), false); // Christmas Day
    assert.equal(isWorkingDay('2023-12-26'), false); // Boxing Day
    assert.equal(isWorkingDay('2023-12-27'), true);
    assert.equal(isWorkingDay('2020-12-28'), false); // Boxing Day (substitute day)
    assert.equal(isWorkingDay('2022-01-03'), false); // New Year's Day (substitute day)
    assert.equal(isWorkingDay('2020-05-04'), true); // Early May bank holiday moved to VE Day...
    assert.equal(isWorkingDay('2020-05-08'), false); // ...8 May
    assert.equal(isWorkingDay('2022-09-19'), false); // the State Funeral of Queen Elizabeth II
    assert.equal(isWorkingDay('2023-05-08'), false); // the coronation of King Charles III
  });

  it("keeps to England and Wales: Scotland's 2 January and St Andrew's Day are working days", () => {
    assert.equal(isWorkingDay('2024-01-02'), true);
    assert.equal(isWorkingDay('2023-11-30'), true);
    assert.equal(isWorkingDay('2023-03-17'), true); // St Patrick's Day (Northern Ireland)
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2023-02-29', '2023-13-01', '23-12-01', '2023-12-1', '']) assert.throws(() => isWorkingDay(bad), RangeError, bad);
  });

  it('lists the weekday bank holidays of a year', () => {
    assert.deepEqual(bankHolidays(2026), ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
  });
});

describe('London time', () => {
  it('gives the date in England, not in UTC', () => {
    assert.equal(londonDateOf(at('2026-06-01T23:30:00Z')), '2026-06-02'); // 00:30 BST
    assert.equal(londonDateOf(at('2026-12-01T23:30:00Z')), '2026-12-01'); // 23:30 GMT
  });

  it('ends a day at 23:59:59.999 London time, in GMT and in BST and on the days the clocks change', () => {
    assert.equal(endOfLondonDay('2026-01-15').toISOString(), '2026-01-15T23:59:59.999Z');
    assert.equal(endOfLondonDay('2026-07-15').toISOString(), '2026-07-15T22:59:59.999Z');
    assert.equal(endOfLondonDay('2026-03-29').toISOString(), '2026-03-29T22:59:59.999Z'); // clocks go forward
    assert.equal(endOfLondonDay('2026-10-25').toISOString(), '2026-10-25T23:59:59.999Z'); // clocks go back
  });

  it('resolves the skipped and repeated hours', () => {
    // 01:30 on 29 March 2026 never happens; it reads as 02:30 BST.
    assert.equal(londonInstant('2026-03-29', { hour: 1, minute: 30 }).toISOString(), '2026-03-29T01:30:00.000Z');
    // 01:30 on 25 October 2026 happens twice; the first, in BST.
    assert.equal(londonInstant('2026-10-25', { hour: 1, minute: 30 }).toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(londonInstant('2026-10-25').toISOString(), '2026-10-24T23:00:00.000Z');
    assert.throws(() => londonInstant('2026-10-25', { hour: 24 }), RangeError);
  });

  it('round-trips every instant to its London date and back to that day', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const date = londonDateOf(t);
        assert.ok(londonInstant(date).getTime() <= t.getTime() && t.getTime() <= endOfLondonDay(date).getTime());
        assert.equal(londonDateOf(endOfLondonDay(date)), date);
        assert.equal(londonDateOf(new Date(endOfLondonDay(date).getTime() + 1)), addDaysToDate(date, 1));
      }),
    );
  });
});

describe('addWorkingDays', () => {
  it('does not count the starting day: reported Friday 22 December 2023, one working day is the end of Wednesday 27th', () => {
    assert.equal(addWorkingDays(at('2023-12-22T15:00:00Z'), 1).toISOString(), '2023-12-27T23:59:59.999Z');
  });

  it('counts 5 working days over Easter (Haringey-style breach procedure)', () => {
    // Thursday 2 April 2026, 10:00 BST; Good Friday 3rd and Easter Monday 6th are bank holidays.
    const due = addWorkingDays(at('2026-04-02T09:00:00Z'), 5);
    assert.equal(londonWallClock(due), '2026-04-13 23:59:59'); // Monday 13 April
    assert.equal(due.toISOString(), '2026-04-13T22:59:59.999Z');
    assert.equal(workingDaysBetween(at('2026-04-02T09:00:00Z'), due), 5);
  });

  it('starts from the London date: 00:30 BST on Monday is Monday, though it is Sunday in UTC', () => {
    assert.equal(addWorkingDaysToDate('2026-06-01', 1), '2026-06-02');
    assert.equal(addWorkingDays(at('2026-05-31T23:30:00Z'), 1).toISOString(), '2026-06-02T22:59:59.999Z'); // end of Tuesday
  });

  it('from a weekend, counts from the next working day', () => {
    assert.equal(addWorkingDaysToDate('2026-06-06', 1), '2026-06-08'); // Saturday -> Monday
    assert.equal(addWorkingDaysToDate('2026-06-06', 0), '2026-06-08'); // "today or the next working day"
    assert.equal(addWorkingDaysToDate('2026-06-05', 0), '2026-06-05'); // Friday is today
  });

  it('refuses negative or fractional counts', () => {
    assert.throws(() => addWorkingDays(at('2026-06-01T09:00:00Z'), -1), RangeError);
    assert.throws(() => addWorkingDays(at('2026-06-01T09:00:00Z'), 1.5), RangeError);
    assert.throws(() => addWorkingDays(new Date(Number.NaN), 1), RangeError);
  });

  it('never falls on a weekend or a bank holiday, and always at the end of the day', () => {
    fc.assert(
      fc.property(instant, count, (t, n) => {
        const due = addWorkingDays(t, n);
        assert.ok(isWorkingDay(londonDateOf(due)), `${due.toISOString()} is a working day`);
        assert.equal(due.getTime(), endOfLondonDay(londonDateOf(due)).getTime());
      }),
    );
  });

  it('counts 0 and 1 working days from a bank holiday to the same day (New Year 2018)', () => {
    const newYear = new Date('2018-01-01T12:00:00Z');
    assert.equal(addWorkingDays(newYear, 0).toISOString(), '2018-01-02T23:59:59.999Z');
    assert.equal(addWorkingDays(newYear, 1).toISOString(), '2018-01-02T23:59:59.999Z');
    assert.equal(addWorkingDays(newYear, 2).toISOString(), '2018-01-03T23:59:59.999Z');
  });

  it('is monotonic in n and in the start', () => {
    fc.assert(
      fc.property(instant, count, count, (t, m, n) => {
        const [lo, hi] = m <= n ? [m, n] : [n, m];
        assert.ok(addWorkingDays(t, lo) <= addWorkingDays(t, hi));
        // Strictly, except that 0 working days from a weekend or bank holiday is the next working
        // day — the same day as 1.
        if (lo < hi && (lo >= 1 || isWorkingDay(londonDateOf(t)))) assert.ok(addWorkingDays(t, lo) < addWorkingDays(t, hi), 'strictly, for different n');
      }),
    );
    fc.assert(
      fc.property(instant, instant, count, (s, t, n) => {
        const [early, late] = s <= t ? [s, t] : [t, s];
        assert.ok(addWorkingDays(early, n) <= addWorkingDays(late, n));
      }),
    );
  });

  it('is undone by workingDaysBetween, and each extra working day is the next working day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (t, n) => {
        const due = addWorkingDays(t, n);
        assert.equal(workingDaysBetween(t, due), n);
        assert.equal(workingDaysBetween(due, t), -n);
        let next = addDaysToDate(londonDateOf(due), 1);
        while (!isWorkingDay(next)) next = addDaysToDate(next, 1);
        assert.equal(londonDateOf(addWorkingDays(t, n + 1)), next);
      }),
    );
  });
});

describe('addCalendarHours', () => {
  it('is elapsed time: 72 hours across the change to BST ends an hour later on the wall clock', () => {
    const start = at('2026-03-28T12:00:00Z'); // Saturday 12:00 GMT
    const due = addCalendarHours(start, 72);
    assert.equal(due.toISOString(), '2026-03-31T12:00:00.000Z');
    assert.equal(londonWallClock(due), '2026-03-31 13:00:00'); // 13:00 BST
  });

  it('and across the change back to GMT, an hour earlier', () => {
    const due = addCalendarHours(at('2026-10-24T08:00:00Z'), 72); // 09:00 BST
    assert.equal(due.toISOString(), '2026-10-27T08:00:00.000Z');
    assert.equal(londonWallClock(due), '2026-10-27 08:00:00');
  });

  it("runs through weekends and bank holidays (the ICO's 72 hours)", () => {
    assert.equal(addCalendarHours(at('2023-12-22T17:00:00Z'), 72).toISOString(), '2023-12-25T17:00:00.000Z');
  });

  it('is always exactly that many elapsed hours', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 24 * 400 }), (t, h) => {
        assert.equal(addCalendarHours(t, h).getTime() - t.getTime(), h * HOUR);
      }),
    );
    assert.throws(() => addCalendarHours(at('2026-01-01T00:00:00Z'), Number.POSITIVE_INFINITY), RangeError);
  });
});

describe('addCalendarDays', () => {
  it('ends at the end of the nth London day, weekends included', () => {
    assert.equal(addCalendarDays(at('2026-06-01T09:00:00Z'), 3).toISOString(), '2026-06-04T22:59:59.999Z'); // Monday -> end of Thursday
    assert.equal(addCalendarDays(at('2026-03-27T12:00:00Z'), 3).toISOString(), '2026-03-30T22:59:59.999Z'); // across the change to BST
    assert.equal(addCalendarDays(at('2026-12-24T12:00:00Z'), 1).toISOString(), '2026-12-25T23:59:59.999Z'); // a bank holiday counts
    assert.equal(addCalendarDays(at('2026-12-24T12:00:00Z'), 0).toISOString(), '2026-12-24T23:59:59.999Z');
  });

  it('is n London dates after the start', () => {
    fc.assert(
      fc.property(instant, count, (t, n) => {
        assert.equal(londonDateOf(addCalendarDays(t, n)), addDaysToDate(londonDateOf(t), n));
      }),
    );
  });
});

describe('addMonths', () => {
  it('is the corresponding date, clamped to the end of a shorter month', () => {
    assert.equal(londonDateOf(addMonths(at('2025-09-03T10:00:00Z'), 1)), '2025-10-03');
    assert.equal(londonDateOf(addMonths(at('2025-01-31T10:00:00Z'), 1)), '2025-02-28');
    assert.equal(londonDateOf(addMonths(at('2024-01-31T10:00:00Z'), 1)), '2024-02-29');
    assert.equal(londonDateOf(addMonths(at('2024-02-29T10:00:00Z'), 12)), '2025-02-28');
    assert.equal(londonDateOf(addMonths(at('2025-11-30T10:00:00Z'), 3)), '2026-02-28');
    assert.equal(addMonths(at('2025-08-31T10:00:00Z'), 1).toISOString(), '2025-09-30T22:59:59.999Z');
  });

  it('gives Haringey\'s review "six months then annually"', () => {
    const effective = londonInstant('2022-06-30', { hour: 9 });
    const first = deadline(effective, { amount: 6, unit: 'months' });
    assert.equal(londonDateOf(first), '2022-12-30');
    assert.equal(londonDateOf(deadline(first, { amount: 12, unit: 'months' })), '2023-12-30');
  });

  it('is monotonic in n and never lands on a later day of the month than the start', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 36 }), (t, n) => {
        const due = addMonths(t, n);
        assert.ok(due < addMonths(t, n + 1));
        assert.ok(Number(londonDateOf(due).slice(8)) <= Number(londonDateOf(t).slice(8)));
      }),
    );
  });
});

describe('deadline', () => {
  it('dispatches on the unit', () => {
    const start = at('2023-12-22T15:00:00Z');
    assert.equal(deadline(start, { amount: 1, unit: 'working_days' }).toISOString(), '2023-12-27T23:59:59.999Z');
    assert.equal(deadline(start, { amount: 1, unit: 'calendar_days' }).toISOString(), '2023-12-23T23:59:59.999Z');
    assert.equal(deadline(start, { amount: 72, unit: 'hours' }).toISOString(), '2023-12-25T15:00:00.000Z');
    assert.equal(deadline(start, { amount: 1, unit: 'months' }).toISOString(), '2024-01-22T23:59:59.999Z');
  });

  it('is later than the start for every positive duration, and never earlier for a longer one', () => {
    fc.assert(
      fc.property(instant, positiveDuration, (t, d) => {
        const due = deadline(t, d);
        assert.ok(due > t, `${d.amount} ${d.unit} after ${t.toISOString()}`);
        assert.ok(deadline(t, { ...d, amount: d.amount + 1 }) > due);
      }),
    );
  });

  it('a working-day deadline is never earlier than the same number of calendar days', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (t, n) => {
        assert.ok(deadline(t, { amount: n, unit: 'working_days' }) >= deadline(t, { amount: n, unit: 'calendar_days' }));
      }),
    );
  });
});
