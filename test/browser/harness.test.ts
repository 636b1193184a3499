// The browser harness, and the layout in a real browser: it loads its CSS and
// JavaScript under a strict nonce-based CSP, passes axe-core (WCAG 2.2 AA) in
// its normal and error states, and works with the keyboard alone. It also shows
// the accessibility checker can fail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { configureNunjucks } from '../../src/web/nunjucks.ts';
import { closePage, expectAccessible, isFocused, launchBrowser, newPage, tabTo } from './harness.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const publicDir = path.join(root, 'public');
const env = configureNunjucks(path.join(root, 'src', 'web', 'views'));

const NONCE = 'test-nonce-0123456789';
const CSP = [
  "default-src 'self'",
  `script-src 'self' 'nonce-${NONCE}'`,
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const user = {
  displayName: 'Alex Example',
  agencyName: 'Northshire County Council',
  partnershipName: 'Northshire Safeguarding Children Partnership',
  roleLabels: ['Practitioner'],
};

const childPage = `{% extends "layout.njk" %}
{% from "govuk/components/input/macro.njk" import govukInput %}
{% from "govuk/components/button/macro.njk" import govukButton %}
{% block content %}
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-two-thirds">
      <h1 class="govuk-heading-l">Find a child</h1>
      <form method="post" action="/children" novalidate>
        <input type="hidden" name="_csrf" value="{{ csrfToken }}">
        {{ govukInput({ label: { text: "Name" }, id: "name", name: "name", errorMessage: errorFor(errors, "name") }) }}
        {{ govukButton({ text: "Search" }) }}
      </form>
    </div>
  </div>
{% endblock %}`;

function renderPage(template: string, context: Record<string, unknown>): string {
  const base = { cspNonce: NONCE, csrfToken: 'csrf-token-abc', currentPath: '/', errors: [] };
  return template.startsWith('{%') ? env.renderString(template, { ...base, ...context }) : env.render(template, { ...base, ...context });
}

const pages: Record<string, string> = {
  '/signed-out': renderPage(childPage, { pageTitle: 'Find a child' }),
  '/children': renderPage(childPage, { pageTitle: 'Find a child', user, currentPath: '/children' }),
  '/children-with-errors': renderPage(childPage, {
    pageTitle: 'Find a child',
    user,
    currentPath: '/children',
    errors: [{ path: 'name', message: 'Enter a name' }],
  }),
  '/accessibility': renderPage('pages/accessibility.njk', {}),
  '/privacy': renderPage('pages/privacy.njk', { user }),
  '/not-found': renderPage('error.njk', { statusCode: 404 }),
  '/broken': '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head>' + '<body><main><h1>Broken</h1><input type="text" name="q"></main></body></html>',
};

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Bodies of the forms posted to the server, by path. */
const posted: Record<string, string> = {};

function startServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        posted[pathname] = body;
        res.writeHead(303, { location: '/signed-out' }).end();
      });
      return;
    }
    const page = pages[pathname];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP }).end(page);
      return;
    }
    const file = path.join(publicDir, decodeURIComponent(pathname));
    const type = TYPES[path.extname(file)];
    if (!file.startsWith(publicDir + path.sep) || type === undefined) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (data) => res.writeHead(200, { 'content-type': type }).end(data),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Opens a page, failing on script errors, CSP violations and missing files. */
async function open(page: Page, pathname: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  await page.goto(`${baseUrl}${pathname}`, { waitUntil: 'networkidle' });
  return problems;
}

/** A computed CSS value of the first element matching a CSS selector (an expression run in the browser). */
function cssValue(page: Page, selector: string, property: string): Promise<string> {
  return page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(property)})`);
}

let server: Server;
let browser: Browser;
let baseUrl: string;

before(async () => {
  // Make sure public/ exists (a no-op when it is up to date).
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build-assets.ts')], {
    cwd: root,
    stdio: 'ignore',
  });
  server = await startServer();
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('launchBrowser', () => {
  it('says how to install Chromium when it is missing', async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      await assert.rejects(launchBrowser(), /apt-get install -y chromium/);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});

describe('expectAccessible', () => {
  it('fails on a page with an unlabelled input, naming the rule and the element', async () => {
    const page = await newPage(browser);
    try {
      await open(page, '/broken');
      await assert.rejects(expectAccessible(page, 'broken page'), (err: unknown) => {
        assert.ok(err instanceof assert.AssertionError);
        assert.match(err.message, /^broken page: \d+ accessibility violations? at /);
        assert.match(err.message, /- label \((critical|serious)\): Form elements must have labels/);
        assert.match(err.message, /at input\[name="q"\]|at input/);
        return true;
      });
    } finally {
      await closePage(page);
    }
  });
});

describe('layout in Chromium', () => {
  for (const pathname of ['/signed-out', '/children', '/children-with-errors', '/accessibility', '/privacy', '/not-found']) {
    it(`${pathname}: loads cleanly under a nonce CSP and passes axe (WCAG 2.2 AA)`, async () => {
      const page = await newPage(browser);
      try {
        const problems = await open(page, pathname);
        await expectAccessible(page, pathname);
        assert.deepEqual(problems, []);
        // GOV.UK Frontend's inline script and module scripts ran (they need the nonce)
        assert.equal(await page.locator('body.govuk-frontend-supported').count(), 1);
      } finally {
        await closePage(page);
      }
    });
  }

  it('is styled as Concord: teal Generic header, system font', async () => {
    const page = await newPage(browser);
    try {
      await open(page, '/children');
      assert.equal(await cssValue(page, '.govuk-generic-header', 'background-color'), 'rgb(11, 85, 99)');
      assert.equal((await page.locator('.govuk-generic-header__homepage-link').textContent())?.trim(), 'Concord');
      assert.match((await page.locator('.app-header__partnership').textContent()) ?? '', /Northshire Safeguarding Children Partnership/);
      assert.match(await cssValue(page, '.govuk-generic-header', 'font-family'), /^system-ui/);
      assert.match(await cssValue(page, '.govuk-heading-l', 'font-family'), /^system-ui/);
      // The service navigation's JavaScript initialised
      assert.equal(await page.locator('[data-govuk-service-navigation-init]').count(), 1);
    } finally {
      await closePage(page);
    }
  });

  it('keyboard: skip link first, then sign out with the keyboard alone (a real POST with the CSRF token)', async () => {
    const page = await newPage(browser);
    try {
      await open(page, '/children');
      assert.equal(await tabTo(page, '.govuk-skip-link'), 1);
      await tabTo(page, 'button:has-text("Sign out")');
      await Promise.all([page.waitForURL(`${baseUrl}/signed-out`), page.keyboard.press('Enter')]);
      assert.equal(posted['/sign-out'], '_csrf=csrf-token-abc');
    } finally {
      await closePage(page);
    }
  });

  it('errors: the summary takes focus and its link moves focus to the field', async () => {
    const page = await newPage(browser);
    try {
      await open(page, '/children-with-errors');
      assert.equal(await page.title(), 'Error: Find a child – Concord');
      assert.equal(await isFocused(page, '.govuk-error-summary'), true);
      await tabTo(page, '.govuk-error-summary a[href="#name"]', 5);
      await page.keyboard.press('Enter');
      assert.equal(await isFocused(page, '#name'), true);
    } finally {
      await closePage(page);
    }
  });

  it('tabTo fails when the element cannot be reached', async () => {
    const page = await newPage(browser);
    try {
      await open(page, '/signed-out');
      await assert.rejects(tabTo(page, 'h1', 5), /tabTo: h1 did not receive focus after 5 presses of Tab/);
    } finally {
      await closePage(page);
    }
  });
});
