// Browser journey through the agreement register (Chromium, axe-core WCAG 2.2 AA): the partnership
// manager reads the demo's signature register (Northbridge Youth Project's signature lapsed); the
// council's data protection officer re-affirms it — the Wirral checklist item by item and the
// privacy impact assessment (Wirral 2022 App. 2 s.7.4) — after seeing the errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const IVY = 'ivy.governance@council.example';
const PAT = 'pat.partnership@council.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});

after(() => stopDemoServer({ t, app, browser }));

describe('the agreement register in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('the manager sees who is in force; the DPO re-affirms with the checklist and the DPIA', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, PAT);
      await page.goto(`${baseUrl}/protocol`);
      await expectAccessible(page, 'protocol page with the agreement');
      await page.goto(`${baseUrl}/partnership/agreements`);
      await expectAccessible(page, 'agreements');
      await Promise.all([page.waitForURL(/\/partnership\/agreements\/[0-9a-f-]{36}$/), page.getByRole('link', { name: 'Northbridge information sharing agreement' }).click()]);
      const register = await page.locator('table').first().innerText();
      assert.match(register, /Northbridge Youth Project[\s\S]*Signature lapsed/);
      await expectAccessible(page, 'signature register (manager)');
      await closePage(page);

      const ivy = await newPage(browser);
      try {
        await signInAs(ivy, baseUrl, IVY);
        await ivy.goto(`${baseUrl}/partnership/agreements`);
        await Promise.all([ivy.waitForURL(/\/partnership\/agreements\/[0-9a-f-]{36}$/), ivy.getByRole('link', { name: 'Northbridge information sharing agreement' }).click()]);
        await Promise.all([ivy.waitForURL(/\/sign$/), ivy.getByRole('link', { name: /Re-affirm/ }).click()]);
        await expectAccessible(ivy, 'sign form');
        await ivy.getByRole('button', { name: 'Re-affirm the agreement' }).click();
        await ivy.waitForLoadState();
        assert.match(await ivy.title(), /^Error: /);
        await expectAccessible(ivy, 'sign form (errors)');
        for (const box of await ivy.getByLabel('We confirm this').all()) await box.check();
        for (const evidence of await ivy.getByLabel('Evidence', { exact: true }).all()) await evidence.fill('Checked by the DPO, December 2026');
        await ivy.locator('[id="privacyImpactAssessment.completedOn-day"]').fill('1');
        await ivy.locator('[id="privacyImpactAssessment.completedOn-month"]').fill('11');
        await ivy.locator('[id="privacyImpactAssessment.completedOn-year"]').fill('2026');
        await ivy.getByLabel('Risks identified and controls in place to mitigate them').check();
        await ivy.getByLabel('Risks found').fill('Information sent to the wrong agency');
        await ivy.getByLabel('Controls that mitigate them').fill('Sending only through Concord to signed agencies');
        await ivy.getByLabel('United Kingdom', { exact: true }).check();
        await ivy.getByLabel('Signatory’s full name').fill('Ivy Governance');
        await ivy.getByLabel('Signatory’s job title').fill('Data protection officer');
        const today = t.clock.now;
        await ivy.locator('[id="signedOn-day"]').fill(String(today.getUTCDate()));
        await ivy.locator('[id="signedOn-month"]').fill(String(today.getUTCMonth() + 1));
        await ivy.locator('[id="signedOn-year"]').fill(String(today.getUTCFullYear()));
        await Promise.all([ivy.waitForURL(/\/partnership\/agreements\/[0-9a-f-]{36}$/), ivy.getByRole('button', { name: 'Re-affirm the agreement' }).click()]);
        assert.match(await ivy.locator('.govuk-notification-banner').innerText(), /re-affirmed/);
        await expectAccessible(ivy, 'signature register after re-affirming');
      } finally {
        await closePage(ivy);
      }
    } finally {
      await closePage(page).catch(() => {});
    }
  });
});
