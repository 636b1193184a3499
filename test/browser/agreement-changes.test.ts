// Browser journey for changing the agreement (Chromium, axe-core WCAG 2.2 AA): the police's single
// point of contact proposes moving Northbridge to a new Wirral version (Derby 2015 s.5 para. 1 any
// partner proposes), the statutory partners agree (Wirral 2022 App. 2 s.5.3), the partnership moves
// on the agreed date, and the police sign the new version (ADR 0088).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const SID = 'sgt.sid@police.example';
const IVY = 'ivy.governance@council.example';
const CAL = 'cal.guardian@health.example';
const OLD = 'wirral-2022@2022.4';
const NEW = 'wirral-2022@2027.1';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
  if (!t.deps.packs.get(NEW)) t.deps.packs.add({ ...t.deps.packs.get(OLD)!, version: '2027.1' });
});

after(() => stopDemoServer({ t, app, browser }));

async function openAgreement(page: Page) {
  await page.goto(`${baseUrl}/partnership/agreements`);
  await Promise.all([page.waitForURL(/\/partnership\/agreements\/[0-9a-f-]{36}$/), page.getByRole('link', { name: 'Northbridge information sharing agreement' }).click()]);
}

async function agreeAs(email: string) {
  const page = await newPage(browser);
  try {
    await signInAs(page, baseUrl, email);
    await openAgreement(page);
    await Promise.all([page.waitForURL(/\/partnership\/agreements\/[0-9a-f-]{36}$/), page.getByRole('button', { name: /^Agree to the change for / }).click()]);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /agreement is recorded|change is agreed/);
  } finally {
    await closePage(page);
  }
}

describe('changing the agreement in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('proposal, agreement by the statutory partners, and re-signing under the new version', { timeout: JOURNEY_TIMEOUT }, async () => {
    const sid = await newPage(browser);
    try {
      await signInAs(sid, baseUrl, SID);
      await openAgreement(sid);
      await Promise.all([sid.waitForURL(/\/changes\/new$/), sid.getByRole('link', { name: 'Propose a change' }).click()]);
      await expectAccessible(sid, 'propose a change');
      await sid.getByRole('button', { name: 'Propose the change' }).click();
      await sid.waitForLoadState();
      assert.match(await sid.title(), /^Error: /);
      await expectAccessible(sid, 'propose a change (errors)');
      await sid.getByLabel('What would change, and why').fill('Adopt the 2027 revision of the protocol');
      await sid.getByLabel('New version of the protocol (optional)').selectOption(NEW);
      const today = t.clock.now;
      await sid.locator('[id="effectiveOn-day"]').fill(String(today.getUTCDate()));
      await sid.locator('[id="effectiveOn-month"]').fill(String(today.getUTCMonth() + 1));
      await sid.locator('[id="effectiveOn-year"]').fill(String(today.getUTCFullYear()));
      await Promise.all([sid.waitForURL(/\/partnership\/agreements\/[0-9a-f-]{36}/), sid.getByRole('button', { name: 'Propose the change' }).click()]);
      assert.match(await sid.locator('#changes ~ .govuk-summary-card').first().innerText(), /Waiting for agreement/);
      await expectAccessible(sid, 'agreement page with a proposed change');

      await agreeAs(IVY);
      await agreeAs(CAL);
      await Promise.all([sid.waitForURL(/\/partnership\/agreements\/[0-9a-f-]{36}$/), sid.getByRole('button', { name: /^Agree to the change for / }).click()]);
      assert.match(await sid.locator('.govuk-notification-banner').innerText(), /moves to wirral-2022@2027.1/);
      const register = await sid.locator('table').first().innerText();
      assert.match(register, /Northbridge Police[\s\S]*Signed an earlier version/);
      await expectAccessible(sid, 'register after the move');

      await Promise.all([sid.waitForURL(/\/sign$/), sid.getByRole('link', { name: /Sign the new version for Northbridge Police|^Sign for Northbridge Police/ }).click()]);
      assert.match(await sid.locator('main').innerText(), /wirral-2022@2027\.1/);
      for (const box of await sid.getByLabel('We confirm this').all()) await box.check();
      for (const evidence of await sid.getByLabel('Evidence', { exact: true }).all()) await evidence.fill('Checked by the SPoC, December 2026');
      await sid.locator('[id="privacyImpactAssessment.completedOn-day"]').fill('1');
      await sid.locator('[id="privacyImpactAssessment.completedOn-month"]').fill('11');
      await sid.locator('[id="privacyImpactAssessment.completedOn-year"]').fill('2026');
      await sid.getByLabel('Risks identified and controls in place to mitigate them').check();
      await sid.getByLabel('Risks found').fill('Information sent to the wrong agency');
      await sid.getByLabel('Controls that mitigate them').fill('Sending only through Concord to signed agencies');
      await sid.getByLabel('United Kingdom', { exact: true }).check();
      await sid.getByLabel('Signatory’s full name').fill('Sergeant Sid Single');
      await sid.getByLabel('Signatory’s job title').fill('Public protection unit, single point of contact');
      await sid.locator('[id="signedOn-day"]').fill(String(today.getUTCDate()));
      await sid.locator('[id="signedOn-month"]').fill(String(today.getUTCMonth() + 1));
      await sid.locator('[id="signedOn-year"]').fill(String(today.getUTCFullYear()));
      await Promise.all([sid.waitForURL(/\/partnership\/agreements\/[0-9a-f-]{36}$/), sid.getByRole('button', { name: /the agreement$/ }).click()]);
      assert.match(await sid.locator('.govuk-notification-banner').innerText(), /signed the agreement/);
      assert.match(await sid.locator('table').first().innerText(), /Northbridge Police[\s\S]*?Signed\s/);
    } finally {
      await closePage(sid);
    }
  });
});
