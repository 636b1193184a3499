// Protocol clocks: when a duration that starts at an instant runs out. Protocol packs write
// deadlines as `{ amount, unit }` (see `Duration` in protocol/pack.ts): Haringey's breach procedure
// in working days, the ICO's 72 hours for notifying a personal data breach, a review "six months
// then annually". Pure: every instant is a parameter, nothing reads the clock (ADR 0009).
//
// Two kinds of unit, one rule each:
//
// - Day-based units (working_days, calendar_days, months) count whole calendar days in England
//   (Europe/London). The day the clock starts is never counted, whatever the time of day, and the
//   deadline is the END of the last day counted: 23:59:59.999 Europe/London, i.e. "by the end of
//   the fifth working day". Not 17:00: no protocol we hold names a cut-off time, offices and
//   out-of-hours teams keep different hours, and the end of the day never shortens the time a
//   protocol allows. A caller that wants an office-hours reminder schedules it before the deadline.
// - Hours are elapsed time: 72 hours is 72 × 3,600,000 ms, whatever the clocks do in between, so a
//   72-hour clock that crosses the change to BST ends an hour later on the wall clock (and one that
//   crosses the change back, an hour earlier). Nights, weekends and bank holidays all count, as
//   they do for the 72 hours in Article 33 UK GDPR.
//
// Working days are Monday to Friday except the bank holidays of England and Wales, substitute days
// included, as `date-holidays` computes them for GB/ENG 'public' holidays. Its table is checked
// against the published GOV.UK list for 2018–2027 (src/domain/clocks.bank-holidays.test.ts); outside
// those years it projects the statutory pattern and does not know special, one-off bank holidays
// announced later (or, before 2018, some already past: e.g. 2012's moved Spring bank holiday).
import Holidays from 'date-holidays';
import type { Duration } from './protocol/pack.ts';

/** A calendar date as 'YYYY-MM-DD'. */
export type IsoDate = string;

/** A wall-clock time of day. */
export interface TimeOfDay {
  hour: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

const LONDON = 'Europe/London';
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Calendar dates ('YYYY-MM-DD'), computed on UTC midnights so no time zone is involved.

function parseDate(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const utc = new Date(Date.UTC(year, month - 1, day));
    if (utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day) return { year, month, day };
  }
  throw new RangeError(`not a calendar date: ${JSON.stringify(date)} (use YYYY-MM-DD)`);
}

function formatDate(utcMidnight: number): IsoDate {
  const d = new Date(utcMidnight);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function utcMidnight(date: IsoDate): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day);
}

