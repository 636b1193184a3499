// Tables that reflow at 320 CSS px (WCAG 2.2 1.4.10, issue 15): on a narrow screen each row of a
// GOV.UK table stacks into a block with each cell under its column's heading. The CSS
// (`.app-stacked-table` in src/web/assets/application.scss) shows the heading from the cell's
// `data-label`, which this function adds to every rendered page's tables, so no template has to.
// A table whose header has merged cells (colspan) is left as it is.

const TABLE = /<table\b([^>]*)>([\s\S]*?)<\/table>/g;
const HEAD = /<thead\b[^>]*>([\s\S]*?)<\/thead>/;
const HEAD_CELL = /<th\b([^>]*)>([\s\S]*?)<\/th>/g;
const BODY = /<tbody\b[^>]*>[\s\S]*?<\/tbody>/g;
const ROW = /<tr\b[^>]*>[\s\S]*?<\/tr>/g;
const CELL = /<(td|th)\b([^>]*)>/g;

/** The text of an HTML fragment, for an attribute (already escaped by the template). */
const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/"/g, '&quot;');

export function stackTables(html: string): string {
  return html.replace(TABLE, (table, attrs: string, inner: string) => {
    if (!/class="[^"]*\bgovuk-table\b/.test(attrs)) return table;
    const head = HEAD.exec(inner);
    if (!head) return table;
    const cells = [...head[1]!.matchAll(HEAD_CELL)];
    if (cells.length === 0 || cells.some((c) => /\bcolspan=/.test(c[1]!))) return table;
    const labels = cells.map((c) => textOf(c[2]!));
    const body = inner.replace(BODY, (tbody) =>
      tbody.replace(ROW, (row) => {
        let column = 0;
        return row.replace(CELL, (cell, tag: string, cellAttrs: string) => {
          const label = labels[column];
          column += /\bcolspan="(\d+)"/.exec(cellAttrs) ? Number(/\bcolspan="(\d+)"/.exec(cellAttrs)![1]) : 1;
          return label && !/\bdata-label=/.test(cellAttrs) ? `<${tag}${cellAttrs} data-label="${label}">` : cell;
        });
      }),
    );
    return `<table${attrs.replace(/class="/, 'class="app-stacked-table ')}>${body}</table>`;
  });
}
