// Browser journey across agencies (Fastify on a test database, a partnership built with the
// factories) in Debian's Chromium: request → triage → allocate → decide → share (with a file) →
// open → onward sharing refused, then agreed → onward share → a correction reaches both recipients
// and each acknowledges it; and a request declined with reasons. axe-core (WCAG 2.2 AA) checks every
// new page, and an error state of each form.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page, Response } from 'playwright-core';
import { QUESTIONS, type QuestionId } from '../../src/domain/decision/questions.ts';
import { buildApp, currentTotpCode } from '../support/app.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { TEST_PASSWORD } from '../support/factories.ts';
import { sharingPartnership } from '../support/sharing.ts';
import { closePage, expectAccessible, heading, isFocused, JOURNEY_TIMEOUT, launchBrowser, newPage } from './harness.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;
const pages: Page[] = [];
/** Script errors seen on any page: there must be none. */
const problems: string[] = [];

before(async () => {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build-assets.ts')], { cwd: root, stdio: 'ignore' });
  t = await openTestDb();
  app = await buildApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  for (const p of pages) await closePage(p);
  await browser?.close();
  await app?.close();
  await t?.close();
});

// --- helpers -----------------------------------------------------------------------------------

/** Runs `act` and waits for the page it leads to (after any redirects). */
async function navigate(page: Page, act: () => Promise<unknown>): Promise<Response> {
  const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400));
  const [res] = await Promise.all([response, page.waitForEvent('load'), act()]);
  return res;
}

const pathOf = (page: Page) => new URL(page.url()).pathname;
const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
const click = (page: Page, role: 'button' | 'link', name: string | RegExp) =>
  navigate(page, () =>
    page
      .getByRole(role, { name, exact: typeof name === 'string' })
      .first()
      .click(),
  );

/** A signed-in person in their own browser context, with the page problems recorded. */
async function person(email: string): Promise<Page> {
  const page = await newPage(browser);
  pages.push(page);
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => problems.push(`${email}: ${err.message}`));
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await click(page, 'button', 'Sign in');
  assert.equal(pathOf(page), '/sign-in/code', 'then the code from the authenticator app');
  await page.getByLabel('Enter the code from your authenticator app').fill(await currentTotpCode(t, email));
  await click(page, 'button', 'Continue');
  assert.equal(pathOf(page), '/children', `${email} signed in`);
  return page;
}

async function go(page: Page, pathname: string) {
  const res = await page.goto(`${baseUrl}${pathname}`);
  assert.ok(res);
  return res;
}

/** An error state: the status, the title, the summary (focused) listing `messages`, and axe. */
async function expectErrors(page: Page, res: Response, messages: RegExp[], label: string) {
  assert.equal(res.status(), 400, `${label}: 400`);
  assert.match(await page.title(), /^Error: /);
  assert.equal(await isFocused(page, '.govuk-error-summary'), true, `${label}: the error summary takes focus`);
  const summary = await page.locator('.govuk-error-summary').innerText();
  for (const m of messages) assert.match(summary, m, label);
  await expectAccessible(page, `${label} (errors)`);
}

const SHARE: [QuestionId, string][] = [
  ['purpose', 'child_protection'],
  ['identifiable', 'yes'],
  ['level', 'detailed'],
  ['confidential', 'yes'],
  ['consent', 'not_sought'],
  ['consentNotSoughtReason', 'increase_risk'],
  ['harm', 'reasonable_cause_significant_harm'],
  ['sexualActivityUnder13', 'no'],
];

function optionLabel(id: QuestionId, value: string): string {
  const q = QUESTIONS[id];
  if (q.kind === 'age') throw new Error(`${id} is not a choice`);
  const option = (q.options as readonly { value: string | boolean; label: string }[]).find((o) => (typeof o.value === 'boolean' ? (o.value ? 'yes' : 'no') : o.value) === value);
  if (!option) throw new Error(`${id} has no option ${value}`);
  return option.label;
}

