// Every main page weighs at most 100 KB compressed on a first load (issue 15): the document and
// everything it makes the browser fetch with an empty cache — the stylesheet, the scripts, the icon,
// the web app manifest and every image the stylesheet refers to (an upper bound: a browser fetches
// only the images a page uses). Sizes are the bytes on the wire with "Accept-Encoding: br, gzip".
// The table of page weights is printed on every run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { loadDemoPartnership } from '../../src/demo.ts';
import { DEMO_PASSWORD, demoPartnership } from '../../src/use-cases/partnerships/_demo-data.ts';
import { Client, useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { SHARE } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });
const BUDGET = 100 * 1024;
const ACCEPT = 'br, gzip';

const decode = (encoding: unknown, body: Buffer) => (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');

/** What a page links to that the browser fetches on load (the inline module script imports the same scripts). */
const linked = (html: string) => [...html.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)="(\/[^"]+)"/g)].map((m) => m[1]!);
/** The stylesheet's url(…) references, resolved against it. */
const referenced = (css: string, from: string) =>
  [...css.matchAll(/url\(["']?([^"')]+)["']?\)/g)]
    .map((m) => m[1]!)
    .filter((u) => !u.startsWith('data:'))
    .map((u) => new URL(u, `http://x${from}`).pathname);

interface Weight {
  page: string;
  document: number;
  assets: number;
}

async function weigh(c: Client, page: string, url: string): Promise<Weight> {
  const fetchOne = (u: string) => ctx.app.inject({ method: 'GET', url: u, headers: { cookie: c.cookie, 'accept-encoding': ACCEPT } });
  // Home redirects a signed-in person to their caseload: the redirect's bytes count too.
  let doc = await fetchOne(url);
  let redirects = 0;
  for (let hops = 0; hops < 3 && doc.statusCode >= 300 && doc.statusCode < 400; hops += 1) {
    redirects += doc.rawPayload.length;
    doc = await fetchOne(doc.headers.location as string);
  }
  assert.equal(doc.statusCode, 200, `${page}: ${url}`);
  const html = decode(doc.headers['content-encoding'], doc.rawPayload);
  const seen = new Set<string>();
  let assets = 0;
  const queue = linked(html).map((u) => ({ u, fromCss: false }));
  while (queue.length) {
    const { u, fromCss } = queue.shift()!;
    if (seen.has(u)) continue;
    seen.add(u);
    const res = await fetchOne(u);
    // GOV.UK Frontend's stylesheet names images Concord does not ship (the crown, the crest): no page uses them.
    if (fromCss && res.statusCode === 404) continue;
    assert.equal(res.statusCode, 200, `${page}: ${u}`);
    assets += res.rawPayload.length;
    if (String(res.headers['content-type']).startsWith('text/css')) queue.push(...referenced(decode(res.headers['content-encoding'], res.rawPayload), u).map((r) => ({ u: r, fromCss: true })));
  }
  return { page, document: redirects + doc.rawPayload.length, assets };
}

/** Answer the decision questions (SHARE's answers, else the first option) until the advice. */
async function reachAdvice(c: Client, childId: string): Promise<{ step: string; advice: string }> {
  const answers = new Map(SHARE);
  let res = await c.get(`/children/${childId}/decisions/new`);
  const step = res.headers.location as string;
  for (let i = 0; i < 20 && String(res.headers.location).includes('/decisions/new/') && !String(res.headers.location).endsWith('/check'); i += 1) {
    const url = res.headers.location as string;
    const question = url.split('/').at(-1)!;
    const form = await c.get(url);
    const answer = answers.get(question) ?? /name="answer"[^>]*value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    res = await c.post(url, { answer });
    assert.equal(res.statusCode, 303, `${question} answered`);
  }
  await c.get(`/children/${childId}/decisions/new/check`);
  const checked = await c.post(`/children/${childId}/decisions/new/check`, {});
  return { step, advice: (checked.headers.location as string) ?? `/children/${childId}/decisions/new/advice` };
}

const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);

describe('page weight on a first load', () => {
  before(async () => {
    await loadDemoPartnership(ctx.t.deps, demoPartnership, DEMO_PASSWORD);
  });

  it(`keeps every main page at or under ${BUDGET / 1024} KB compressed, and prints the weights`, { timeout: 300_000 }, async () => {
    const weights: Weight[] = [];
    const sam = new Client(ctx.app);
    await sam.signIn('sam.social@council.example', DEMO_PASSWORD);
    const child = await ctx.t.deps.db.selectFrom('child').select('id').where('given_name', '=', 'Ann').executeTakeFirstOrThrow();
    const requests = await sam.get('/requests');
    const requestUrl = /href="(\/requests\/[0-9a-f-]{36})"/.exec(requests.body)?.[1];
    assert.ok(requestUrl, 'a request to open');
    for (const [page, url] of [
      ['home', '/'],
      ['children', '/children'],
      ['a child', `/children/${child.id}`],
      ['requests', '/requests'],
      ['a request', requestUrl],
      ['information (disclosures)', '/disclosures'],
      ['notifications', '/notifications'],
      ['disputes', '/disputes'],
      ['breaches', '/breaches'],
      ['protocol', '/protocol'],
    ] as const) {
      weights.push(await weigh(sam, page, url));
    }
    const { step, advice } = await reachAdvice(sam, child.id);
    weights.push(await weigh(sam, 'a decision step', step));
    weights.push(await weigh(sam, 'advice', advice));

    const pat = new Client(ctx.app);
    await pat.signIn('pat.partnership@council.example', DEMO_PASSWORD);
    for (const [page, url] of [
      ['staff', '/staff'],
      ['agreements', '/partnership/agreements'],
      ['registers', '/registers'],
    ] as const) {
      weights.push(await weigh(pat, page, url));
    }

    const lines = [
      'Page weights on a first load (KB on the wire, Accept-Encoding: br, gzip):',
      `${'page'.padEnd(28)} ${'document'.padStart(8)} ${'assets'.padStart(8)} ${'total'.padStart(8)}`,
      ...weights.map((w) => `${w.page.padEnd(28)} ${kb(w.document).padStart(8)} ${kb(w.assets).padStart(8)} ${kb(w.document + w.assets).padStart(8)}${w.document + w.assets > BUDGET ? '  OVER' : ''}`),
    ];
    console.log(lines.join('\n'));
    const over = weights.filter((w) => w.document + w.assets > BUDGET).map((w) => `${w.page}: ${kb(w.document + w.assets).trim()} KB`);
    assert.deepEqual(over, [], `pages over ${BUDGET / 1024} KB compressed`);
  });
});
