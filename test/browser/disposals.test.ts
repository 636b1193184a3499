// Browser journey through the disposition review (Chromium, axe-core WCAG 2.2 AA): the demo's IG
// lead finds a withdrawn request due under Wirral 2022 App. 2 s.8.1, meets the errors, places it on
// legal hold, releases and approves it, disposes of it, and reads the certificate — by keyboard
// where it matters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const IVY = 'ivy.governance@council.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});

after(() => stopDemoServer({ t, app, browser }));

describe('the disposition review in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('the IG lead holds, releases, approves and disposes of a record, with a certificate', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, IVY);
      await Promise.all([page.waitForURL(`${baseUrl}/disposals`), page.getByRole('link', { name: 'Disposal', exact: true }).click()]);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Records due for disposal');
      await expectAccessible(page, 'disposition review');

      await page.getByRole('button', { name: 'Save decision' }).click();
      await page.waitForLoadState();
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'disposition review (errors)');

      await page
        .getByLabel(/Requests for information/)
        .first()
        .check();
      await page.getByLabel('Place on legal hold').check();
      await page.getByLabel('A child safeguarding practice review').check();
      await page.getByLabel('Which inquiry, review or case?').fill('Practice review 2026/3');
      await Promise.all([page.waitForURL(`${baseUrl}/disposals`), page.getByRole('button', { name: 'Save decision' }).click()]);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /placed on legal hold/);

      await page
        .getByLabel(/Requests for information/)
        .first()
        .check();
      await page.getByLabel('Approve disposal').check();
      await page.getByRole('button', { name: 'Save decision' }).click();
      await page.waitForLoadState();
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /legal hold/);
      await expectAccessible(page, 'disposition review (blocked by a hold)');

      await page
        .getByLabel(/Requests for information/)
        .first()
        .check();
      await page.getByLabel('Release a legal hold').check();
      await page.getByLabel('Why is the hold released?').fill('Review published');
      await Promise.all([page.waitForURL(`${baseUrl}/disposals`), page.getByRole('button', { name: 'Save decision' }).click()]);
      await page
        .getByLabel(/Requests for information/)
        .first()
        .check();
      await page.getByLabel('Approve disposal').check();
      await Promise.all([page.waitForURL(`${baseUrl}/disposals`), page.getByRole('button', { name: 'Save decision' }).click()]);
      await Promise.all([page.waitForURL(`${baseUrl}/disposals`), page.getByRole('button', { name: 'Dispose of approved records now' }).click()]);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /disposed of beyond recovery/);
      await expectAccessible(page, 'disposition review (after disposal)');

      await Promise.all([page.waitForURL(/\/disposals\/certificates\/[0-9a-f-]{36}$/), page.locator('#certificates ~ table a, table a').first().click()]);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Certificate of disposal');
      await expectAccessible(page, 'certificate of disposal');
    } finally {
      await closePage(page);
    }
  });
});
