// Single sign-on in the browser (Chromium, axe-core WCAG 2.2 AA) through a real OpenID Connect
// provider on loopback (issue 11 part 4; ADR 0019, ADR 0047): the agency administrator sets the
// provider on its page, then staff sign in with their organisation's account — straight in when the
// provider proved a second factor, through Concord's code page when it did not — and someone the
// agency has not added is refused. axe-core checks every Concord page of the journey.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { redirectUriOf } from '../../src/use-cases/accounts/start-single-sign-on.ts';
import { currentTotpCode } from '../support/app.ts';
import type { TestDb } from '../support/db.ts';
import { makeStaff, TEST_PASSWORD } from '../support/factories.ts';
import { type ProviderPerson, startTestProvider, type TestProvider } from '../support/oidc-provider.ts';
import { startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;
let idp: TestProvider;
const person = (over: Partial<ProviderPerson> = {}): ProviderPerson => ({ sub: 'sub-ria', email: 'ria.sso@council.example', email_verified: true, amr: ['pwd', 'mfa'], ...over });

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
  // The provider sends people back to Concord's own address.
  t.deps.publicUrl = baseUrl;
  idp = await startTestProvider([redirectUriOf(baseUrl)], person());
});

after(async () => {
  await idp?.close();
  await stopDemoServer({ t, app, browser });
});

const path = (page: Page) => new URL(page.url()).pathname;
async function submit(page: Page, button: string) {
  const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400));
  await Promise.all([response, page.waitForEvent('load'), page.getByRole('button', { name: button }).click()]);
}

/** From the sign-in page, choose the council's provider; the provider signs the person in and sends them back. */
async function signInWithOrganisation(page: Page, until: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('link', { name: 'Sign in with your organisation’s account' }).click();
  assert.equal(await heading(page), 'Sign in with your organisation’s account');
  await expectAccessible(page, 'choose your organisation');
  await Promise.all([page.waitForURL((u) => u.pathname === until), page.getByRole('link', { name: 'Northbridge Council account' }).click()]);
}

describe('single sign-on in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('the administrator sets the provider; staff sign in through it, with or without the provider’s second factor; strangers are refused', { timeout: JOURNEY_TIMEOUT }, async () => {
    const council = await t.deps.db
      .selectFrom('agency')
      .innerJoin('partnership', 'partnership.id', 'agency.partnership_id')
      .select(['agency.id', 'agency.partnership_id'])
      .where('partnership.slug', '=', 'northbridge')
      .where('agency.sector', '=', 'local_authority')
      .executeTakeFirstOrThrow();
    const admin = await makeStaff(t.deps, council.partnership_id, council.id, ['administrator'], 'sso.admin@council.example');
    await makeStaff(t.deps, council.partnership_id, council.id, ['practitioner'], 'ria.sso@council.example', { mfa: false });
    const joe = await makeStaff(t.deps, council.partnership_id, council.id, ['practitioner'], 'joe.sso@council.example');

    // The administrator's page: an error, then saved.
    const page = await newPage(browser);
    try {
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByLabel('Email address').fill(admin.email);
      await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
      await submit(page, 'Sign in');
      await page.getByLabel('Enter the code from your authenticator app').fill(await currentTotpCode(t, admin.email));
      await submit(page, 'Continue');
      await page.goto(`${baseUrl}/staff`);
      await page.getByRole('link', { name: 'Single sign-on' }).click();
      assert.equal(await heading(page), 'Single sign-on');
      await expectAccessible(page, 'single sign-on settings');
      await page.getByLabel('Name on the sign-in page').fill('Northbridge Council account');
      await page.getByLabel('Issuer').fill('http://idp.example');
      await submit(page, 'Save single sign-on');
      assert.match(await page.title(), /^Error: /);
      assert.equal(await page.locator('.govuk-error-summary a[href="#issuer"]').count(), 1);
      await expectAccessible(page, 'single sign-on settings with errors');
      await page.getByLabel('Issuer').fill(idp.issuer);
      await page.getByLabel('Client ID').fill(idp.clientId);
      await page.getByLabel('Client secret').fill(idp.clientSecret);
      await page.getByLabel('amr values that mean multi-factor authentication').fill('mfa');
      await page.getByLabel('By the email address the provider has verified').check();
      await submit(page, 'Save single sign-on');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /switched on/);
      await expectAccessible(page, 'single sign-on saved');
    } finally {
      await closePage(page);
    }

    // A pre-created person, the provider proved a second factor: straight in.
    const ria = await newPage(browser);
    try {
      idp.person = person();
      await signInWithOrganisation(ria, '/children');
      await expectAccessible(ria, 'children after single sign-on');
    } finally {
      await closePage(ria);
    }

    // The provider did not prove a second factor: Concord's own code page.
    const jo = await newPage(browser);
    try {
      idp.person = person({ sub: 'sub-joe', email: joe.email, amr: ['pwd'] });
      await signInWithOrganisation(jo, '/sign-in/code');
      await expectAccessible(jo, 'code after single sign-on');
      await jo.getByLabel('Enter the code from your authenticator app').fill(await currentTotpCode(t, joe.email));
      await submit(jo, 'Continue');
      assert.equal(path(jo), '/children');
    } finally {
      await closePage(jo);
    }

    // Someone the agency has not added.
    const stranger = await newPage(browser);
    try {
      idp.person = person({ sub: 'sub-stranger', email: 'stranger@council.example' });
      await signInWithOrganisation(stranger, '/sign-in/organisation/callback');
      assert.equal(await heading(stranger), 'You cannot sign in with your organisation’s account');
      await expectAccessible(stranger, 'single sign-on refused');
    } finally {
      await closePage(stranger);
    }
  });
});