/** The calendar date n days after `date` (n may be negative). */
export function addDaysToDate(date: IsoDate, n: number): IsoDate {
  return formatDate(utcMidnight(date) + n * MS_PER_DAY);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---------------------------------------------------------------------------------------------
// Europe/London. The offset rules come from the runtime's ICU time-zone data (no tz library).

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The London wall clock at an instant, read as if it were UTC (ms since the epoch). */
function londonWallClockMs(instant: number): number {
  const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const parts = londonClock.formatToParts(instant);
  const seconds = Date.UTC(part(parts, 'year'), part(parts, 'month') - 1, part(parts, 'day'), part(parts, 'hour'), part(parts, 'minute'), part(parts, 'second'));
  return seconds + (((instant % 1000) + 1000) % 1000);
}

/** London's offset from UTC at an instant, in ms (0 in GMT, 3,600,000 in BST). */
function londonOffsetMs(instant: number): number {
  return londonWallClockMs(instant) - instant;
}

function instantOf(start: Date): number {
  const ms = start instanceof Date ? start.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError('not a valid instant');
  return ms;
}

/** The calendar date in England at an instant. */
export function londonDateOf(instant: Date): IsoDate {
  const wall = londonWallClockMs(instantOf(instant));
  return formatDate(wall - (((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY));
}

/**
 * The instant at which London's clocks show `time` on `date`. A time that occurs twice (the hour
 * before the clocks go back) is its earlier occurrence, in BST; a time that never occurs (the hour
 * skipped when the clocks go forward) is moved on by the length of the gap, as Temporal does.
 */
export function londonInstant(date: IsoDate, time: TimeOfDay = { hour: 0 }): Date {
  const { hour, minute = 0, second = 0, millisecond = 0 } = time;
  const inRange = (v: number, max: number) => Number.isInteger(v) && v >= 0 && v <= max;
  if (!inRange(hour, 23) || !inRange(minute, 59) || !inRange(second, 59) || !inRange(millisecond, 999)) {
    throw new RangeError(`not a time of day: ${JSON.stringify(time)}`);
  }
  const wall = utcMidnight(date) + hour * MS_PER_HOUR + minute * 60_000 + second * 1000 + millisecond;
  // London changes offset at most twice a year, so a day either side brackets any change.
  const before = londonOffsetMs(wall - MS_PER_DAY);
  const after = londonOffsetMs(wall + MS_PER_DAY);
  const candidates = [...new Set([before, after])].map((offset) => wall - offset).filter((instant) => londonWallClockMs(instant) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wall - before); // in the gap: read the wall clock with the offset before the change
}

/** The last millisecond of a calendar date in England: 23:59:59.999 Europe/London. */
export function endOfLondonDay(date: IsoDate): Date {
  return londonInstant(date, { hour: 23, minute: 59, second: 59, millisecond: 999 });
}

// ---------------------------------------------------------------------------------------------
// Working days in England and Wales.

const bankHolidayCalendar = new Holidays('GB', 'ENG', { types: ['public'] });
const bankHolidayDates = new Map<number, ReadonlySet<IsoDate>>(); // memo: year -> dates

function holidaysIn(year: number): ReadonlySet<IsoDate> {
  let dates = bankHolidayDates.get(year);
  if (!dates) {
    // `date` is the local date and time, "YYYY-MM-DD hh:mm:ss"; only the date matters.
    dates = new Set(
      bankHolidayCalendar
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    bankHolidayDates.set(year, dates);
  }
  return dates;
}

/**
 * The bank holidays of England and Wales in a year that fall on weekdays, in date order: the days
 * off, as GOV.UK publishes them (a Christmas Day on a Saturday is not listed; its substitute is).
 */
export function bankHolidays(year: number): IsoDate[] {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
  return [...holidaysIn(year)].filter((date) => !isWeekend(date)).sort();
}

function isWeekend(date: IsoDate): boolean {
  const day = new Date(utcMidnight(date)).getUTCDay();
  return day === 0 || day === 6;
}

/** Monday to Friday and not a bank holiday in England and Wales (substitute days included). */
export function isWorkingDay(date: IsoDate): boolean {
  const { year } = parseDate(date);
  return !isWeekend(date) && !holidaysIn(year).has(date);
}

/**
 * The nth working day after `date`, not counting `date` itself. n = 0 is `date` if it is a working
 * day, otherwise the next one ("today, or the next working day").
 */
export function addWorkingDaysToDate(date: IsoDate, n: number): IsoDate {
  assertCount(n, 'working days');
  let day = date;
  if (n === 0) {
    while (!isWorkingDay(day)) day = addDaysToDate(day, 1);
    return day;
  }
  for (let counted = 0; counted < n; ) {
    day = addDaysToDate(day, 1);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
}

/**
 * A deadline n working days after an instant: the end (23:59:59.999 Europe/London) of the nth
 * working day after the London date of `start`. The starting day is not counted, whether or not it
 * is a working day and whatever the time: a breach reported on Friday 22 December 2023 with one
 * working day to act is due by the end of Wednesday 27 December (Christmas and Boxing Day are bank
 * holidays). n = 0 is the end of the starting day if it is a working day, else of the next one.
 */
export function addWorkingDays(start: Date, n: number): Date {
  return endOfLondonDay(addWorkingDaysToDate(londonDateOf(start), n));
}

/**
 * How many working days after `a`'s London date `b`'s London date is: the working days d with
 * date(a) < d <= date(b); negative when b is earlier. The inverse of addWorkingDays for n >= 1:
 * workingDaysBetween(t, addWorkingDays(t, n)) === n. Same-day instants are 0 apart.
 */
export function workingDaysBetween(a: Date, b: Date): number {
  const from = londonDateOf(a);
  const to = londonDateOf(b);
  if (to < from) return -workingDaysBetween(b, a);
  let count = 0;
  for (let day = addDaysToDate(from, 1); day <= to; day = addDaysToDate(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Calendar clocks.

/** Elapsed time: `hours` × 3,600,000 ms after `start`, whatever the clocks do in between. */
export function addCalendarHours(start: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number >= 0, not ${hours}`);
  return new Date(instantOf(start) + hours * MS_PER_HOUR);
}

/**
 * The end (23:59:59.999 Europe/London) of the calendar date n days after the London date of
 * `start`, weekends and bank holidays included: 3 calendar days from Monday 10:00 is the end of
 * Thursday. n = 0 is the end of the starting day.
 */
export function addCalendarDays(start: Date, n: number): Date {
  assertCount(n, 'calendar days');
  return endOfLondonDay(addDaysToDate(londonDateOf(start), n));
}

/**
 * The end (23:59:59.999 Europe/London) of the corresponding date n months after the London date
 * of `start` — 3 September + 1 month is 3 October, as the ICO counts a month — or of the last day
 * of that month when it is shorter: 31 January + 1 month is 28 (or 29) February, and 29 February
 * + 12 months is 28 February. Weekends and bank holidays are not skipped.
 */
export function addMonths(start: Date, n: number): Date {
  assertCount(n, 'months');
  const { year, month, day } = parseDate(londonDateOf(start));
  const index = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const target = Date.UTC(targetYear, targetMonth - 1, Math.min(day, daysInMonth(targetYear, targetMonth)));
  return endOfLondonDay(formatDate(target));
}

/** When a protocol duration that starts at `start` runs out (see the semantics above). */
export function deadline(start: Date, duration: Duration): Date {
  switch (duration.unit) {
    case 'working_days':
      return addWorkingDays(start, duration.amount);
    case 'calendar_days':
      return addCalendarDays(start, duration.amount);
    case 'hours':
      return addCalendarHours(start, duration.amount);
    case 'months':
      return addMonths(start, duration.amount);
  }
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number >= 0, not ${n}`);
}
