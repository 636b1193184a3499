import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { controlCharacterErrors, hasControlCharacter } from './input.ts';

describe('control characters at the boundary (issue 11 hardening)', () => {
  it('finds a NUL in a nested field and names the field', () => {
    const errors = controlCharacterErrors({ name: 'ok', record: { notes: ['fine', 'bad\u0000'] } });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['record.notes.1'],
    );
    assert.match(errors[0]!.message, /record\.notes\.1 contains a character that is not allowed/);
  });

  it('allows tab, line feed and carriage return in free text', () => {
    assert.deepEqual(controlCharacterErrors({ notes: 'line one\r\nline\ttwo' }), []);
  });

  it('refuses a control character in a field name', () => {
    assert.equal(controlCharacterErrors({ 'a\u0001': 'x' }).length, 1);
  });

  it('any string with a C0 (other than tab, LF, CR), DEL or C1 character is refused; any other is allowed', () => {
    const control = fc.integer({ min: 0, max: 0x9f }).filter((c) => (c < 0x20 && ![9, 10, 13].includes(c)) || c >= 0x7f);
    fc.assert(
      fc.property(fc.string(), control, fc.string(), (a, c, b) => {
        const s = a + String.fromCharCode(c) + b;
        return hasControlCharacter(s) && controlCharacterErrors({ q: s }).length === 1;
      }),
    );
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'é', ' ', '\n', '\t', '\r', '—', '漢', '😀') }), (s) => !hasControlCharacter(s)));
  });
});
