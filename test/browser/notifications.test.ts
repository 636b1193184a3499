// Browser journeys through notifications and the e-mail outbox (Chromium, axe-core WCAG 2.2 AA):
// a practitioner follows the unread count to their notifications, marks them read and opens one;
// the administrator reads the partnership's e-mail outbox from the navigation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { NotificationKind } from '../../src/domain/notifications.ts';
import { notify } from '../../src/use-cases/kernel/notify.ts';
import { deliverEmails } from '../../src/use-cases/notifications/deliver-emails.ts';
import type { TestDb } from '../support/db.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const SAM = 'sam.social@council.example';
const ADA = 'ada.admin@council.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});

after(() => stopDemoServer({ t, app, browser }));

const signIn = (page: Page, email: string) => signInAs(page, baseUrl, email);

async function staff(email: string) {
  return t.deps.db.selectFrom('staff_user').select(['id', 'partnership_id']).where('email', '=', email).executeTakeFirstOrThrow();
}

async function notifyPerson(email: string, kind: NotificationKind, link: string) {
  const s = await staff(email);
  await t.deps.db.transaction().execute((trx) => notify(trx, t.deps.now(), s.partnership_id, kind, link, { userIds: [s.id] }));
}

describe('notifications and the e-mail outbox in the browser (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('a practitioner follows the unread count, marks all as read and opens a notification', { timeout: JOURNEY_TIMEOUT }, async () => {
    await notifyPerson(SAM, 'request.received', '/children');
    await notifyPerson(SAM, 'disclosure.received', '/children');
    const page = await newPage(browser);
    try {
      await signIn(page, SAM);
      const link = page.getByRole('link', { name: /^Notifications \(2\s*unread\s*\)$/ });
      assert.equal(await link.count(), 1, `the navigation says how many are unread: ${(await page.locator('.govuk-service-navigation__link').allInnerTexts()).join(' | ')}`);
      await Promise.all([page.waitForURL(`${baseUrl}/notifications`), link.click()]);
      assert.equal(await heading(page), 'Notifications');
      assert.equal(await page.locator('tbody tr').count(), 2);
      await expectAccessible(page, 'notifications (unread)');

      await Promise.all([page.waitForURL(`${baseUrl}/notifications`), page.getByRole('button', { name: 'Mark all as read' }).click()]);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /All your notifications are marked as read/);
      assert.equal(await page.getByRole('link', { name: 'Notifications', exact: true }).count(), 1, 'no count once read');
      await expectAccessible(page, 'notifications (read)');

      await Promise.all([page.waitForURL(`${baseUrl}/children`), page.getByRole('link', { name: /^View notification: You have a new information request/ }).click()]);
    } finally {
      await closePage(page);
    }
  });

  it('the administrator reads the partnership’s e-mail outbox; a practitioner is told "Page not found"', { timeout: JOURNEY_TIMEOUT }, async () => {
    await deliverEmails(t.deps);
    await notifyPerson(SAM, 'correction.issued', '/children');
    const ada = await newPage(browser);
    const sam = await newPage(browser);
    try {
      await signIn(ada, ADA);
      await Promise.all([ada.waitForURL(`${baseUrl}/outbox`), ada.getByRole('link', { name: 'E-mail outbox' }).click()]);
      assert.equal(await heading(ada), 'E-mail outbox');
      const rows = await ada.locator('tbody tr').allInnerTexts();
      assert.ok(
        rows.some((r) => r.includes(SAM) && r.includes('Kept in the outbox, not sent')),
        rows.join('\n'),
      );
      assert.ok(
        rows.some((r) => r.includes('Waiting to be sent') && r.includes('Information your agency received has been corrected')),
        rows.join('\n'),
      );
      await expectAccessible(ada, 'e-mail outbox');

      await signIn(sam, SAM);
      assert.equal(await sam.getByRole('link', { name: 'E-mail outbox' }).count(), 0);
      const denied = await sam.goto(`${baseUrl}/outbox`);
      assert.equal(denied?.status(), 404);
      assert.equal(await heading(sam), 'Page not found');
    } finally {
      await closePage(ada);
      await closePage(sam);
    }
  });
});
