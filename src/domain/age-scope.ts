/**
 * Who the protocol is for: the pack's `ageScope` (Southampton 2010 s.5: 0–18, and 19–25 for care
 * leavers and young people with significant learning difficulties or disabilities; Haringey 2006
 * s.2.1: 0–19, or 25 for young people with additional needs; the national baseline: a child is a
 * person under 18 (Children Act 1989 s.105), to 25 for care leavers and young people with an
 * education, health and care plan).
 *
 * "Aged 0–18" is read as whole years of age, so a young person is in scope up to the day before
 * their 19th birthday, and to the day before the birthday after `extendedTo` for the groups the
 * pack extends it to. Unborn children are not handled: a date of birth is required and may not be
 * in the future.
 *
 * Dates are 'YYYY-MM-DD' calendar dates; time is a parameter — nothing here reads the clock.
 */

export type ExtendedGroup = 'care_leaver' | 'send';

/** The part of a pack's `ageScope` these rules read. */
export interface AgeScope {
  from: number;
  to: number;
  extendedTo: number;
  extendedFor: readonly ExtendedGroup[];
}

const GROUP_NAMES: Record<ExtendedGroup, string> = {
  care_leaver: 'care leavers',
  send: 'young people with special educational needs or disabilities',
};

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

export type ScopeReason = 'invalid_date_of_birth' | 'invalid_date' | 'date_of_birth_in_future' | 'too_young' | 'too_old';

export type ScopeResult =
  | { ok: true; age: number }
  /** `reason` is a plain-English message for the practitioner; `code` is stable. */
  | { ok: false; code: ScopeReason; reason: string };

export type ScopeSubject = { dateOfBirth: string; careLeaver: boolean; send: boolean };

/** Whether a child or young person is covered by the protocol's age scope on the date `on`. */
export function inScope(subject: ScopeSubject, on: string, scope: AgeScope): ScopeResult {
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
  if (age < scope.from) return { ok: false, code: 'too_young', reason: `Your protocol covers children from the age of ${scope.from}; this child is ${age}` };
  if (age <= scope.to) return { ok: true, age };
  const groups = scope.extendedFor.filter((g) => (g === 'care_leaver' ? subject.careLeaver : subject.send));
  if (groups.length && age <= scope.extendedTo) return { ok: true, age };
  const extended = scope.extendedFor.map((g) => GROUP_NAMES[g]).join(' and ');
  return {
    ok: false,
    code: 'too_old',
    reason: groups.length
      ? `Your protocol covers ${extended} up to the age of ${scope.extendedTo}; this young person is ${age}`
      : `Your protocol covers children and young people up to the age of ${scope.to}${extended ? `, or ${scope.extendedTo} for ${extended}` : ''}; this young person is ${age}`,
  };
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}
