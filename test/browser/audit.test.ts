// Browser journeys through the audit pages (Chromium, axe-core WCAG 2.2 AA): the lead agency's
// practitioner follows "Who has seen this record" from a child's page; the council's data
// protection officer downloads the agency's access log from the "Audit log" navigation item (and
// sees the error state); the school, involved but not the lead, is told "Page not found".
// test: alone on PostgreSQL (it waits for the audit sequencer; see scripts/test.ts)
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { settle } from '../support/audit.ts';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const SAM = 'sam.social@council.example';
const IVY = 'ivy.governance@council.example';
const DEE = 'dee.lead@school.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});

after(() => stopDemoServer({ t, app, browser }));

const pathOf = (page: Page) => new URL(page.url()).pathname;

const signIn = (page: Page, email: string) => signInAs(page, baseUrl, email);

async function annId(): Promise<string> {
  return (await t.deps.db.selectFrom('child').select('id').where('given_name', '=', 'Ann').where('family_name', '=', 'Example').executeTakeFirstOrThrow()).id;
}

describe('audit pages in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('the lead agency sees who has seen a child’s record; an involved agency’s practitioner gets "Page not found"', { timeout: JOURNEY_TIMEOUT }, async () => {
    const id = await annId();
    const sam = await newPage(browser);
    const dee = await newPage(browser);
    try {
      await signIn(dee, DEE);
      await dee.goto(`${baseUrl}/children/${id}`);
      assert.equal(await heading(dee), 'Ann Example');
      assert.equal(await dee.getByRole('link', { name: 'Who has seen this record' }).count(), 0, 'no link for an involved practitioner');
      const denied = await dee.goto(`${baseUrl}/children/${id}/access-log`);
      assert.equal(denied?.status(), 404);
      assert.equal(await heading(dee), 'Page not found');

      await signIn(sam, SAM);
      await sam.goto(`${baseUrl}/children/${id}`);
      await Promise.all([sam.waitForURL(`${baseUrl}/children/${id}/access-log`), sam.getByRole('link', { name: 'Who has seen this record' }).click()]);
      assert.equal(await heading(sam), 'Who has seen this record');
      assert.equal(await sam.title(), "Who has seen Ann Example's record – Concord");
      const rows = await sam.locator('tbody tr').allInnerTexts();
      assert.ok(
        rows.some((r) => /Dee Lead\s+Riverside Primary School\s+Viewed the record/.test(r)),
        rows.join('\n'),
      );
      assert.ok(
        rows.some((r) => /Dee Lead[\s\S]*Refused: no access/.test(r)),
        'the refused attempt is there too',
      );
      await expectAccessible(sam, 'who has seen this record');
    } finally {
      await closePage(sam);
      await closePage(dee);
    }
  });

  it("the data protection officer downloads the agency's access log, after the error state", { timeout: JOURNEY_TIMEOUT }, async () => {
    await settle(t.deps);
    const page = await newPage(browser, { acceptDownloads: true });
    try {
      await signIn(page, IVY);
      await Promise.all([page.waitForURL(`${baseUrl}/audit/export`), page.getByRole('link', { name: 'Audit log' }).click()]);
      assert.equal(await heading(page), "Download your agency's access log");
      await expectAccessible(page, 'access log export');

      // The error state: a form with nothing chosen (only possible by tampering with it).
      await page.evaluate(`document.querySelectorAll('input[type=radio]').forEach((r) => { r.checked = false; })`);
      const [bad] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/audit/export') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Download the access log' }).click(),
      ]);
      assert.equal(bad.status(), 400);
      await page.waitForLoadState('load');
      assert.equal(await page.title(), "Error: Download your agency's access log – Concord");
      assert.ok(await page.locator('.govuk-error-summary a[href="#format"]').count());
      await expectAccessible(page, 'access log export (errors)');

      await page.getByRole('radio', { name: 'Everything' }).check();
      await page.getByRole('radio', { name: 'CSV (for a spreadsheet)' }).check();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the access log' }).click()]);
      assert.match(download.suggestedFilename(), /^access-log-northbridge-council-children-s-services-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile((await download.path())!, 'utf8');
      assert.match(csv, /^occurred_at,event_id,leaf_index,staff_name/);
      assert.match(csv, /Ivy Governance/);
      assert.equal(pathOf(page), '/audit/export');
    } finally {
      await closePage(page);
    }
  });
});
