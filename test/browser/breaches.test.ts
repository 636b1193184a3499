// Browser journeys through the breach register (Chromium, axe-core WCAG 2.2 AA): the IG lead opens
// the demo's open breach from the register, records the joint risk assessment (after an error),
// and a practitioner's report form shows its errors accessibly.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const IVY = 'ivy.governance@council.example';
const SAM = 'sam.social@council.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});

after(() => stopDemoServer({ t, app, browser }));

describe('the breach register in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('the IG lead grades the open breach from the register', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, IVY);
      await Promise.all([page.waitForURL(`${baseUrl}/breaches`), page.getByRole('link', { name: 'Breaches', exact: true }).click()]);
      assert.equal(await heading(page), 'Breaches and incidents');
      await expectAccessible(page, 'breach register');
      await Promise.all([page.waitForURL(/\/breaches\/[0-9a-f-]{36}$/), page.locator('#open tbody a').first().click()]);
      assert.match(await page.locator('#clocks').innerText(), /Information Commissioner/);
      await expectAccessible(page, 'an open breach');
      await page.getByRole('button', { name: 'Record the severity' }).click();
      await page.waitForLoadState();
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'an open breach (errors)');
      await page.getByLabel('risk', { exact: true }).check();
      await page.getByLabel('Summary of the risk assessment').fill('One child; the letter was returned unopened by the occupants.');
      await Promise.all([page.waitForURL(/\/breaches\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Record the severity' }).click()]);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /The severity is recorded/);
    } finally {
      await closePage(page);
    }
  });

  it('a practitioner’s report shows its errors, then is reported', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, SAM);
      await page.goto(`${baseUrl}/breaches/new`);
      await expectAccessible(page, 'report a breach');
      await page.getByRole('button', { name: 'Report it' }).click();
      await page.waitForLoadState();
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'report a breach (errors)');
      await page.getByLabel('What happened?').fill('A case summary was printed to a shared printer on another floor.');
      await page.getByLabel('How did it happen, and how was it found?').fill('Wrong default printer; found by a colleague.');
      const today = new Date(t.deps.now());
      await page.locator('#identifiedAt-day').fill(String(today.getUTCDate()));
      await page.locator('#identifiedAt-month').fill(String(today.getUTCMonth() + 1));
      await page.locator('#identifiedAt-year').fill(String(today.getUTCFullYear()));
      await Promise.all([page.waitForURL(/\/breaches\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Report it' }).click()]);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /The breach is reported/);
      await expectAccessible(page, 'a reported breach (reporter)');
    } finally {
      await closePage(page);
    }
  });
});
