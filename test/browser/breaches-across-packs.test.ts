// A breach from report to closure in the browser under three packs (Chromium, axe-core WCAG 2.2
// AA): the demo partnership is moved onto Wirral 2022, Haringey 2006 and Sandwell 2022 in turn; a
// social worker reports, the council's IG lead triages, grades on that pack's scale, records the
// ICO and individuals decisions (and, under Haringey s.6.3, the partners' meeting) and closes it.
// Each pack's own clocks are on the page: Haringey's working-day deadlines (s.6.1–6.6) appear
// under Haringey only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, JOURNEY_TIMEOUT, newPage } from './harness.ts';

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

const section = (page: Page, id: string) => page.locator(`form[action$="/${id}"]`);

async function submit(page: Page, id: string, button: string) {
  await Promise.all([page.waitForURL(/\/breaches\/[0-9a-f-]{36}(#.*)?$/), section(page, id).getByRole('button', { name: button }).click()]);
  const banner = page.locator('.govuk-notification-banner');
  assert.equal(await page.locator('.govuk-error-summary').count(), 0, `${id}: ${await page.locator('main').innerText()}`);
  return banner.innerText();
}

async function signOut(page: Page) {
  await page.context().clearCookies();
}

const PACKS = [
  { pack: 'wirral-2022@2022.4', meeting: false, clocks: /Information Commissioner/ },
  { pack: 'haringey-2006@2006.4', meeting: true, clocks: /Report the breach to the other partner organisations/ },
  { pack: 'sandwell-2022@2022.4', meeting: false, clocks: /Information Commissioner/ },
];

describe('a breach from report to closure in the browser under three packs (Chromium, axe-core WCAG 2.2 AA)', () => {
  for (const { pack, meeting, clocks } of PACKS) {
    it(`${pack}: reported, triaged, graded, decided and closed`, { timeout: JOURNEY_TIMEOUT }, async () => {
      await t.deps.db.updateTable('partnership').set({ pack }).execute();
      const grades = t.deps.packs.get(pack)!.breach.severityGrades.map((s) => s.grade);
      const page = await newPage(browser);
      try {
        await signInAs(page, baseUrl, SAM);
        await page.goto(`${baseUrl}/breaches/new`);
        await page.getByLabel('What happened?').fill(`Under ${pack}: a chronology was printed to a shared printer.`);
        await page.getByLabel('How did it happen, and how was it found?').fill('Wrong default printer; found by a colleague.');
        const today = new Date(t.deps.now());
        await page.locator('#identifiedAt-day').fill(String(today.getUTCDate()));
        await page.locator('#identifiedAt-month').fill(String(today.getUTCMonth() + 1));
        await page.locator('#identifiedAt-year').fill(String(today.getUTCFullYear()));
        await Promise.all([page.waitForURL(/\/breaches\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Report it' }).click()]);
        const url = page.url();
        await signOut(page);

        await signInAs(page, baseUrl, IVY);
        await page.goto(url);
        assert.match(await page.locator('#clocks').innerText(), clocks);
        assert.equal(/Haringey 2006 s\.6/.test(await page.locator('main').innerText()), pack.startsWith('haringey'), 'Haringey’s clauses appear under Haringey only');
        await expectAccessible(page, `${pack}: a reported breach`);
        await section(page, 'triage').getByLabel('Yes, investigate it').check();
        await submit(page, 'triage', 'Record triage');

        // The pack's own severity scale is offered, and nothing else.
        const offered = await section(page, 'assess')
          .locator('input[name="grade"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('value')));
        assert.deepEqual(offered, grades);
        await section(page, 'assess').locator('input[name="grade"]').first().check();
        await section(page, 'assess').getByLabel('Summary of the risk assessment').fill('One child; the printout was recovered within the hour.');
        await submit(page, 'assess', 'Record the severity');

        if ((await section(page, 'ico').count()) > 0) {
          await section(page, 'ico').getByLabel('No, it is not reportable').check();
          await section(page, 'ico').getByLabel('Why is it not reportable? (if not reported)').fill('No likely risk: recovered unread within the hour.');
          await submit(page, 'ico', 'Record the decision');
        }
        if ((await section(page, 'individuals').count()) > 0) {
          await section(page, 'individuals').getByLabel('No', { exact: true }).check();
          await section(page, 'individuals').getByLabel('Why are they not being told? (if not told)').fill('No likely risk to them.');
          await submit(page, 'individuals', 'Record the decision');
        }
        assert.equal((await section(page, 'meeting').count()) > 0, meeting, 'only Haringey (s.6.3) has a partners’ meeting');
        if (meeting) {
          const form = section(page, 'meeting');
          await form.locator('#meeting-heldAt-day').fill(String(today.getUTCDate()));
          await form.locator('#meeting-heldAt-month').fill(String(today.getUTCMonth() + 1));
          await form.locator('#meeting-heldAt-year').fill(String(today.getUTCFullYear()));
          await form.getByLabel('What did the meeting agree?').fill('The council presented its report and withdrew; no sanctions.');
          await submit(page, 'meeting', 'Record the meeting');
        }
        await expectAccessible(page, `${pack}: a breach under investigation`);
        await section(page, 'close').getByLabel('Outcome').fill('Recovered; no further risk.');
        await section(page, 'close').getByLabel('Lessons learned').fill('Check the default printer before printing.');
        assert.match(await submit(page, 'close', 'Close the breach'), /closed/i);
        assert.match(await page.locator('main .govuk-tag').first().innerText(), /Closed/i);
        await expectAccessible(page, `${pack}: a closed breach`);
      } finally {
        await closePage(page);
      }
    });
  }
});
