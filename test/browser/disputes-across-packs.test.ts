// A dispute and a complaint from report to closure in the browser under three packs (Chromium,
// axe-core WCAG 2.2 AA). The demo partnership is moved onto each pack in turn; a social worker
// disagrees with the police; the people the pack names act at each stage:
// - Southampton 2010 s.13, App. 3: the line managers (the council's safeguarding lead), then the
//   Head of Service after advice (again a safeguarding lead, or the DPO);
// - Haringey 2006 s.12: the data protection officers or Caldicott guardians, then director-level
//   mediation (the partnership manager);
// - Wirral 2022 App. 2 s.5.5: the SPoCs or lead officers, then the statutory safeguarding partners.
// Both agencies then record the outcome and its impact, which closes the dispute; a complaint about
// the council is routed to its IG lead and answered.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const SAM = 'sam.social@council.example';
const SID = 'sgt.sid@police.example';
const IVY = 'ivy.governance@council.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});
after(async () => {
  for (const page of pages.values()) await closePage(page);
  await stopDemoServer({ t, app, browser });
});

/** One signed-in page per person, kept across the packs (signing in again each time would meet the
 *  sign-in rate limit, which is not what this journey is about). */
const pages = new Map<string, Page>();
async function as(email: string, url: string): Promise<Page> {
  let page = pages.get(email);
  if (!page) {
    page = await newPage(browser);
    pages.set(email, page);
    await signInAs(page, baseUrl, email);
  }
  await page.goto(url);
  return page;
}

async function post(page: Page, button: string, pattern: RegExp) {
  await Promise.all([page.waitForURL(pattern), page.getByRole('button', { name: button }).click()]);
  assert.equal(await page.locator('.govuk-error-summary').count(), 0, await page.locator('main').innerText());
}

const DISPUTE = /\/disputes\/[0-9a-f-]+$/;
const PACKS = [
  { pack: 'southampton-2010@2010.4', first: 'max.manager@council.example', second: 'max.manager@council.example' },
  { pack: 'haringey-2006@2006.4', first: IVY, second: 'pat.partnership@council.example' },
  { pack: 'wirral-2022@2022.4', first: 'fran.frontdoor@council.example', second: 'pat.partnership@council.example' },
];

describe('a dispute and a complaint from report to closure in the browser under three packs (Chromium, axe-core WCAG 2.2 AA)', () => {
  for (const { pack, first, second } of PACKS) {
    it(`${pack}: the pack’s people act at each stage; both agencies record the impact; a complaint is answered`, { timeout: JOURNEY_TIMEOUT }, async () => {
      await t.deps.db.updateTable('partnership').set({ pack }).execute();
      const stages = t.deps.packs.get(pack)!.dispute.stages;
      {
        let page = await as(SAM, `${baseUrl}/disputes/new`);
        await page.getByLabel('A request for information was declined').check();
        await page.getByLabel('Which agency do you disagree with?').selectOption({ label: 'Northbridge Police' });
        await page.getByLabel('What do you disagree with, and why?').fill(`Under ${pack}: the police declined our request for call-outs.`);
        await post(page, 'Raise the dispute', DISPUTE);
        const url = page.url();
        assert.match(await page.locator('main').innerText(), new RegExp(stages[0]!.name));
        assert.equal(await page.locator('#stage').count(), 0, 'the practitioner does not act at a stage');

        // Stage one, by the people the pack names: not agreed, then escalated.
        page = await as(first, url);
        await page.getByLabel('What was discussed').fill('Both agencies’ leads discussed the request.');
        await page.locator('input[name="outcome"][value="not_agreed"]').check();
        await page.getByLabel('Why', { exact: true }).fill('The police are waiting for a charging decision.');
        await post(page, 'Record the stage', DISPUTE);
        await expectAccessible(page, `${pack}: stage one recorded`);
        await post(page, 'Escalate to stage 2', DISPUTE);
        assert.match(await page.locator('main').innerText(), new RegExp(stages[1]!.name));

        // Stage two concludes it.
        page = await as(second, url);
        await page.getByLabel('What was discussed').fill('Advice taken; both agencies heard.');
        await page.locator('input[name="outcome"][value="agreed"]').check();
        await page.getByLabel('Why', { exact: true }).fill('The call-outs not part of the investigation will be shared.');
        await post(page, 'Record the stage', DISPUTE);
        assert.match(await page.locator('main .govuk-tag').first().innerText(), /Concluded/);

        // Both agencies record the outcome and its impact.
        for (const who of [SAM, SID]) {
          page = await as(who, url);
          await page.getByLabel('Outcome for your agency').fill('Agreed at stage two.');
          await page.getByLabel('Impact, including on the child').fill('The strategy discussion was a week late.');
          await post(page, 'Record outcome and impact', DISPUTE);
        }
        assert.match(await page.locator('main .govuk-tag').first().innerText(), /Closed/);
        await expectAccessible(page, `${pack}: a closed dispute`);

        // A complaint about the council goes to its IG lead, who answers it.
        page = await as(SAM, `${baseUrl}/complaints/new`);
        await page.getByLabel('Which agency is the complaint about?').selectOption({ label: "Northbridge Council Children's Services" });
        await page.getByLabel('A parent or carer').check();
        const today = new Date(t.deps.now()).toISOString().slice(0, 10);
        await page.getByLabel('Date the complaint was received').fill(today);
        await page.getByLabel('What is the complaint about?').fill('A parent says a report was shared without telling them.');
        await post(page, 'Record the complaint', /\/complaints\/[0-9a-f-]+$/);
        const complaint = page.url();
        page = await as(IVY, complaint);
        await page.locator('input[name="outcome"]').first().check();
        await page.getByLabel('Date of the response').fill(today);
        await page.getByLabel('How the complaint was answered').fill('Explained the protocol and apologised for not telling them.');
        await post(page, 'Record the response and close', /\/complaints\/[0-9a-f-]+$/);
        assert.match(await heading(page), /^Complaint about Northbridge Council/);
        assert.match(await page.locator('main').innerText(), /Explained the protocol/);
        await expectAccessible(page, `${pack}: an answered complaint`);
      }
    });
  }
});
