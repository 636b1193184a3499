// The frame every page sits in (issue 15), in Chromium with axe-core WCAG 2.2 AA: the service
// navigation on one line at 1,200 px, measured; no horizontal scrolling at 320 CSS px on every list
// page (WCAG 2.2 1.4.10 Reflow: tables stack); and the partnership in the header with its switch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { loadDemoPartnership } from '../../src/demo.ts';
import { notify } from '../../src/use-cases/kernel/notify.ts';
import { DEMO_PASSWORD, eastholmePartnership } from '../../src/use-cases/partnerships/_demo-data.ts';
import { currentTotpCode } from '../support/app.ts';
import { type DemoServer, signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

let s: DemoServer;

before(async () => {
  s = await startDemoServer();
});
after(() => stopDemoServer(s));

/** Every list page, by who can see it. */
const LIST_PAGES: [string, string[]][] = [
  ['sam.social@council.example', ['/children', '/requests', '/disclosures', '/notifications', '/disputes', '/breaches', '/protocol', '/account/api-keys']],
  ['fran.frontdoor@council.example', ['/requests', '/disclosures']],
  ['ivy.governance@council.example', ['/breaches', '/audit/export', '/disposals']],
  ['pat.partnership@council.example', ['/staff', '/agencies', '/outbox', '/partnership/agreements', '/registers', '/breaches', '/disputes']],
  ['ada.admin@council.example', ['/staff', '/staff/api-keys', '/outbox']],
];

interface NavigationLayout {
  texts: string[];
  rows: number;
  overflow: number;
  right: number;
  containerRight: number;
  pageScroll: number;
}

/** The service navigation's items as laid out (run in the page; a string, as the tests have no DOM types). */
const navigationLayout = (page: Page) =>
  page.evaluate<NavigationLayout>(`(() => {
    const list = document.querySelector('.govuk-service-navigation__list');
    const container = document.querySelector('.govuk-service-navigation .govuk-width-container');
    const items = [...document.querySelectorAll('.govuk-service-navigation__item')];
    const boxes = items.map((i) => i.getBoundingClientRect());
    return {
      texts: items.map((i) => i.innerText.trim()),
      rows: new Set(boxes.map((r) => Math.round(r.top))).size,
      overflow: list.scrollWidth - list.clientWidth,
      right: Math.max(...boxes.map((r) => r.right)),
      containerRight: container.getBoundingClientRect().right,
      pageScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  })()`);

describe('the frame every page sits in (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('keeps the service navigation on one line at 1,200 px, for every set of roles and a large unread count', { timeout: JOURNEY_TIMEOUT }, async () => {
    const fran = await s.t.deps.db.selectFrom('staff_user').select(['id', 'partnership_id']).where('email', '=', 'fran.frontdoor@council.example').executeTakeFirstOrThrow();
    for (let i = 0; i < 120; i += 1) {
      await s.t.deps.db.transaction().execute((trx) => notify(trx, s.t.deps.now(), fran.partnership_id, 'request.received', '/requests', { userIds: [fran.id] }));
    }
    for (const email of ['ada.admin@council.example', 'pat.partnership@council.example', 'ivy.governance@council.example', 'fran.frontdoor@council.example']) {
      const page = await newPage(s.browser, { viewport: { width: 1200, height: 800 } });
      try {
        await signInAs(page, s.baseUrl, email);
        const nav = await navigationLayout(page);
        assert.equal(nav.rows, 1, `${email}: the navigation wraps onto ${nav.rows} lines: ${nav.texts.join(' | ')}`);
        assert.ok(nav.overflow <= 0, `${email}: the navigation overflows by ${nav.overflow} px`);
        assert.ok(nav.right <= nav.containerRight, `${email}: the last item ends at ${nav.right} px, past the container (${nav.containerRight} px)`);
        assert.ok(nav.pageScroll <= 0, `${email}: the page scrolls sideways by ${nav.pageScroll} px`);
        if (email.startsWith('fran'))
          assert.ok(
            nav.texts.some((t) => /^Notifications \(\d{3}/.test(t)),
            `a three-figure unread count: ${nav.texts.join(' | ')}`,
          );
        await expectAccessible(page, `${email}: children (1,200 px)`);
      } finally {
        await closePage(page);
      }
    }
  });

  it('reflows every list page at 320 CSS px without scrolling sideways (WCAG 2.2 1.4.10)', { timeout: JOURNEY_TIMEOUT }, async () => {
    const failures: string[] = [];
    for (const [email, paths] of LIST_PAGES) {
      const page = await newPage(s.browser, { viewport: { width: 1200, height: 800 } });
      try {
        await signInAs(page, s.baseUrl, email);
        await page.setViewportSize({ width: 320, height: 640 });
        // A child's own page too (its chronology and tables), reached from the caseload.
        const extra = email.startsWith('sam') ? [await page.locator('main a[href^="/children/"]').first().getAttribute('href')] : [];
        for (const path of [...paths, ...extra.filter((p): p is string => Boolean(p))]) {
          const res = await page.goto(`${s.baseUrl}${path}`);
          assert.equal(res?.status(), 200, `${email} ${path}`);
          const width = await page.evaluate<number>('document.documentElement.scrollWidth');
          if (width > 320) {
            const wide = await page.evaluate<string[]>(
              "[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 321).slice(0, 3).map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))",
            );
            failures.push(`${path} (${email}): ${width} px wide — ${wide.join(', ')}`);
          }
        }
        if (email.startsWith('sam')) {
          await page.goto(`${s.baseUrl}/requests`);
          await expectAccessible(page, 'requests (320 px, stacked table)');
        }
      } finally {
        await closePage(page);
      }
    }
    assert.deepEqual(failures, [], `pages that scroll sideways at 320 px:\n${failures.join('\n')}`);
  });

  it('names the partnership in the header and switches a person who works in two', { timeout: JOURNEY_TIMEOUT }, async () => {
    await loadDemoPartnership(s.t.deps, eastholmePartnership, DEMO_PASSWORD);
    const page = await newPage(s.browser);
    try {
      await page.goto(`${s.baseUrl}/sign-in`);
      await page.getByLabel('Email address').fill('pc.penny@police.example');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await Promise.all([page.waitForURL(`${s.baseUrl}/sign-in/partnership`), page.getByRole('button', { name: 'Sign in' }).click()]);
      await page.getByLabel('Northbridge Safeguarding Children Partnership').check();
      await Promise.all([page.waitForURL(`${s.baseUrl}/sign-in/code`), page.getByRole('button', { name: 'Continue' }).click()]);
      await page.getByLabel('Enter the code from your authenticator app').fill(await currentTotpCode(s.t, 'pc.penny@police.example'));
      await Promise.all([page.waitForURL(`${s.baseUrl}/children`), page.getByRole('button', { name: 'Continue' }).click()]);

      assert.match(await page.locator('.app-header__partnership').innerText(), /Northbridge Safeguarding Children Partnership/);
      await Promise.all([page.waitForURL(`${s.baseUrl}/account/partnership`), page.getByRole('link', { name: 'Switch partnership' }).click()]);
      assert.equal(await heading(page), 'Switch partnership');
      await expectAccessible(page, 'switch partnership');
      await page.getByRole('button', { name: 'Switch partnership' }).click();
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Select a partnership you work in/);
      await expectAccessible(page, 'switch partnership (error)');
      await page.getByLabel('Eastholme Safeguarding Children Partnership').check();
      await Promise.all([page.waitForURL(`${s.baseUrl}/children`), page.getByRole('button', { name: 'Switch partnership' }).click()]);
      assert.match(await page.locator('.app-header__partnership').innerText(), /Eastholme Safeguarding Children Partnership/);
      await expectAccessible(page, 'children after switching');
    } finally {
      await closePage(page);
    }
  });
});
