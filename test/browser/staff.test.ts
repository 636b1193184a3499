// Browser journeys through staff and agency administration (Chromium, axe-core WCAG 2.2 AA): the
// council's administrator adds a member of staff (after errors) with the roles the protocol names,
// records training and sees the checks report; the partnership manager adds an agency and suspends
// one; the import page and the agency's API keys.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const ADA = 'ada.admin@council.example';
const PAT = 'pat.partnership@council.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});

after(() => stopDemoServer({ t, app, browser }));

describe('staff and agency administration in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('the administrator adds a member of staff, records their training and sees the checks report', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, ADA);
      await Promise.all([page.waitForURL(`${baseUrl}/staff`), page.getByRole('link', { name: 'Staff', exact: true }).click()]);
      assert.equal(await heading(page), 'Staff');
      await expectAccessible(page, 'staff list');
      await Promise.all([page.waitForURL(`${baseUrl}/staff/new`), page.getByRole('link', { name: 'Add a member of staff' }).click()]);
      await expectAccessible(page, 'add a member of staff');
      await page.getByRole('button', { name: 'Add' }).click();
      await page.waitForLoadState();
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'add a member of staff (errors)');
      await page.getByLabel('Full name').fill('Rae Responsible');
      await page.getByLabel('Work email address').fill('rae.responsible@council.example');
      await page.getByLabel('Responsible manager').check();
      await page.getByLabel('Practitioner').check();
      await Promise.all([page.waitForURL(/\/staff\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Add' }).click()]);
      assert.equal(await heading(page), 'Rae Responsible');
      await expectAccessible(page, 'a member of staff');
      await page.getByLabel('Information-sharing training').check();
      await page.getByRole('button', { name: 'Record' }).click();
      await page.waitForLoadState();
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'a member of staff (check errors)');
      await page.locator('#completedOn-day').fill('1');
      await page.locator('#completedOn-month').fill('9');
      await page.locator('#completedOn-year').fill('2026');
      await Promise.all([page.waitForURL(/\/staff\/[0-9a-f-]{36}#checks$/), page.getByRole('button', { name: 'Record' }).click()]);
      await page.goto(`${baseUrl}/staff?report=checks`);
      assert.equal(await heading(page), 'Checks and training to renew');
      await expectAccessible(page, 'checks report');
      await page.goto(`${baseUrl}/staff/import`);
      await expectAccessible(page, 'import staff');
      await page.goto(`${baseUrl}/staff/api-keys`);
      await expectAccessible(page, 'agency API keys');
    } finally {
      await closePage(page);
    }
  });

  it('the partnership manager adds an agency and suspends one', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, PAT);
      await Promise.all([page.waitForURL(`${baseUrl}/agencies`), page.getByRole('link', { name: 'Agencies', exact: true }).click()]);
      assert.equal(await heading(page), 'Agencies');
      await expectAccessible(page, 'agencies');
      await page.getByRole('button', { name: 'Add agency' }).click();
      await page.waitForLoadState();
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'agencies (errors)');
      await page.getByLabel('Name').fill('Hillside Academy');
      await page.getByLabel('Sector').selectOption('education');
      await page.getByLabel('Relevant agency').check();
      await Promise.all([page.waitForURL(/\/staff\/new/), page.getByRole('button', { name: 'Add agency' }).click()]);
      await page.goto(`${baseUrl}/agencies`);
      await page.getByText('Suspend: Northbridge Youth Project').click();
      await page.locator('[id^="reason-"][id$="-suspend"]').locator('visible=true').fill('Partnership board decision, pending review');
      await Promise.all([page.waitForURL(`${baseUrl}/agencies`), page.locator('details[open]').getByRole('button', { name: 'Suspend' }).click()]);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /suspended/);
      await expectAccessible(page, 'agencies (suspended)');
    } finally {
      await closePage(page);
    }
  });
});
