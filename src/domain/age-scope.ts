/**
 * Who the protocol is for (Southampton 2010 s.5): children and young people aged 0–18, and young
 * people aged 19–25 who have been in the care of the local authority (care leavers), have
 * significant learning difficulties or disabilities (SEND), or otherwise meet national criteria
 * as more vulnerable. (Haringey 2006 s.2.1 is similar: 0–19, or 25 with additional needs.)
 *
 * "Aged 0–18" and "aged 19–25" are read as whole years of age, so a young person is in scope for
 * everyone up to the day before their 19th birthday, and up to the day before their 26th birthday
 * for care leavers and young people with SEND. Unborn children are not handled: a date of birth is
 * required and may not be in the future.
 *
 * Dates are 'YYYY-MM-DD' calendar dates; time is a parameter — nothing here reads the clock.
 */

export const MAX_AGE_ALL = 18;
export const MAX_AGE_CARE_LEAVER_OR_SEND = 25;

type CalendarDate = { y: number; m: number; d: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function parseDate(s: string): CalendarDate | null {
  if (typeof s !== 'string') return null;
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** True for a real calendar date written 'YYYY-MM-DD' (year 0001–9999). */
export function isCalendarDate(s: string): boolean {
  return parseDate(s) !== null;
}

/**
 * Age in completed years on the date `on`. Someone born on 29 February is treated as reaching a
 * new age on 1 March in years without a 29 February.
 *
 * @throws RangeError if either date is not a real 'YYYY-MM-DD' date, or `dateOfBirth` is after `on`.
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const born = parseDate(dateOfBirth);
  const day = parseDate(on);
  if (born === null) throw new RangeError(`Date of birth is not a real date: ${JSON.stringify(dateOfBirth)}`);
  if (day === null) throw new RangeError(`Date is not a real date: ${JSON.stringify(on)}`);
  const bornKey = born.m * 100 + born.d;
  const dayKey = day.m * 100 + day.d;
  const age = day.y - born.y - (dayKey < bornKey ? 1 : 0);
  if (age < 0) throw new RangeError('Date of birth is after the date the age is wanted for');
  return age;
}

export type ScopeReason = 'invalid_date_of_birth' | 'invalid_date' | 'date_of_birth_in_future' | 'too_old';

export type ScopeResult =
  | { ok: true; age: number }
  /** `reason` is a plain-English message for the practitioner; `code` is stable. */
  | { ok: false; code: ScopeReason; reason: string };

export type ScopeSubject = { dateOfBirth: string; careLeaver: boolean; send: boolean };

/** Whether a child or young person is covered by the protocol on the date `on`. */
export function inScope(subject: ScopeSubject, on: string): ScopeResult {
  const born = parseDate(subject.dateOfBirth);
  if (born === null) {
    return { ok: false, code: 'invalid_date_of_birth', reason: 'Date of birth must be a real date' };
  }
  const day = parseDate(on);
  if (day === null) return { ok: false, code: 'invalid_date', reason: 'The date to check against must be a real date' };
  if (compare(born, day) > 0) {
    return {
      ok: false,
      code: 'date_of_birth_in_future',
      reason: 'Date of birth must be today or in the past (unborn children cannot be recorded yet)',
    };
  }
  const age = ageOn(subject.dateOfBirth, on);
  if (age <= MAX_AGE_ALL) return { ok: true, age };
  if ((subject.careLeaver || subject.send) && age <= MAX_AGE_CARE_LEAVER_OR_SEND) return { ok: true, age };
  return {
    ok: false,
    code: 'too_old',
    reason:
      subject.careLeaver || subject.send
        ? `The protocol covers care leavers and young people with special educational needs or disabilities up to the age of ${MAX_AGE_CARE_LEAVER_OR_SEND}; this young person is ${age}`
        : `The protocol covers children and young people up to the age of ${MAX_AGE_ALL}, or ${MAX_AGE_CARE_LEAVER_OR_SEND} for care leavers and young people with special educational needs or disabilities; this young person is ${age}`,
  };
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}
