import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatNhsNumber, isTestNhsNumber, isValidNhsNumber, nhsNumberCheckDigit, normaliseNhsNumber } from './nhs-number.ts';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** Every valid NHS number: nine digits whose check digit is not 10, plus that check digit. */
const validNhsNumber = digits(9)
  .filter((nine) => nhsNumberCheckDigit(nine) !== null)
  .map((nine) => `${nine}${nhsNumberCheckDigit(nine)}`);

/** Valid numbers in the 999 range kept for testing. */
const testNhsNumber = digits(6)
  .map((six) => `999${six}`)
  .filter((nine) => nhsNumberCheckDigit(nine) !== null)
  .map((nine) => `${nine}${nhsNumberCheckDigit(nine)}`);

/** Reference implementation, written out the way the NHS data dictionary describes it. */
function referenceIsValid(s: string): boolean {
  if (!/^\d{10}$/.test(s)) return false;
  const total = [...s.slice(0, 9)].reduce((sum, d, i) => sum + Number(d) * (10 - i), 0);
  const remainder = total % 11;
  let check = 11 - remainder;
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(s[9]);
}

describe('isValidNhsNumber (Modulus 11)', () => {
  it('accepts known valid numbers', () => {
    for (const n of ['9434765919', '9999999999', '4010232137', '9990000018']) assert.ok(isValidNhsNumber(n), n);
  });

  it('rejects known invalid numbers', () => {
    // 999 123 4560: the weighted sum is 320, remainder 1, so the check digit would be 10 — invalid.
    for (const n of ['9434765918', '9991234560', '1234567890', '943476591', '94347659190', 'abcdefghij', '']) {
      assert.ok(!isValidNhsNumber(n), n);
    }
  });

  it('check digit 11 becomes 0, and 10 means no valid number', () => {
    assert.equal(nhsNumberCheckDigit('000000000'), 0); // sum 0 → 11 - 0 = 11 → 0
    assert.equal(nhsNumberCheckDigit('999123456'), null); // sum 320, remainder 1 → 10
    assert.equal(nhsNumberCheckDigit('12345678'), null);
    assert.equal(nhsNumberCheckDigit('12345678x'), null);
  });

  it('every generated valid number validates, with or without spaces', () => {
    fc.assert(
      fc.property(validNhsNumber, (n) => {
        assert.ok(isValidNhsNumber(n));
        assert.ok(isValidNhsNumber(formatNhsNumber(n)));
      }),
    );
  });

  it('agrees with a reference implementation on any 10 digits', () => {
    fc.assert(
      fc.property(digits(10), (n) => assert.equal(isValidNhsNumber(n), referenceIsValid(n))),
      { numRuns: 5000 },
    );
  });

  it('changing any one digit of a valid number makes it invalid', () => {
    // True because each weight (10..2, and 1 for the check digit) is non-zero modulo the prime 11.
    fc.assert(
      fc.property(validNhsNumber, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (n, position, delta) => {
        const changed = (Number(n[position]) + delta) % 10;
        const mutated = `${n.slice(0, position)}${changed}${n.slice(position + 1)}`;
        assert.notEqual(mutated, n);
        assert.ok(!isValidNhsNumber(mutated), `${n} → ${mutated}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('swapping two adjacent different digits makes it invalid', () => {
    fc.assert(
      fc.property(validNhsNumber, fc.integer({ min: 0, max: 8 }), (n, i) => {
        fc.pre(n[i] !== n[i + 1]);
        const swapped = `${n.slice(0, i)}${n[i + 1]}${n[i]}${n.slice(i + 2)}`;
        assert.ok(!isValidNhsNumber(swapped), `${n} → ${swapped}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('999-range test numbers are valid and recognised as test numbers', () => {
    fc.assert(
      fc.property(testNhsNumber, (n) => {
        assert.ok(isValidNhsNumber(n));
        assert.ok(isTestNhsNumber(n));
        assert.ok(isTestNhsNumber(formatNhsNumber(n)));
      }),
    );
    assert.ok(!isTestNhsNumber('9434765919'), 'valid but not in the 999 range');
    assert.ok(!isTestNhsNumber('9991234560'), 'in the 999 range but not valid');
  });
});

describe('normaliseNhsNumber', () => {
  it('strips spaces and hyphens', () => {
    assert.equal(normaliseNhsNumber('943 476 5919'), '9434765919');
    assert.equal(normaliseNhsNumber('943-476-5919'), '9434765919');
    assert.equal(normaliseNhsNumber(' 943\u00a0476 5919 '), '9434765919');
    assert.equal(normaliseNhsNumber('9434765919'), '9434765919');
  });

  it('returns null unless exactly 10 digits remain (it does not check the check digit)', () => {
    for (const bad of ['', '943 476 591', '943 476 59190', '943.476.5919', 'NHS9434765919', '９４３４７６５９１９']) {
      assert.equal(normaliseNhsNumber(bad), null, bad);
    }
    assert.equal(normaliseNhsNumber('999 123 4560'), '9991234560');
  });

  it('round-trips with formatNhsNumber', () => {
    fc.assert(
      fc.property(digits(10), (n) => {
        assert.equal(normaliseNhsNumber(formatNhsNumber(n)), n);
      }),
    );
  });
});

describe('formatNhsNumber', () => {
  it('formats as 3-3-4', () => {
    assert.equal(formatNhsNumber('9434765919'), '943 476 5919');
    assert.equal(formatNhsNumber('943-476-5919'), '943 476 5919');
  });

  it('returns anything that is not 10 digits unchanged, so a display never fails', () => {
    assert.equal(formatNhsNumber('unknown'), 'unknown');
    assert.equal(formatNhsNumber('12345'), '12345');
  });

  it('always gives three groups of 3, 3 and 4 digits for 10 digits', () => {
    fc.assert(fc.property(digits(10), (n) => assert.match(formatNhsNumber(n), /^\d{3} \d{3} \d{4}$/)));
  });
});
