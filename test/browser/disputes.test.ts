// Browser journeys through disputes and the registers on the demo (Chromium, axe-core WCAG 2.2 AA):
// the statutory partners' manager finds the demo's dispute at stage two on the central register,
// records the stage (an error first), and reads the scrutiny view; a practitioner raises a dispute
// and records a complaint with the keyboard-usable forms.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const PAT = 'pat.partnership@council.example';
const SAM = 'sam.social@council.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});
after(() => stopDemoServer({ t, app, browser }));

describe('disputes, complaints and the registers in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('the partnership manager takes the demo dispute at stage two from the register to its conclusion', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, PAT);
      await Promise.all([page.waitForURL(`${baseUrl}/disputes`), page.getByRole('link', { name: 'Disputes and complaints' }).click()]);
      await expectAccessible(page, 'disputes and complaints');
      await Promise.all([page.waitForURL(`${baseUrl}/registers`), page.getByRole('link', { name: 'The partnership’s central register' }).click()]);
      assert.equal(await heading(page), 'Central register of disputes, complaints and breaches');
      assert.match(await page.locator('#open').innerText(), /Stage 2: Scrutiny by the statutory safeguarding partners/);
      await expectAccessible(page, 'central register');

      await Promise.all([page.waitForURL(/\/disputes\/[0-9a-f-]+$/), page.locator('#open a', { hasText: 'Dispute' }).first().click()]);
      assert.match(await heading(page), /^Dispute between Northbridge Council/);
      await expectAccessible(page, 'a dispute at stage two');
      await Promise.all([page.waitForURL(/\/disputes\/[0-9a-f-]+\/stage$/), page.getByRole('button', { name: 'Record the stage' }).click()]);
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'a stage record with errors');
      await page.getByLabel('What was discussed').fill('The partners met both agencies.');
      await page.getByLabel('Agreed — the dispute is resolved at this stage').check();
      await page.getByLabel('Why').fill('The police will share the reports that are not part of the investigation.');
      await Promise.all([page.waitForURL(/\/disputes\/[0-9a-f-]+$/), page.getByRole('button', { name: 'Record the stage' }).click()]);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /The stage is recorded/);
      assert.match(await page.locator('main .govuk-tag').first().innerText(), /Concluded/);

      await page.goto(`${baseUrl}/registers/scrutiny`);
      assert.equal(await heading(page), 'Scrutiny of decisions not to share');
      await expectAccessible(page, 'scrutiny');
    } finally {
      await closePage(page);
    }
  });

  it('a practitioner raises a dispute and records a complaint', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, SAM);
      await page.goto(`${baseUrl}/disputes/new`);
      await Promise.all([page.waitForURL(`${baseUrl}/disputes/new`), page.getByRole('button', { name: 'Raise the dispute' }).click()]);
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'raise a dispute with errors');
      await page.getByLabel('A referral was not accepted').check();
      await page.getByLabel('Which agency do you disagree with?').selectOption({ label: 'Northbridge Police' });
      await page.getByLabel('What do you disagree with, and why?').fill('Our referral was not accepted and we disagree.');
      await Promise.all([page.waitForURL(/\/disputes\/[0-9a-f-]+$/), page.getByRole('button', { name: 'Raise the dispute' }).click()]);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /raised at stage 1/);
      await expectAccessible(page, 'a new dispute');

      await page.goto(`${baseUrl}/complaints/new`);
      await expectAccessible(page, 'record a complaint');
      await page.getByLabel('Which agency is the complaint about?').selectOption({ label: 'Northbridge Police' });
      await page.getByLabel('A parent or carer').check();
      await page.getByLabel('Date the complaint was received').fill(new Date(t.deps.now()).toISOString().slice(0, 10));
      await page.getByLabel('What is the complaint about?').fill('A parent says their address was shared with a relative.');
      await Promise.all([page.waitForURL(/\/complaints\/[0-9a-f-]+$/), page.getByRole('button', { name: 'Record the complaint' }).click()]);
      assert.equal(await heading(page), 'Complaint about Northbridge Police');
      await expectAccessible(page, 'a complaint');
    } finally {
      await closePage(page);
    }
  });
});
