// The real application on a test database with the demo partnership loaded, listening on a free
// loopback port, and Chromium: what the browser journeys start from.
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/use-cases/partnerships/_demo-data.ts';
import { buildApp, currentTotpCode } from '../support/app.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { launchBrowser } from './harness.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
/** Set by scripts/test.ts once it has built public/ for the run. */
export const ASSETS_BUILT = 'CONCORD_TEST_ASSETS_BUILT';
/** The test database behind each running demo server, by its address (for the authenticator code). */
const servers = new Map<string, TestDb>();

export interface DemoServer {
  t: TestDb;
  app: FastifyInstance;
  browser: Browser;
  baseUrl: string;
}

export async function startDemoServer(): Promise<DemoServer> {
  // Chromium first: if it is missing the file fails at once with how to install it, instead of
  // leaving a server and a database open that nothing can close (the run would never end).
  const browser = await launchBrowser();
  // Make sure public/ (CSS, JavaScript) exists; a no-op when it is up to date, and skipped when the
  // test runner has just built it for every file.
  if (!process.env[ASSETS_BUILT]) execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build-assets.ts')], { cwd: root, stdio: 'ignore' });
  const t = await openTestDb({ demo: true });
  const app = await buildApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  servers.set(baseUrl, t);
  return { t, app, browser, baseUrl };
}

export async function stopDemoServer(s: Partial<DemoServer>): Promise<void> {
  if (s.baseUrl) servers.delete(s.baseUrl);
  await s.browser?.close();
  await s.app?.close();
  await s.t?.close();
}

/** Sign a demo account in through the real forms (password, then the code from the authenticator
 *  app the demo accounts share), arriving where the account lands: the children page, or the staff
 *  pages for someone who only administers (landingPage). A factory account passes its own password. */
export async function signInAs(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForURL(`${baseUrl}/sign-in/code`), page.getByRole('button', { name: 'Sign in' }).click()]);
  const t = servers.get(baseUrl);
  if (!t) throw new Error(`no demo server at ${baseUrl}`);
  await page.getByLabel('Enter the code from your authenticator app').fill(await currentTotpCode(t, email));
  await Promise.all([page.waitForURL((url) => url.origin === baseUrl && ['/children', '/staff'].includes(url.pathname)), page.getByRole('button', { name: 'Continue' }).click()]);
}
