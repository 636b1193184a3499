// Browser journeys (Chromium, axe-core WCAG 2.2 AA on every new page and state) for what happens
// after a decision: sharing against the advice waits for the designated manager, who approves
// (Haringey 2006 s.4.6); a decision to share says "not sent yet" with its Send button, and can be
// withdrawn; the send page says what the decision does not cover (Haringey 2006 s.4.4); and a
// corrected item shows "corrected on … by …" and is passed on corrected (Southampton 2010 s.9).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { Actor } from '../../src/domain/staff.ts';
import { actAsStaff } from '../../src/use-cases/accounts/act-as-staff.ts';
import { decideCorrection } from '../../src/use-cases/corrections/decide-correction.ts';
import { reportInaccuracy } from '../../src/use-cases/corrections/report-inaccuracy.ts';
import { recordDecision } from '../../src/use-cases/decisions/record-decision.ts';
import { openDisclosure } from '../../src/use-cases/disclosures/open-disclosure.ts';
import { sendDisclosure } from '../../src/use-cases/disclosures/send-disclosure.ts';
import { answerOnwardAgreement } from '../../src/use-cases/onward-agreements/answer-onward-agreement.ts';
import { requestOnwardAgreement } from '../../src/use-cases/onward-agreements/request-onward-agreement.ts';
import type { TestDb } from '../support/db.ts';
import { must } from '../support/sharing.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const SAM = 'sam.social@council.example';
const MAX = 'max.manager@council.example';
const FRAN = 'fran.frontdoor@council.example';
const PENNY = 'pc.penny@police.example';
const DEE = 'dee.lead@school.example';
const PHONE = 'phone number';
const WRONG = 'Grandmother’s phone 01632 960 999';
const RIGHT = 'Grandmother’s phone 01632 960 101';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
  // These journeys run under Haringey 2006, whose s.4.4 and s.4.6 they exercise.
  await t.deps.db.updateTable('partnership').set({ pack: 'haringey-2006@2006.4' }).execute();
});
after(() => stopDemoServer({ t, app, browser }));

const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
const go = async (page: Page, path: string) => {
  await page.goto(`${baseUrl}${path}`);
};
const submit = (page: Page, name: string) => Promise.all([page.waitForLoadState('load'), page.waitForURL(/./), page.getByRole('button', { name }).click()]).then(() => page.waitForLoadState('load'));

async function actor(email: string): Promise<Actor> {
  return must(await actAsStaff(t.deps, { email }));
}
async function ben() {
  return (await t.deps.db.selectFrom('child').select('id').where('given_name', '=', 'Ben').where('family_name', '=', 'Sample').executeTakeFirstOrThrow()).id;
}
const record = (to: string) => ({ action: 'shared', recipientAgencyId: to, purposeDetail: 'Safety planning for Ben', informationShared: 'Contact details', reasons: 'Asking would put him at risk' });
const answers = {
  purpose: 'child_protection',
  identifiable: true,
  level: 'detailed',
  confidential: true,
  childAge: 14,
  consent: 'not_sought',
  consentNotSoughtReason: 'increase_risk',
  harm: 'serious_crime',
  sexualActivityUnder13: false,
};