/** From the first question to the record page. */
async function decide(page: Page, childId: string, answers: [QuestionId, string][] = SHARE) {
  for (const [id, value] of answers) {
    assert.equal(pathOf(page), `/children/${childId}/decisions/new/${id}`);
    await page.getByRole('radio', { name: optionLabel(id, value), exact: true }).check();
    await click(page, 'button', 'Continue');
  }
  assert.equal(pathOf(page), `/children/${childId}/decisions/new/check`);
  await click(page, 'button', 'Get advice');
  await click(page, 'button', 'Record your decision');
  assert.equal(pathOf(page), `/children/${childId}/decisions/new/record`);
}

// --- the journey ---------------------------------------------------------------------------------

describe('browser: requests and disclosures across agencies (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('request → triage → allocate → decide → share → open → onward refused, then agreed → onward share → correction acknowledged by both', { timeout: JOURNEY_TIMEOUT }, async () => {
    const p = await sharingPartnership(t.deps);
    const social = await person(p.social.email);
    const spoc = await person(p.policeSpoc.email);
    const officer = await person(p.officer.email);
    const school = await person(p.schoolLead.email);

    // 1. The social worker asks the police, from the child's page.
    await go(social, `/children/${p.childId}`);
    await click(social, 'button', 'Ask another agency for information');
    assert.equal(pathOf(social), `/children/${p.childId}/requests/new`);
    assert.equal(await heading(social), 'Ask another agency for information');
    assert.match(await social.title(), /^Ask another agency for information – \S+ \S+, born \d{1,2} \w+ \d{4} – Concord$/, 'the title names the child (issue 15 item 4)');
    assert.equal(await social.getByLabel('About consent').isVisible(), true, 'the consent detail is always there');
    await expectAccessible(social, 'request form');
    await expectErrors(social, await click(social, 'button', 'Send request'), [/Select the agency you are asking/, /Select the purpose of the request/], 'request form');
    await social.getByLabel('Which agency are you asking?').selectOption({ label: 'Police' });
    await social.getByRole('radio', { name: 'To protect a child who may be suffering, or likely to suffer, significant harm' }).check();
    await social.getByLabel('What is the lawful basis for asking?').selectOption('children_act_1989_s47');
    await social.getByRole('radio', { name: 'Urgent', exact: true }).check();
    await social.getByLabel('What information do you need?').fill('Any call-outs to the home address in the last 12 months');
    await social.getByLabel('Why do you need it?').fill('Strategy discussion under s.47 tomorrow morning');
    await social.getByRole('radio', { name: 'I have decided not to ask for consent' }).check();
    await social.getByLabel('About consent').fill('Seeking consent could place the child at increased risk');
    await click(social, 'button', 'Send request');
    assert.match(pathOf(social), /^\/requests\/[0-9a-f-]{36}$/);
    const requestPath = pathOf(social);
    assert.match(await social.locator('.govuk-notification-banner--success').innerText(), /Request sent to Police\. They must answer by/);
    await expectAccessible(social, 'request (requester)');

    // 2. The police SPoC: the queue, triage (an error state, then accept), allocation.
    await go(spoc, '/requests');
    await expectAccessible(spoc, 'requests queue');
    await click(spoc, 'link', /^Ann Example/);
    assert.equal(pathOf(spoc), requestPath);
    await expectAccessible(spoc, 'request (triage)');
    await spoc.getByRole('radio', { name: 'Accept the request' }).check();
    await expectErrors(spoc, await click(spoc, 'button', 'Record triage'), [/Confirm every check before accepting/], 'triage');
    for (const box of await spoc.locator('input[name="checks"]').all()) await box.check();
    await spoc.getByRole('radio', { name: 'Accept the request' }).check();
    await click(spoc, 'button', 'Record triage');
    assert.match(await mainText(spoc), /Your triage is recorded\./);
    await spoc.getByLabel('Who will answer the request?').selectOption({ label: `Staff ${p.officer.email}` });
    await click(spoc, 'button', 'Allocate');
    assert.match(await mainText(spoc), /The request is allocated\./);
    await expectAccessible(spoc, 'request (allocated)');

    // 3. The officer decides from the request: the record page names the council; sharing leads to the form.
    await go(officer, requestPath);
    await click(officer, 'button', 'Decide whether to share');
    await decide(officer, p.childId);
    assert.match(await mainText(officer), /You are answering a request from Council/);
    await expectAccessible(officer, 'record (answering a request)');
    await officer.getByLabel('What is the purpose?').fill('Strategy discussion');
    await officer.getByLabel('What information are you sharing?').fill('Call-outs to the home address');
    await officer.getByLabel('Your reasons').fill('Asking would increase the risk to the child');
    await click(officer, 'button', 'Record decision');
    assert.match(pathOf(officer), /^\/decisions\/[0-9a-f-]{36}\/send$/);
    assert.equal(await heading(officer), 'Send information securely to Council');
    await expectAccessible(officer, 'disclosure form');
    await expectErrors(officer, await click(officer, 'button', 'Send securely'), [/Select whether you are sharing all or part/, /Add at least one item/], 'disclosure form');
    await officer.getByRole('radio', { name: 'Part of the information asked for' }).check();
    await officer.locator('#item-0-choice').selectOption('detailed|case notes, assessments and plans');
    await officer.locator('#item-0-value').fill('Two call-outs for domestic abuse, 3 March and 9 August 2026');
    await officer.locator('#item-0-kind').check();
    // One item at a time: "Add another item" keeps the first and offers a second block.
    await click(officer, 'button', 'Add another item');
    assert.equal(await officer.locator('#item-0-value').inputValue(), 'Two call-outs for domestic abuse, 3 March and 9 August 2026');
    await officer.locator('#item-1-choice').selectOption('detailed|case notes, assessments and plans');
    await officer.locator('#item-1-value').fill('Officers felt the mother was frightened');
    await officer.locator('#item-1-kind-2').check();
    await officer.getByLabel('Message (optional)').fill('Older records are being checked.');
    await officer.setInputFiles('#attachments', { name: 'incident-log.txt', mimeType: 'text/plain', buffer: Buffer.from('incident log 2026-03-03') });
    await click(officer, 'button', 'Send securely');
    assert.match(pathOf(officer), /^\/disclosures\/[0-9a-f-]{36}$/);
    const disclosurePath = pathOf(officer);
    assert.match(await officer.locator('.govuk-notification-banner--success').innerText(), /Information sent securely — it expires if not opened by/);
    assert.match(await mainText(officer), /No one has opened it yet/);
    await expectAccessible(officer, 'disclosure (sender, unopened)');

    // 4. The social worker opens it (the read receipt), with each item's originator and the file.
    await go(social, '/disclosures');
    await expectAccessible(social, 'information received and sent');
    await click(social, 'link', /^Ann Example/);
    assert.equal(pathOf(social), disclosurePath);
    const opened = await mainText(social);
    assert.match(opened, /From Police, Staff .+, \d+ \w+ 2026/);
    assert.match(opened, /Older records are being checked\./);
    const download = await Promise.all([social.waitForEvent('download'), social.getByRole('link', { name: 'incident-log.txt' }).click()]).then(([d]) => d);
    assert.equal(download.suggestedFilename(), 'incident-log.txt');
    // The link keeps focus after the download; GOV.UK's focus style (yellow, no underline) is what
    // axe's link-in-text-block rule would then judge, so check the page as it is read, unfocused.
    await social.evaluate('document.activeElement && document.activeElement.blur()');
    await expectAccessible(social, 'disclosure (recipient)');
    await go(officer, disclosurePath);
    assert.match(await mainText(officer), new RegExp(`Staff ${p.social.email.replace('.', '\\.')}, `), 'the sender sees who opened it');

    // 5. Onward to the school: ask (an error state first), refused with reasons, asked again, agreed.
    await expectErrors(social, await click(social, 'button', 'Ask for agreement'), [/Select an agency/, /Say why you need to share/], 'ask for agreement');
    await social.getByLabel('Which agency do you want to share it with?').selectOption({ label: 'School' });
    await social.getByLabel('Why do you need to share it?').fill('The school needs to plan for her safety');
    await click(social, 'button', 'Ask for agreement');
    assert.match(await mainText(social), /Waiting for the originator/);

    const answer = async (choice: 'agree' | 'refuse', reasons?: string) => {
      await go(officer, '/disclosures');
      await click(officer, 'link', /^Agree or refuse/);
      assert.match(pathOf(officer), /^\/agreements\/[0-9a-f-]{36}$/);
      // The same answer for each item (item by item: test/browser/send-items.test.ts).
      for (const radio of await officer.getByRole('radio', { name: choice === 'agree' ? /^Yes/ : 'No, I refuse' }).all()) await radio.check();
      if (reasons !== undefined) for (const reason of await officer.getByLabel(/Your reason for refusing item/).all()) await reason.fill(reasons);
      return click(officer, 'button', 'Send answer');
    };
    await go(officer, '/disclosures');
    await expectAccessible(officer, 'waiting for the police');
    await click(officer, 'link', /^Agree or refuse/);
    await expectAccessible(officer, 'agreement');
    await expectErrors(officer, await answer('refuse'), [/Give your reason for refusing item 1/, /Give your reason for refusing item 2/], 'agreement');
    await answer('refuse', 'Investigation ongoing: not before the strategy meeting');
    assert.match(await mainText(officer), /You refused\./);
    await go(social, disclosurePath);
    assert.match(await mainText(social), /Refused/);
    await social.getByLabel('Which agency do you want to share it with?').selectOption({ label: 'School' });
    await social.getByLabel('Why do you need to share it?').fill('After the strategy meeting: the safety plan');
    await click(social, 'button', 'Ask for agreement');
    await answer('agree');
    assert.match(await mainText(officer), /You agreed\./);

    // 6. The council decides to pass it on (only the school is offered) and sends one received item.
    await go(social, disclosurePath);
    await click(social, 'button', 'Decide on sharing onward');
    await decide(social, p.childId);
    const offered = await social.locator('#recipientAgencyId option').allInnerTexts();
    assert.deepEqual(
      offered.map((s) => s.trim()),
      ['Select an agency', 'School'],
    );
    await expectAccessible(social, 'record (passing on)');
    await social.getByLabel('Which agency is it for?').selectOption({ label: 'School' });
    await social.getByLabel('What is the purpose?').fill('School safety plan');
    await social.getByLabel('What information are you sharing?').fill('Police call-outs');
    await social.getByLabel('Your reasons').fill('Risk to the child');
    await click(social, 'button', 'Record decision');
    assert.match(pathOf(social), /^\/decisions\/[0-9a-f-]{36}\/send$/);
    await expectAccessible(social, 'disclosure form (onward)');
    await social.locator('input[name="sourceItemIds"]').first().check();
    await click(social, 'button', 'Send securely');
    const onwardPath = pathOf(social);
    assert.match(onwardPath, /^\/disclosures\/[0-9a-f-]{36}$/);

    // 7. The school opens it and reports the police item as inaccurate.
    await go(school, onwardPath);
    assert.match(await mainText(school), /From Police, Staff /, 'the item keeps its originator');
    await expectErrors(school, await click(school, 'button', 'Report inaccuracy'), [/Select the item that is inaccurate/], 'report an inaccuracy');
    await school.getByLabel('Which item is inaccurate?').selectOption({ index: 1 });
    await school.getByLabel('What is inaccurate?').fill('The second call-out was 9 July, not 9 August');
    await click(school, 'button', 'Report inaccuracy');
    assert.match(await mainText(school), /the originator has not decided yet/);

    // 8. The police correct it; the correction reaches the council and the school; each acknowledges.
    await go(officer, '/disclosures');
    await click(officer, 'link', /^Decide/);
    assert.match(pathOf(officer), /^\/corrections\/[0-9a-f-]{36}$/);
    const correctionPath = pathOf(officer);
    await expectAccessible(officer, 'correction (to decide)');
    await expectErrors(officer, await click(officer, 'button', 'Send decision'), [/Select whether you are correcting the information/], 'correction');
    await officer.getByRole('radio', { name: 'Correct it' }).check();
    await officer.getByLabel('The corrected information').fill('Two call-outs for domestic abuse, 3 March and 9 July 2026');
    await click(officer, 'button', 'Send decision');
    assert.match(await mainText(officer), /The correction is sent to 2 agencies/);
    for (const [page, where, label] of [
      [social, disclosurePath, 'council'],
      [school, onwardPath, 'school'],
    ] as const) {
      await go(page, where);
      assert.match(await mainText(page), /Corrected by the originator/);
      assert.match(await mainText(page), /9 July 2026/);
      await expectAccessible(page, `disclosure with a correction (${label})`);
      await click(page, 'button', /^Acknowledge correction/);
      assert.match(await mainText(page), /Your agency acknowledged this correction/);
    }
    await go(officer, correctionPath);
    assert.doesNotMatch(await mainText(officer), /Not yet/);
    await expectAccessible(officer, 'correction (acknowledged by both)');
    await go(school, correctionPath);
    assert.match(await mainText(school), /Corrected information/);
    await expectAccessible(school, 'correction (reporting agency)');
    assert.deepEqual(problems, []);
  });

  it('a request declined with reasons the requester sees; a returned request', { timeout: JOURNEY_TIMEOUT }, async () => {
    const p = await sharingPartnership(t.deps);
    const social = await person(p.social.email);
    const spoc = await person(p.policeSpoc.email);
    await go(social, `/children/${p.childId}/requests/new`);
    await social.getByLabel('Which agency are you asking?').selectOption({ label: 'Police' });
    await social.getByRole('radio', { name: 'To assess or meet the needs of a child in need' }).check();
    await social.getByLabel('What is the lawful basis for asking?').selectOption('children_act_1989_s17');
    await social.getByRole('radio', { name: 'Routine' }).check();
    await social.getByLabel('What information do you need?').fill('Any contact with the family this year');
    await social.getByLabel('Why do you need it?').fill('Child in need assessment');
    await social.getByRole('radio', { name: 'Yes, consent has been given' }).check();
    await click(social, 'button', 'Send request');
    const requestPath = pathOf(social);

    // Returned at triage, then sent again with the clarification.
    await go(spoc, requestPath);
    await spoc.getByRole('radio', { name: 'Return it to the requester' }).check();
    await spoc.getByLabel('Note to the requester').fill('Say which family members you mean');
    await click(spoc, 'button', 'Record triage');
    await go(social, requestPath);
    assert.match(await mainText(social), /Say which family members you mean/);
    await expectErrors(social, await click(social, 'button', 'Send again'), [/Explain what you have clarified or changed/], 'send again');
    await social.getByLabel('What have you clarified or changed?').fill('The mother and her partner');
    await click(social, 'button', 'Send again');

    await go(spoc, requestPath);
    for (const box of await spoc.locator('input[name="checks"]').all()) await box.check();
    await spoc.getByRole('radio', { name: 'Accept the request' }).check();
    await click(spoc, 'button', 'Record triage');
    // The SPoC answers it themselves.
    await spoc.getByLabel('Who will answer the request?').selectOption({ label: `Staff ${p.policeSpoc.email}` });
    await click(spoc, 'button', 'Allocate');
    await click(spoc, 'button', 'Decide whether to share');
    await decide(spoc, p.childId, [
      ['purpose', 'child_in_need'],
      ['identifiable', 'yes'],
      ['level', 'detailed'],
      ['confidential', 'yes'],
      ['consent', 'given'],
      ['consentConflict', 'no'],
      ['harm', 'emerging_needs'],
      ['sexualActivityUnder13', 'no'],
    ]);
    await spoc.getByRole('radio', { name: 'I am not sharing information' }).check();
    await spoc.getByLabel('What is the purpose?').fill('Child in need assessment');
    await spoc.getByLabel('Your reasons').fill('We hold nothing relevant beyond what the council already knows.');
    await click(spoc, 'button', 'Record decision');
    assert.match(pathOf(spoc), /\/decline$/);
    assert.equal(await heading(spoc), 'Tell Council why you are not sharing');
    assert.equal(await spoc.getByLabel('Your reasons for not sharing').inputValue(), 'We hold nothing relevant beyond what the council already knows.');
    await expectAccessible(spoc, 'decline');
    await spoc.getByLabel('Your reasons for not sharing').fill('');
    await expectErrors(spoc, await click(spoc, 'button', 'Decline the request'), [/Give the requester your reasons for not sharing/], 'decline');
    await spoc.getByLabel('Your reasons for not sharing').fill('We hold nothing relevant beyond what the council already knows.');
    await click(spoc, 'button', 'Decline the request');
    assert.equal(pathOf(spoc), requestPath);
    await go(social, requestPath);
    assert.match(await mainText(social), /Declined: the information will not be shared/);
    assert.match(await mainText(social), /We hold nothing relevant beyond what the council already knows\./);
    await expectAccessible(social, 'request (declined)');
    assert.deepEqual(problems, []);
  });
});
