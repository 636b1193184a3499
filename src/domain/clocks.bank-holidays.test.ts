// Working days in England and Wales, cross-checked against the published bank-holiday list.
//
// test/fixtures/bank-holidays-england-and-wales.json is the "england-and-wales" division of GOV.UK's
// https://www.gov.uk/bank-holidays.json for 2018–2027, in the same format. It was written without
// network access, from the published list, so it is checked here against a third witness too: the
// statutory pattern (Banking and Financial Dealings Act 1971, Sch. 1, and the annual proclamations
// with their substitute days) plus the one-off changes announced on GOV.UK. A mistake would have to
// be made the same way in the list, the pattern and date-holidays to pass unnoticed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Holidays from 'date-holidays';
import { addDaysToDate, bankHolidays, isWorkingDay } from './clocks.ts';

interface BankHolidayEvent {
  title: string;
  date: string;
  notes: string;
  bunting: boolean;
}

const FIRST_YEAR = 2018;
const LAST_YEAR = 2027;
const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

const published = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/bank-holidays-england-and-wales.json'), 'utf8')) as {
  division: string;
  events: BankHolidayEvent[];
};
const listed = new Set(published.events.map((e) => e.date));

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
}
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

function everyDate(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDaysToDate(d, 1)) dates.push(d);
  return dates;
}
const ALL_DATES = everyDate(`${FIRST_YEAR}-01-01`, `${LAST_YEAR}-12-31`);

// --- the statutory pattern, computed independently of both the list and date-holidays ----------

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm). */
function easterSunday(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  return iso(y, Math.floor((h + l - 7 * m + 114) / 31), ((h + l - 7 * m + 114) % 31) + 1);
}

function firstMonday(y: number, month: number): string {
  let d = iso(y, month, 1);
  while (weekday(d) !== 1) d = addDaysToDate(d, 1);
  return d;
}
function lastMonday(y: number, month: number): string {
  let d = addDaysToDate(iso(month === 12 ? y + 1 : y, month === 12 ? 1 : month + 1, 1), -1);
  while (weekday(d) !== 1) d = addDaysToDate(d, -1);
  return d;
}

/** Holidays that fall on a weekend move to the next weekday not already taken. */
function substitute(dates: string[]): string[] {
  const taken: string[] = [];
  for (const date of dates) {
    let d = date;
    while (isWeekend(d) || taken.includes(d)) d = addDaysToDate(d, 1);
    taken.push(d);
  }
  return taken;
}

/** One-off changes announced on GOV.UK, 2018–2027: [moved from, to] or [null, added]. */
const ANNOUNCED: Array<[string | null, string]> = [
  ['2020-05-04', '2020-05-08'], // Early May bank holiday moved to VE Day's 75th anniversary
  ['2022-05-30', '2022-06-02'], // Spring bank holiday moved for the Platinum Jubilee…
  [null, '2022-06-03'], // …and the Platinum Jubilee bank holiday added
  [null, '2022-09-19'], // the State Funeral of Queen Elizabeth II
  [null, '2023-05-08'], // the coronation of King Charles III
];

function statutoryPattern(y: number): string[] {
  const easter = easterSunday(y);
  const days = [
    ...substitute([iso(y, 1, 1)]), // New Year's Day
    addDaysToDate(easter, -2), // Good Friday
    addDaysToDate(easter, 1), // Easter Monday
    firstMonday(y, 5), // Early May bank holiday
    lastMonday(y, 5), // Spring bank holiday
    lastMonday(y, 8), // Summer bank holiday
    ...substitute([iso(y, 12, 25), iso(y, 12, 26)]), // Christmas Day, Boxing Day
  ];
  for (const [from, to] of ANNOUNCED) {
    if (Number(to.slice(0, 4)) !== y) continue;
    const i = from ? days.indexOf(from) : -1;
    if (from) {
      assert.notEqual(i, -1, `${from} is in the pattern`);
      days.splice(i, 1, to);
    } else days.push(to);
  }
  return days.sort();
}

// -------------------------------------------------------------------------------------------------

describe('the vendored England and Wales bank-holiday list', () => {
  it('is the GOV.UK england-and-wales division for 2018–2027, in date order, weekdays only', () => {
    assert.equal(published.division, 'england-and-wales');
    const dates = published.events.map((e) => e.date);
    assert.deepEqual(dates, [...dates].sort(), 'in date order');
    assert.equal(listed.size, dates.length, 'no date twice');
    for (const e of published.events) {
      assert.match(e.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(e.title.length > 3 && typeof e.notes === 'string' && typeof e.bunting === 'boolean', e.date);
      assert.ok(!isWeekend(e.date), `${e.date} (${e.title}) is a weekday`);
      assert.ok(e.notes === '' || e.notes === 'Substitute day', `${e.date} notes`);
    }
    assert.deepEqual([...new Set(dates.map((d) => Number(d.slice(0, 4))))], YEARS);
  });

  it('matches the statutory pattern and the announced changes, year by year', () => {
    for (const y of YEARS) {
      assert.deepEqual(
        published.events.filter((e) => e.date.startsWith(`${y}-`)).map((e) => e.date),
        statutoryPattern(y),
        `bank holidays in ${y}`,
      );
    }
  });

  it('marks as substitute days exactly the days that replace a weekend holiday', () => {
    const substitutes = published.events.filter((e) => e.notes === 'Substitute day').map((e) => e.date);
    const moved = YEARS.flatMap((y) => {
      const nominal = [iso(y, 1, 1), iso(y, 12, 25), iso(y, 12, 26)];
      return [...substitute([nominal[0]!]), ...substitute([nominal[1]!, nominal[2]!])].filter((d) => !nominal.includes(d));
    });
    assert.deepEqual(substitutes, moved);
    assert.deepEqual(substitutes, ['2020-12-28', '2021-12-27', '2021-12-28', '2022-01-03', '2022-12-27', '2023-01-02', '2026-12-28', '2027-12-27', '2027-12-28']);
  });
});

describe('working days agree with the published list, 2018–2027', () => {
  it('every listed date is not a working day', () => {
    for (const e of published.events) assert.equal(isWorkingDay(e.date), false, `${e.date} ${e.title}`);
  });

  it('every weekday date-holidays marks as a GB/ENG public holiday is listed', () => {
    const calendar = new Holidays('GB', 'ENG', { types: ['public'] });
    for (const y of YEARS) {
      for (const h of calendar.getHolidays(y)) {
        const date = h.date.slice(0, 10);
        if (h.type === 'public' && !isWeekend(date)) assert.ok(listed.has(date), `date-holidays has ${date} (${h.name}) but GOV.UK does not`);
      }
    }
  });

  it('a date is a working day exactly when it is a weekday not in the list (every date in the range)', () => {
    const wrong = ALL_DATES.filter((d) => isWorkingDay(d) !== (!isWeekend(d) && !listed.has(d)));
    assert.deepEqual(wrong, []);
    assert.equal(ALL_DATES.length, 3652);
  });

  it('bankHolidays(year) is the published list for that year', () => {
    for (const y of YEARS)
      assert.deepEqual(
        bankHolidays(y),
        published.events.filter((e) => e.date.startsWith(`${y}-`)).map((e) => e.date),
        String(y),
      );
  });

  it('the check can fail: a normal weekday is a working day and a weekend day is not', () => {
    assert.equal(isWorkingDay('2023-12-27'), true);
    assert.equal(isWorkingDay('2023-12-23'), false);
    assert.equal(listed.has('2023-12-27'), false);
  });
});
