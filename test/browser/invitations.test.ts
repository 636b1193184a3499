// The invitation journey in the browser (Chromium, axe-core WCAG 2.2 AA; ADR 0084): the council's
// administrator adds a member of staff with an invitation; the invitee opens the e-mailed link,
// chooses a password (after an error), sets up the authenticator app and is signed in; the used
// link then says so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { currentTotpCode } from '../support/app.ts';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const ADA = 'ada.admin@council.example';
const INVITEE = 'ivy.invited@council.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});

after(() => stopDemoServer({ t, app, browser }));

describe('invitations in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('an administrator invites; the invitee sets a password and an authenticator app and is signed in', { timeout: JOURNEY_TIMEOUT }, async () => {
    const admin = await newPage(browser);
    const invitee = await newPage(browser);
    try {
      await signInAs(admin, baseUrl, ADA);
      await admin.goto(`${baseUrl}/staff/new`);
      await admin.getByLabel('Full name').fill('Ivy Invited');
      await admin.getByLabel('Work email address').fill(INVITEE);
      await admin.getByLabel('Practitioner').check();
      assert.equal(await admin.getByLabel('Send them an invitation by email now').isChecked(), true);
      await Promise.all([admin.waitForURL(/\/staff\/[0-9a-f-]{36}$/), admin.getByRole('button', { name: 'Add' }).click()]);
      assert.equal(await heading(admin), 'Ivy Invited');
      assert.match(await admin.locator('#invitation + .govuk-summary-list').innerText(), /Invitation sent/);
      await expectAccessible(admin, 'a member of staff with an invitation');

      const mail = await t.deps.db.selectFrom('email_outbox').select('body').where('to_address', '=', INVITEE).executeTakeFirstOrThrow();
      const link = /https?:\/\/\S+\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.body);
      assert.ok(link, 'the e-mail holds the link');
      await invitee.goto(`${baseUrl}/invitation/${link[1]}`);
      assert.equal(new URL(invitee.url()).pathname, '/invitation', 'the token leaves the address bar');
      assert.equal(await heading(invitee), 'Set up your Concord account');
      await expectAccessible(invitee, 'set up your account');
      await invitee.getByLabel('Password', { exact: true }).fill('too short');
      await invitee.getByLabel('Confirm password').fill('too short');
      await invitee.getByRole('button', { name: 'Continue' }).click();
      await invitee.waitForLoadState();
      assert.match(await invitee.title(), /^Error: /);
      await expectAccessible(invitee, 'set up your account (errors)');
      await invitee.getByLabel('Password', { exact: true }).fill('harbour violet maple drum');
      await invitee.getByLabel('Confirm password').fill('harbour violet maple drum');
      await Promise.all([invitee.waitForURL(`${baseUrl}/sign-in/set-up-authenticator`), invitee.getByRole('button', { name: 'Continue' }).click()]);
      await invitee.getByLabel('Code from your authenticator app').fill(await currentTotpCode(t, INVITEE));
      await Promise.all([invitee.waitForURL(`${baseUrl}/sign-in/recovery-codes`), invitee.getByRole('button', { name: 'Continue' }).click()]);
      await Promise.all([invitee.waitForURL(`${baseUrl}/children`), invitee.getByRole('button', { name: 'I have saved my recovery codes' }).click()]);
      assert.match(await invitee.locator('.app-account__user').innerText(), /Ivy Invited/);

      const used = await newPage(browser);
      try {
        await used.goto(`${baseUrl}/invitation/${link[1]}`);
        assert.equal(await heading(used), 'This invitation has already been used');
        await expectAccessible(used, 'a used invitation');
      } finally {
        await closePage(used);
      }
    } finally {
      await closePage(admin);
      await closePage(invitee);
    }
  });
});
