// Browser journey through a subject access request (Chromium, axe-core WCAG 2.2 AA on every new
// state): the council's IG lead logs a request (after its errors), confirms identity and authority,
// sees what Concord holds and consults the police, whose IG lead answers with an exemption (after
// its errors); the council withholds the police item, produces the response pack and downloads the
// PDF (Sandwell 2022 s.11.1: the source agency is consulted before an exemption is applied).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { recordDecision } from '../../src/use-cases/decisions/record-decision.ts';
import { sendDisclosure } from '../../src/use-cases/disclosures/send-disclosure.ts';
import type { TestDb } from '../support/db.ts';
import { makeStaff, TEST_PASSWORD } from '../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../support/sharing.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const REQUEST_PAGE = /\/rights-requests\/[0-9a-f-]{36}$/;

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});

after(() => stopDemoServer({ t, app, browser }));

/** A partnership where the police shared a detail about the child with the council, and both
 *  agencies have an IG lead (the demo has no police IG lead). */
async function world() {
  const deps = t.deps;
  const p = await sharingPartnership(deps);
  await deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  const councilIg = await makeStaff(deps, p.partnershipId, p.councilId, ['ig_lead']);
  const policeIg = await makeStaff(deps, p.partnershipId, p.policeId, ['ig_lead']);
  t.clock.now = new Date('2026-11-20T10:00:00Z');
  const decision = must(
    await recordDecision(deps, p.officer.actor, p.childId, {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Safeguarding concern', informationShared: 'Call-outs', reasons: 'Risk of harm' },
    }),
  );
  const pack = await deps.db.selectFrom('partnership').select('pack').where('id', '=', p.partnershipId).executeTakeFirstOrThrow();
  const label = deps.packs.get(pack.pack)!.informationLevels.find((l) => l.level === 'detailed')!.items[0]!;
  must(await sendDisclosure(deps, p.officer.actor, { decisionId: decision.decisionId, items: [{ level: 'detailed', label, value: 'Two call-outs naming a neighbour', kind: 'fact' }] }));
  t.clock.now = new Date('2026-11-23T10:00:00Z');
  return { p, councilIg, policeIg };
}

async function submit(page: Page, button: string, url: RegExp) {
  await Promise.all([page.waitForURL(url), page.getByRole('button', { name: button }).click()]);
}

async function expectErrors(page: Page, button: string, label: string) {
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
  assert.match(await page.title(), /^Error: /);
  await expectAccessible(page, label);
}

const banner = (page: Page) => page.locator('.govuk-notification-banner').first().innerText();

