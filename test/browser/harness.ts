// Browser test harness: Debian's Chromium driven by playwright-core (browsers
// are never downloaded), axe-core checks against WCAG 2.2 AA, and a helper for
// keyboard-only journeys.
import { AssertionError } from 'node:assert';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** How long one journey (one `it`) may take before it fails instead of hanging. A guard against a
 *  journey that stops making progress, not a measure of speed: generous, because CI runs several
 *  journeys and database files at once on two cores. The suite's wall time is what is watched. */
export const JOURNEY_TIMEOUT = 300_000;

/** The WCAG 2.2 AA rule sets (2.0, 2.1 and 2.2, levels A and AA). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Launches Debian's Chromium (or CHROMIUM_PATH). Close it in an `after` hook. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium was not found at ${executablePath}. Install Debian's Chromium with ` +
        '`apt-get update && apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary. ' +
        '(Browser tests never download browsers.)',
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * A page in a fresh browser context (no cookies shared with other pages), as
 * @axe-core/playwright requires. Close it with `closePage(page)`.
 */
export async function newPage(browser: Browser, options?: Parameters<Browser['newContext']>[0]): Promise<Page> {
  const context: BrowserContext = await browser.newContext(options);
  return context.newPage();
}

/** Closes a page from `newPage` and its context. */
export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/**
 * Runs axe-core on the page as it is now and throws an AssertionError listing
 * every WCAG 2.2 AA violation (rule id, impact, help, failing elements).
 * `label` says which page and state was checked, e.g. "sign-in (errors)".
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const { violations } = results;
  if (violations.length === 0) return;

  const lines = [`${label}: ${violations.length} accessibility violation${violations.length === 1 ? '' : 's'} at ${page.url()}`];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`);
    lines.push(`  ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`  at ${node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ')}`);
      const [first, ...rest] = (node.failureSummary ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      if (first) lines.push(`     ${first} ${rest.join('; ')}`);
    }
  }
  throw new AssertionError({
    message: lines.join('\n'),
    actual: violations.map((v) => v.id),
    expected: [],
    operator: 'expectAccessible',
  });
}

/**
 * Presses Tab until an element matching `selector` (any Playwright selector)
 * has focus, as a keyboard-only user would. Returns the number of presses;
 * throws if it is not reached within `maxPresses`.
 */
export async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<number> {
  const visited: string[] = [];
  for (let presses = 1; presses <= maxPresses; presses += 1) {
    await page.keyboard.press('Tab');
    if (await isFocused(page, selector)) return presses;
    visited.push(await describeActiveElement(page));
  }
  throw new AssertionError({
    message: `tabTo: ${selector} did not receive focus after ${maxPresses} presses of Tab.\n` + `Focus went to: ${visited.slice(0, 20).join(', ')}${visited.length > 20 ? ', …' : ''}`,
    operator: 'tabTo',
  });
}

/** Whether an element matching `selector` (any Playwright selector) has focus. */
export async function isFocused(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluateAll((elements) => elements.some((el) => el === el.ownerDocument.activeElement));
}

async function describeActiveElement(page: Page): Promise<string> {
  // A string expression: it runs in the browser, and this project's TypeScript has no DOM types.
  return page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(body)';
    const id = el.id ? '#' + el.id : '';
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 30);
    return el.tagName.toLowerCase() + id + (text ? ' "' + text + '"' : '');
  })()`);
}

/** The page's main heading, its white space collapsed. */
export const heading = async (page: Page) => (await page.locator('h1').first().innerText()).replace(/\s+/g, ' ').trim();
