// Browser journeys through sign-in with a second factor and the password pages (Chromium, axe-core
// WCAG 2.2 AA): setting up an authenticator app at first sign-in with JavaScript switched off (QR
// code, key, recovery codes), resetting a forgotten password from the outbox's link, changing a
// password, and confirming it is you before creating an API key (ADR 0017, ADR 0018).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { totpCode } from '../../src/use-cases/kernel/totp.ts';
import { DEMO_PASSWORD } from '../../src/use-cases/partnerships/_demo-data.ts';
import { currentTotpCode } from '../support/app.ts';
import type { TestDb } from '../support/db.ts';
import { makeStaff, TEST_PASSWORD } from '../support/factories.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const SAM = 'sam.social@council.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});

after(() => stopDemoServer({ t, app, browser }));

const path = (page: Page) => new URL(page.url()).pathname;
/** Press a button and wait for the page the form leads to (after any redirects). */
async function submit(page: Page, button: string) {
  const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400));
  await Promise.all([response, page.waitForEvent('load'), page.getByRole('button', { name: button }).click()]);
}

describe('accounts and sign-in in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('a new member of staff sets up their authenticator app at first sign-in (with JavaScript off, and checked by axe with it on)', { timeout: JOURNEY_TIMEOUT }, async () => {
    const council = await t.deps.db
      .selectFrom('agency')
      .innerJoin('partnership', 'partnership.id', 'agency.partnership_id')
      .select(['agency.id', 'agency.partnership_id'])
      .where('partnership.slug', '=', 'northbridge')
      .where('agency.sector', '=', 'local_authority')
      .executeTakeFirstOrThrow();
    // axe-core runs as JavaScript in the page, so the journey without JavaScript is walked without it.
    for (const javaScriptEnabled of [false, true]) {
      const newcomer = await makeStaff(t.deps, council.partnership_id, council.id, ['practitioner'], `new.starter.${javaScriptEnabled ? 'js' : 'nojs'}@council.example`, { mfa: false });
      const axe = (label: string) => (javaScriptEnabled ? expectAccessible(page, label) : Promise.resolve());
      const page = await newPage(browser, { javaScriptEnabled });
      try {
        await page.goto(`${baseUrl}/sign-in`);
        await page.getByLabel('Email address').fill(newcomer.email);
        await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
        await submit(page, 'Sign in');
        assert.equal(path(page), '/sign-in/set-up-authenticator');
        assert.equal(await heading(page), 'Set up your authenticator app');
        assert.equal(await page.getByRole('img', { name: 'QR code for your authenticator app' }).count(), 1);
        await axe('set up your authenticator app');
        await page.getByLabel('Code from your authenticator app').fill('123');
        await submit(page, 'Continue');
        assert.match(await page.title(), /^Error: Set up your authenticator app/);
        await axe('set up your authenticator app (errors)');
        const key = (await page.locator('#totp-key').innerText()).replace(/\s+/g, '');
        await page.getByLabel('Code from your authenticator app').fill(await totpCode(key, t.deps.now()));
        await submit(page, 'Continue');
        assert.equal(await heading(page), 'Save your recovery codes');
        assert.equal(await page.locator('.app-recovery-codes li').count(), 10);
        await axe('recovery codes');
        await Promise.all([page.waitForURL(`${baseUrl}/children`), page.getByRole('button', { name: 'I have saved my recovery codes' }).click()]);
      } finally {
        await closePage(page);
      }
    }
  });

  it('someone who forgot their password resets it from the e-mailed link', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await newPage(browser);
    try {
      await page.goto(`${baseUrl}/sign-in`);
      await Promise.all([page.waitForURL(`${baseUrl}/sign-in/forgot-password`), page.getByRole('link', { name: 'Forgotten your password?' }).click()]);
      await expectAccessible(page, 'reset your password');
      await submit(page, 'Send the link');
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter your email address/);
      await expectAccessible(page, 'reset your password (errors)');
      await page.getByLabel('Email address').fill('yan.worker@youth.example');
      await submit(page, 'Send the link');
      assert.equal(await heading(page), 'Check your email');
      await expectAccessible(page, 'check your email');
      const mail = await t.deps.db.selectFrom('email_outbox').select('body').where('template', '=', 'password-reset').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      const link = new URL(/(http\S+\/sign-in\/reset-password\/\S+)/.exec(mail.body)![1]!);
      await page.goto(`${baseUrl}${link.pathname}`);
      assert.equal(path(page), '/sign-in/reset-password', 'the token is not left in the address bar');
      await expectAccessible(page, 'choose a new password');
      await page.getByLabel('New password', { exact: true }).fill('password1234');
      await page.getByLabel('Confirm new password').fill('password1234');
      await submit(page, 'Change password');
      assert.match(await page.locator('.govuk-error-summary').innerText(), /too common/);
      await expectAccessible(page, 'choose a new password (errors)');
      await page.getByLabel('New password', { exact: true }).fill('kettle orbit tulip');
      await page.getByLabel('Confirm new password').fill('kettle orbit tulip');
      await submit(page, 'Change password');
      assert.equal(path(page), '/sign-in');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your password has been changed/);
      await page.getByLabel('Email address').fill('yan.worker@youth.example');
      await page.getByLabel('Password', { exact: true }).fill('kettle orbit tulip');
      await submit(page, 'Sign in');
      assert.equal(path(page), '/sign-in/code');
      await page.getByLabel('Enter the code from your authenticator app').fill(await currentTotpCode(t, 'yan.worker@youth.example'));
      await submit(page, 'Continue');
      assert.equal(path(page), '/children');
    } finally {
      await closePage(page);
    }
  });

  it('a practitioner changes their password, and confirms it is them before creating an API key', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await newPage(browser);
    try {
      await signInAs(page, baseUrl, SAM);
      await Promise.all([page.waitForURL(`${baseUrl}/account/password`), page.getByRole('link', { name: 'Change password' }).click()]);
      await expectAccessible(page, 'change your password');
      await page.getByLabel('Current password').fill('wrong');
      await page.getByLabel('New password', { exact: true }).fill('short');
      await submit(page, 'Change password');
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Your current password is not correct/);
      await expectAccessible(page, 'change your password (errors)');
      await page.getByLabel('Current password').fill(DEMO_PASSWORD);
      await page.getByLabel('New password', { exact: true }).fill('lantern meadow copper');
      await page.getByLabel('Confirm new password').fill('lantern meadow copper');
      await submit(page, 'Change password');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your password has been changed/);
      await expectAccessible(page, 'change your password (done)');

      // Twenty minutes on, creating an API key asks for a fresh code first.
      t.clock.now = new Date(t.clock.now.getTime() + 20 * 60_000);
      await page.goto(`${baseUrl}/account/api-keys`);
      await page.getByLabel('Name of the key').fill('Case management system');
      await submit(page, 'Create key');
      assert.equal(path(page), '/account/confirm-identity');
      await expectAccessible(page, 'confirm it is you');
      await submit(page, 'Continue');
      assert.match(await page.title(), /^Error: Confirm it is you/);
      await expectAccessible(page, 'confirm it is you (errors)');
      await page.getByLabel('Confirm it is you').fill(await currentTotpCode(t, SAM));
      await submit(page, 'Continue');
      assert.equal(path(page), '/account/api-keys');
      await page.getByLabel('Name of the key').fill('Case management system');
      await submit(page, 'Create key');
      assert.equal(await heading(page), 'API key created');
    } finally {
      await closePage(page);
    }
  });
});