describe('after a decision, in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('Haringey 2006 s.4.6: the designated manager approves sharing against the advice; then the decision offers to send', { timeout: JOURNEY_TIMEOUT }, async () => {
    const sam = await actor(SAM);
    const penny = await actor(PENNY);
    const childId = await ben();
    const id = must(await recordDecision(t.deps, sam, childId, { answers, record: record(penny.agencyId) })).decisionId;
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, SAM);
      await go(page, `/decisions/${id}`);
      assert.equal(await heading(page), 'Decision to share');
      assert.match(await page.locator('#decision-state').innerText(), /Waiting for approval/);
      assert.match(await page.locator('#next-action').innerText(), /designated manager/);
      assert.equal(await page.getByRole('button', { name: 'Send the information securely' }).count(), 0, 'nothing can be sent yet');
      await expectAccessible(page, 'decision waiting for approval (practitioner)');

      // The chronology does not say "Information shared".
      await go(page, `/children/${childId}`);
      assert.match(await mainText(page), /Decided to share — waiting for approval/);
      await closePage(page);

      const max = await newPage(browser);
      await signInAs(max, baseUrl, MAX);
      await go(max, `/decisions/${id}`);
      await expectAccessible(max, 'decision waiting for approval (designated manager)');
      await submit(max, 'Record your answer');
      assert.match(await max.title(), /^Error: /);
      assert.match(await max.locator('.govuk-error-summary').innerText(), /Select whether you approve/);
      await expectAccessible(max, 'approval (errors)');
      await max.getByLabel('Do not approve: nothing is sent').check();
      await submit(max, 'Record your answer');
      assert.match(await max.locator('.govuk-error-summary').innerText(), /Explain why you do not approve/);
      await max.getByLabel('Approve: the information may be sent').check();
      await max.getByLabel('Your reasons').fill('Discussed with Sam: proportionate to the risk');
      await submit(max, 'Record your answer');
      assert.equal(new URL(max.url()).pathname, `/decisions/${id}`);
      assert.match(await max.locator('.govuk-notification-banner').innerText(), /You approved sharing/);
      assert.match(await max.locator('#decision-state').innerText(), /Decided — not sent yet/);
      await expectAccessible(max, 'decision approved');
      await closePage(max);

      const again = await newPage(browser);
      await signInAs(again, baseUrl, SAM);
      await go(again, `/decisions/${id}`);
      assert.match(await mainText(again), /Discussed with Sam: proportionate to the risk/);
      await Promise.all([again.waitForURL(`${baseUrl}/decisions/${id}/send`), again.getByRole('button', { name: 'Send the information securely' }).click()]);
      await expectAccessible(again, 'send page after approval');
      await closePage(again);
    } finally {
      await closePage(page).catch(() => {});
    }
  });

  it('Haringey 2006 s.4.4: the send page says what a decision about basic details does not cover; the decision is withdrawn', { timeout: JOURNEY_TIMEOUT }, async () => {
    const sam = await actor(SAM);
    const penny = await actor(PENNY);
    const childId = await ben();
    const basic = { ...answers, level: 'minimum', harm: 'reasonable_cause_significant_harm' };
    const id = must(await recordDecision(t.deps, sam, childId, { answers: basic, record: record(penny.agencyId) })).decisionId;
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, SAM);
      await go(page, `/decisions/${id}/send`);
      const outside = await page.locator('#outside-decision').innerText();
      assert.match(outside, /Detailed and sensitive information/);
      assert.ok(await page.getByRole('link', { name: 'Record a new decision about Ben Sample' }).isVisible(), 'a way to change the decision');
      assert.equal(await page.locator('option', { hasText: 'additional relevant information in the form of case notes' }).count(), 0, 'detailed items are not offered');
      await expectAccessible(page, 'send page: what the decision does not cover');

      await go(page, `/decisions/${id}`);
      assert.match(await page.locator('#decision-state').innerText(), /Decided — not sent yet/);
      await page.locator('summary', { hasText: 'Withdraw this decision' }).click();
      await submit(page, 'Withdraw the decision');
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Explain why you are withdrawing/);
      await expectAccessible(page, 'withdraw (errors)');
      await page.getByLabel('Why are you withdrawing this decision?').fill('Grandmother will pass the details on herself');
      await submit(page, 'Withdraw the decision');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Decision withdrawn/);
      assert.match(await page.locator('#decision-state').innerText(), /Withdrawn/);
      await expectAccessible(page, 'decision withdrawn');
      await go(page, `/children/${childId}`);
      assert.match(await mainText(page), /Decision to share withdrawn — nothing sent/);
    } finally {
      await closePage(page);
    }
  });

  it('Southampton 2010 s.9: a corrected item shows "corrected on … by …" and the onward send offers and delivers the corrected value', { timeout: JOURNEY_TIMEOUT }, async () => {
    const sam = await actor(FRAN);
    const penny = await actor(PENNY);
    const dee = await actor(DEE);
    const childId = await ben();
    const toCouncil = must(await recordDecision(t.deps, penny, childId, { answers: { ...answers, harm: 'reasonable_cause_significant_harm' }, record: record(sam.agencyId) })).decisionId;
    const sent = must(await sendDisclosure(t.deps, penny, { decisionId: toCouncil, items: [{ level: 'minimum', label: PHONE, value: WRONG, kind: 'fact' }] }));
    const item = must(await openDisclosure(t.deps, sam, sent.disclosureId)).items[0]!;
    const reported = must(await reportInaccuracy(t.deps, sam, sent.disclosureId, { itemId: item.id, description: 'The number is out of date' }));
    must(await decideCorrection(t.deps, penny, reported.correctionId, { decision: 'correct', correctedValue: RIGHT }));
    const asked = must(await requestOnwardAgreement(t.deps, sam, sent.disclosureId, { toAgencyId: dee.agencyId, purpose: 'The school needs to reach his grandmother' }));
    must(await answerOnwardAgreement(t.deps, penny, asked.agreementIds[0]!, { answer: 'agree' }));
    const onward = must(
      await recordDecision(t.deps, sam, childId, {
        answers: { ...answers, level: 'minimum', harm: 'reasonable_cause_significant_harm' },
        record: record(dee.agencyId),
        context: { sourceDisclosureId: sent.disclosureId },
      }),
    ).decisionId;

    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, FRAN);
      await go(page, `/disclosures/${sent.disclosureId}`);
      const card = await page.locator(`#item-${item.id}`).innerText();
      assert.ok(card.includes(RIGHT), card);
      assert.match(card, /Corrected on .* by PC Penny Patrol, /);
      await expectAccessible(page, 'received information, corrected');

      await go(page, `/decisions/${onward}/send`);
      const checkboxes = await page.locator('.govuk-checkboxes').first().innerText();
      assert.ok(checkboxes.includes(RIGHT) && !checkboxes.includes(WRONG), checkboxes);
      assert.match(checkboxes, /Corrected on/);
      await expectAccessible(page, 'onward send offers the corrected item');
      await page.locator('input[name="sourceItemIds"]').first().check();
      await Promise.all([page.waitForURL(/\/disclosures/), page.getByRole('button', { name: /^Send/ }).click()]);
      await closePage(page);

      const youth = await newPage(browser);
      await signInAs(youth, baseUrl, DEE);
      const received = await t.deps.db.selectFrom('disclosure').select('id').where('decision_id', '=', onward).executeTakeFirstOrThrow();
      await go(youth, `/disclosures/${received.id}`);
      const text = await mainText(youth);
      assert.ok(text.includes(RIGHT) && !text.includes(WRONG), text);
      assert.match(text, /Corrected on .* by PC Penny Patrol/);
      await expectAccessible(youth, 'onward holder sees the corrected item');
      await closePage(youth);
    } finally {
      await closePage(page).catch(() => {});
    }
  });
});