describe('rights requests in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('a subject access request goes from receipt to a downloaded response pack, the police consulted', { timeout: JOURNEY_TIMEOUT }, async () => {
    const { p, councilIg, policeIg } = await world();
    const council = await newPage(browser);
    const police = await newPage(browser);
    try {
      await signInAs(council, baseUrl, councilIg.email, TEST_PASSWORD);
      await Promise.all([council.waitForURL(`${baseUrl}/rights-requests`), council.getByRole('link', { name: 'Rights requests', exact: true }).click()]);
      assert.equal(await heading(council), 'Rights requests');
      await expectAccessible(council, 'rights requests (none)');

      await Promise.all([council.waitForURL(`${baseUrl}/rights-requests/new`), council.getByRole('button', { name: 'Log a rights request' }).click()]);
      await expectAccessible(council, 'log a rights request');
      await expectErrors(council, 'Log the request', 'log a rights request (errors)');
      assert.match(await council.locator('.govuk-error-summary').innerText(), /Select what the request is for/);
      await council.getByLabel('Access (subject access request)').check();
      await council.getByLabel('A parent or carer').check();
      await council.getByLabel('Which child is it about?').selectOption(p.childId);
      await council.locator('#receivedAt-day').fill('23');
      await council.locator('#receivedAt-month').fill('11');
      await council.locator('#receivedAt-year').fill('2026');
      await council.getByLabel('What does the requester ask for?').fill('Everything held about my daughter');
      await council.getByLabel('No, they still have to be confirmed').check();
      await submit(council, 'Log the request', REQUEST_PAGE);
      assert.match(await banner(council), /Its clock starts when/);
      await expectAccessible(council, 'a request waiting for identity');
      const requestUrl = council.url();

      await expectErrors(council, 'Confirm identity', 'a request waiting for identity (errors)');
      await council.locator('#identity-verifiedAt-day').fill('23');
      await council.locator('#identity-verifiedAt-month').fill('11');
      await council.locator('#identity-verifiedAt-year').fill('2026');
      await council.getByLabel('The parent has parental responsibility').check();
      await council.getByLabel('No', { exact: true }).check();
      await council.getByLabel('What evidence of identity and authority was seen?').fill('Passport and birth certificate');
      await submit(council, 'Confirm identity', REQUEST_PAGE);
      assert.match(await banner(council), /The clock is running/);
      assert.match(await council.locator('main').innerText(), /23 December 2026/);
      assert.match(await council.locator('#sources').locator('xpath=following-sibling::ul[1]').innerText(), /Police: 1 item \(not consulted yet\)/);
      await expectAccessible(council, 'an open access request');

      await submit(council, 'Consult the source agencies', REQUEST_PAGE);
      assert.match(await banner(council), /source agencies are asked/);
      await expectAccessible(council, 'an access request with a consultation waiting');

      await signInAs(police, baseUrl, policeIg.email, TEST_PASSWORD);
      await police.goto(`${baseUrl}/rights-requests`);
      await expectAccessible(police, 'rights requests (a consultation)');
      await Promise.all([police.waitForURL(/\/rights-requests\/consultations\/[0-9a-f-]{36}$/), police.locator('#consultations tbody a').first().click()]);
      assert.equal(await heading(police), 'Answer a consultation');
      assert.match(await police.locator('main').innerText(), /Two call-outs naming a neighbour/);
      await expectAccessible(police, 'a consultation');
      await police.getByLabel('It identifies another person who has not agreed to its release').check();
      await expectErrors(police, 'Send your answer', 'a consultation (errors)');
      assert.match(await police.locator('.govuk-error-summary').innerText(), /Say why the exemption applies/);
      await police.getByLabel('It identifies another person who has not agreed to its release').check();
      await police.locator('#reasons').fill('The call-outs name a neighbour who has not agreed.');
      await submit(police, 'Send your answer', /\/rights-requests\/consultations\/[0-9a-f-]{36}$/);
      assert.match(await banner(police), /Your answer is recorded/);
      await expectAccessible(police, 'an answered consultation');

      await council.goto(requestUrl);
      assert.match(await council.locator('#consultations').innerText(), /identifies another person/);
      await council.getByLabel('Item', { exact: true }).selectOption({ index: 1 });
      await council.getByLabel('It identifies another person who has not agreed to its release').check();
      await council.getByLabel('What is withheld and why, for the schedule').fill('The neighbour’s name, at the police’s request.');
      await submit(council, 'Withhold the item', REQUEST_PAGE);
      assert.match(await banner(council), /The item is withheld/);
      assert.match(await council.locator('#entries').innerText(), /Withheld/);
      await expectAccessible(council, 'an access request with an item withheld');

      await submit(council, 'Produce the response pack', REQUEST_PAGE);
      assert.match(await banner(council), /The response pack is produced/);
      await expectAccessible(council, 'an access request with its response pack');
      const [download] = await Promise.all([council.waitForEvent('download'), council.getByRole('link', { name: /Download the response pack/ }).click()]);
      const bytes = await readFile((await download.path())!);
      assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');

      // The police IG lead cannot open the council's request: the 404 page.
      const refused = await police.goto(requestUrl);
      assert.equal(refused?.status(), 404);
    } finally {
      await closePage(council);
      await closePage(police);
    }
  });
});
