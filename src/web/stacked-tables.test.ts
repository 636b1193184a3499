import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stackTables } from './stacked-tables.ts';

describe('stackTables', () => {
  it('labels each body cell with its column heading and marks the table stackable', () => {
    const html = `<table class="govuk-table"><thead class="govuk-table__head"><tr><th scope="col" class="govuk-table__header">Child</th><th scope="col"><button>Date <span class="x">received</span></button></th></tr></thead>
      <tbody class="govuk-table__body"><tr><th scope="row" class="govuk-table__header"><a href="/x">Finn</a></th><td class="govuk-table__cell">1 May</td></tr></tbody></table>`;
    const out = stackTables(html);
    assert.match(out, /<table class="app-stacked-table govuk-table">/);
    assert.match(out, /<th scope="row" class="govuk-table__header" data-label="Child"><a href="\/x">Finn<\/a><\/th>/);
    assert.match(out, /<td class="govuk-table__cell" data-label="Date received">1 May<\/td>/);
  });

  it('leaves alone tables without a header, with merged header cells, or not GOV.UK tables, and cells already labelled', () => {
    const plain = '<table class="other"><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>';
    const headless = '<table class="govuk-table"><tbody><tr><td>1</td></tr></tbody></table>';
    const merged = '<table class="govuk-table"><thead><tr><th colspan="2">A</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>';
    for (const t of [plain, headless, merged]) assert.equal(stackTables(t), t);
    assert.match(stackTables('<table class="govuk-table"><thead><tr><th>A</th></tr></thead><tbody><tr><td data-label="Own">1</td></tr></tbody></table>'), /<td data-label="Own">1<\/td>/);
  });

  it('counts a body cell spanning columns, and quotes headings safely', () => {
    const out = stackTables('<table class="govuk-table"><thead><tr><th>A "x"</th><th>B</th><th>C</th></tr></thead><tbody><tr><td colspan="2">1</td><td>3</td></tr></tbody></table>');
    assert.match(out, /<td colspan="2" data-label="A &quot;x&quot;">1<\/td><td data-label="C">3<\/td>/);
  });
});
