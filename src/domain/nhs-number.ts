/**
 * NHS numbers: 10 digits, the last a Modulus 11 check digit; stored as a 10-digit string and
 * displayed 3-3-4 ("943 476 5919"). Demo and test data use the 999 000 0000 – 999 999 9999 range.
 *
 * Check digit: multiply the first nine digits by 10, 9, ..., 2 and add them up; take the remainder
 * on dividing by 11; the check digit is 11 minus the remainder, where 11 becomes 0 and 10 means the
 * number is not valid. Equivalently, a number is valid exactly when
 *     10·d1 + 9·d2 + ... + 2·d9 + 1·d10 ≡ 0 (mod 11).
 * Because every weight (10..1) is non-zero modulo the prime 11, changing any one digit always
 * breaks the check, and so does swapping two adjacent different digits (their weights differ by 1).
 */

const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/**
 * The check digit for the first nine digits, or `null` when no check digit works (remainder 1,
 * "check digit 10") or the input is not nine digits.
 */
export function nhsNumberCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/**
 * Strip spaces (including non-breaking spaces) and hyphens and return the 10-digit string, or
 * `null` if what is left is not exactly 10 digits. It does not check the check digit: use
 * `isValidNhsNumber` for that.
 */
export function normaliseNhsNumber(input: string): string | null {
  if (typeof input !== 'string') return null;
  const compact = input.replace(/[\s\u00a0\u2010-\u2015-]/g, '');
  return /^\d{10}$/.test(compact) ? compact : null;
}

/** True when the input (10 digits, optionally spaced or hyphenated) passes the Modulus 11 check. */
export function isValidNhsNumber(s: string): boolean {
  const n = normaliseNhsNumber(s);
  if (n === null) return false;
  return nhsNumberCheckDigit(n.slice(0, 9)) === Number(n[9]);
}

/**
 * Display an NHS number as 3-3-4 ("943 476 5919"). Input that is not 10 digits after
 * normalising is returned unchanged, so a display never fails; validate before storing.
 */
export function formatNhsNumber(s: string): string {
  const n = normaliseNhsNumber(s);
  if (n === null) return s;
  return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
}

/** True for a valid number in the 999 range reserved for testing and demonstrations. */
export function isTestNhsNumber(s: string): boolean {
  const n = normaliseNhsNumber(s);
  return n?.startsWith('999') === true && isValidNhsNumber(n);
}
