import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  isFreshTotpStep,
  looksLikeRecoveryCode,
  normaliseRecoveryCode,
  normaliseTotpCode,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  RECOVERY_CODE_COUNT,
  recoveryCodeFrom,
  resetEmail,
  safeReturnPath,
  stepUpFresh,
  totpStep,
} from './credentials.ts';

describe('the password policy (NCSC password guidance: length and a deny list, no composition rules)', () => {
  it('refuses a short password, and says how long it must be', () => {
    assert.equal(passwordProblem('eleven-char'), `Your password must be ${PASSWORD_MIN_LENGTH} characters or more`);
    assert.equal(passwordProblem(''), 'Enter a new password');
  });

  it('refuses common passwords, also with spaces, dashes or trailing digits', () => {
    for (const p of ['password1234', 'Password 1234', 'qwertyuiop123', '1qaz2wsx3edc', 'correct horse battery staple', 'Manchester United', 'Liverpool-2024'])
      assert.match(passwordProblem(p) ?? '', /too common/, p);
  });

  it('refuses a password made of the e-mail address, or of one or two characters repeated', () => {
    assert.match(passwordProblem('jo.bloggs-1234!', { email: 'jo.bloggs@council.example' }) ?? '', /email address/);
    assert.match(passwordProblem('aaaaaaaaaaaaaa') ?? '', /too easy/);
    assert.match(passwordProblem('abababababab') ?? '', /too easy/);
  });

  it('refuses control characters', () => {
    assert.match(passwordProblem('tea kettle\u0000orbit') ?? '', /control characters/);
  });

  it('property: any long enough phrase of ordinary words is accepted, whatever its mix of characters (no composition rules)', () => {
    const word = fc.stringMatching(/^[a-z]{5,9}$/);
    fc.assert(
      fc.property(fc.tuple(word, word, word), ([a, b, c]) => {
        const phrase = `${a} ${b} ${c}`;
        fc.pre(new Set(phrase.replace(/ /g, '')).size > 4);
        return passwordProblem(phrase) === undefined || /too common/.test(passwordProblem(phrase)!);
      }),
    );
    // all lower case, no digits, no symbols: fine
    assert.equal(passwordProblem('kettle orbit tulip'), undefined);
  });

  it('property: every password shorter than the minimum is refused', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: PASSWORD_MIN_LENGTH - 1, unit: 'grapheme-ascii' }), (p) => passwordProblem(p) !== undefined));
  });
});

describe('recovery codes', () => {
  it('are 12 unambiguous characters in three groups, and read back however they are typed', () => {
    const code = recoveryCodeFrom(new Uint8Array(12).map((_, i) => i * 37));
    assert.match(code, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    assert.equal(normaliseRecoveryCode(code.toUpperCase().replace(/-/g, ' ')), code.replace(/-/g, ''));
    assert.ok(looksLikeRecoveryCode(code));
    assert.ok(!looksLikeRecoveryCode('123456'));
    assert.equal(RECOVERY_CODE_COUNT, 10);
  });
});

describe('TOTP codes and steps', () => {
  it('reads a six-digit code with spaces and refuses anything else', () => {
    assert.equal(normaliseTotpCode('123 456'), '123456');
    assert.equal(normaliseTotpCode('12345'), undefined);
    assert.equal(normaliseTotpCode('12345a'), undefined);
  });

  it('accepts a code once: a step at or before the last accepted one is a replay', () => {
    const step = totpStep(new Date('2026-11-20T10:00:00Z'));
    assert.ok(isFreshTotpStep(step, null));
    assert.ok(isFreshTotpStep(step, step - 1));
    assert.ok(!isFreshTotpStep(step, step));
    assert.ok(!isFreshTotpStep(step - 1, step));
  });
});

describe('step-up for sensitive actions', () => {
  it('needs a second factor proved within the last 15 minutes', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    assert.ok(stepUpFresh(now.getTime() - 14 * 60_000, now));
    assert.ok(!stepUpFresh(now.getTime() - 16 * 60_000, now));
    assert.ok(!stepUpFresh(undefined, now));
  });

  it('returns only to a path inside Concord', () => {
    assert.equal(safeReturnPath('/account/api-keys'), '/account/api-keys');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', undefined, '']) assert.equal(safeReturnPath(bad), '/children');
  });
});

describe('the reset e-mail', () => {
  it('carries the link and nothing about the person', () => {
    const e = resetEmail('https://concord.example/sign-in/reset-password/abc');
    assert.match(e.body, /reset-password\/abc/);
    assert.doesNotMatch(e.body + e.subject, /@|Dear/);
  });
});
