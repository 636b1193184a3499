import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv, readStaffCsv } from './staff-import.ts';

describe('reading staff from CSV', () => {
  it('parses quoted fields with commas, quotes and line breaks, and blank lines', () => {
    assert.deepEqual(parseCsv('a,b\r\n"x, y","say ""hi"""\n\n"two\nlines",z\n'), [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('reads people and reports each bad line by number', () => {
    const csv = [
      'email,name,job_title,roles,agency',
      'Sam@Council.example,Sam Social,Social worker,practitioner;spoc,',
      'bad-address,Nobody,,practitioner,',
      'ann@council.example,,,wizard,',
      'sam@council.example,Sam Again,,practitioner,',
      'too,few',
    ].join('\n');
    const r = readStaffCsv(csv);
    assert.deepEqual(
      r.lines.map((l) => [l.line, l.details.email, l.details.roles]),
      [[2, 'sam@council.example', ['practitioner', 'spoc']]],
    );
    assert.deepEqual(
      r.errors.map((e) => e.line),
      [3, 4, 4, 5, 6],
    );
    assert.match(r.errors.find((e) => e.line === 5)!.message, /also on line 2/);
  });

  it('needs the header and at least one person', () => {
    assert.match(readStaffCsv('name,email\nx,y').errors[0]!.message, /must name the columns/);
    assert.match(readStaffCsv('email,name,roles\n').errors[0]!.message, /no people/);
    assert.equal(readStaffCsv('email,name,roles\na@b.example,A\u0000,practitioner').errors[0]!.line, 0);
  });
});
