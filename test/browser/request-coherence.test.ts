// Asking coherently, in Debian's Chromium: the health visitor's incoherent request is refused on the
// lawful basis, then sent back with warnings and the "continue anyway" box, the suggested basis
// pre-selected; confirmed, it is sent. Then the record step, worded for a decision not to share
// after "Update the page for this decision". The pages are server-rendered, so the same steps work
// without JavaScript (test/web/requests/coherence.test.ts, test/web/decisions/record-wording.test.ts).
// axe-core (WCAG 2.2 AA) checks each new state.
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
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, launchBrowser, newPage } from './harness.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;
let page: Page | undefined;

before(async () => {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build-assets.ts')], { cwd: root, stdio: 'ignore' });
  t = await openTestDb();
  app = await buildApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  if (page) await closePage(page);
  await browser?.close();
  await app?.close();
  await t?.close();
});

/** Runs `act` and waits for the page it leads to (after any redirects). */
async function navigate(p: Page, act: () => Promise<unknown>): Promise<Response> {
  const response = p.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === p.mainFrame() && (r.status() < 300 || r.status() >= 400));
  const [res] = await Promise.all([response, p.waitForEvent('load'), act()]);
  return res;
}
const click = (p: Page, name: string) => navigate(p, () => p.getByRole('button', { name, exact: true }).first().click());
const pathOf = (p: Page) => new URL(p.url()).pathname;

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

describe('asking coherently (browser)', { timeout: JOURNEY_TIMEOUT }, () => {
  it('refuses, then warns, then sends with the warnings confirmed; the record step reads for not sharing', async () => {
    const p = await sharingPartnership(t.deps);
    page = await newPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(p.social.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await click(page, 'Sign in');
    await page.getByLabel('Enter the code from your authenticator app').fill(await currentTotpCode(t, p.social.email));
    await click(page, 'Continue');

    await page.goto(`${baseUrl}/children/${p.childId}/requests/new`);
    await page.getByLabel('Which agency are you asking?').selectOption({ label: 'Police' });
    await page.getByRole('radio', { name: 'To offer early help or support to a child or family' }).check();
    await page.getByLabel('What is the lawful basis for asking?').selectOption('court_order');
    await page.getByRole('radio', { name: /^Immediate/ }).check();
    await page.getByLabel('What information do you need?').fill('Everything you hold about the family');
    await page.getByLabel('Why do you need it?').fill('Just in case there is something we should know');
    await page.getByRole('radio', { name: 'Yes, consent has been given' }).check();

    const refused = await click(page, 'Send request');
    assert.equal(refused.status(), 400);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /A court order is the lawful basis only when a court has ordered/);

    await page.getByLabel('What is the lawful basis for asking?').selectOption('');
    const warned = await click(page, 'Send request');
    assert.equal(warned.status(), 400);
    assert.match(await page.title(), /^Check your request before you send it/);
    assert.equal(await heading(page), 'Ask another agency for information');
    const warnings = await page.locator('#request-warnings').innerText();
    assert.match(warnings, /Immediate is for a child who may be at risk of significant harm now/);
    assert.match(warnings, /Ask only for what is necessary and proportionate/);
    assert.equal(await page.locator('#lawfulBasis option:checked').innerText(), 'UK GDPR Art. 6(1)(e) — public task (suggested for early help)');
    await expectAccessible(page, 'request: warnings to confirm');

    await page.getByRole('checkbox', { name: /Yes, I have read the warnings/ }).check();
    const sent = await click(page, 'Send request');
    assert.equal(sent.status(), 200);
    assert.match(pathOf(page), /^\/requests\/[0-9a-f-]{36}$/);
    assert.match(await page.locator('main').innerText(), /The requester went ahead after being warned that marked immediate/);

    // The record step of a decision advised "share", changed to "not sharing" and updated.
    await page.goto(`${baseUrl}/children/${p.childId}/decisions/new`);
    for (const [id, value] of SHARE) {
      assert.equal(pathOf(page), `/children/${p.childId}/decisions/new/${id}`);
      await page.getByRole('radio', { name: optionLabel(id, value), exact: true }).check();
      await click(page, 'Continue');
    }
    await click(page, 'Get advice');
    await navigate(page, () => page!.getByRole('button', { name: 'Record your decision' }).click());
    assert.equal(await heading(page), 'Record your decision');
    await page.getByRole('radio', { name: 'I am not sharing information' }).check();
    await click(page, 'Update the page for this decision');
    assert.equal(pathOf(page), `/children/${p.childId}/decisions/new/record`);
    assert.equal(await heading(page), 'Record your decision not to share');
    assert.equal(await page.getByRole('radio', { name: 'I am not sharing information' }).isChecked(), true);
    assert.equal(await page.getByLabel('Your reasons for not sharing').count(), 1);
    assert.equal(await page.getByLabel('What information are you sharing?').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Record decision not to share', exact: true }).count(), 1);
    await expectAccessible(page, 'record: not sharing');
  });
});
