// Nunjucks for Concord's server-rendered pages: search paths (our views, GOV.UK
// Frontend, MOJ Frontend), autoescaping, and the filters and globals the
// templates use. The formatting functions are pure and exported for tests and
// presenters.
import { createRequire } from 'node:module';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime } from '../domain/date-format.ts';
import { formatNhsNumber } from '../domain/nhs-number.ts';

export const TIME_ZONE = 'Europe/London';

/** One validation error, as the routes pass them to templates (`errors`). */
export interface FieldError {
  /** The field's name, which is also the `id` of its input (the summary links to `#path`). */
  path: string | readonly (string | number)[];
  message: string;
}

export interface ErrorSummaryItem {
  text: string;
  href: string;
}

export interface NavigationItem {
  text: string;
  /** Markup for the item, when it needs more than text (the notifications count's hidden "unread"). */
  html?: string;
  href: string;
  /** The page is this item (aria-current="page"). */
  current?: boolean;
  /** The page is inside this item's section (aria-current="true"). */
  active?: boolean;
}

const require = createRequire(import.meta.url);
const packageDir = (pkg: string): string => path.dirname(require.resolve(`${pkg}/package.json`));

/** Where templates are looked up, in order: our views, then `govuk/…` and `moj/…` macros. */
export function nunjucksSearchPaths(viewsDir: string | readonly string[]): string[] {
  const ours = typeof viewsDir === 'string' ? [viewsDir] : [...viewsDir];
  return [...ours.map((dir) => path.resolve(dir)), path.join(packageDir('govuk-frontend'), 'dist'), packageDir('@ministryofjustice/frontend')];
}

/**
 * A Nunjucks environment for Concord's views. `viewsDir` may be several
 * directories (for example journey folders); the first match wins.
 */
export function configureNunjucks(viewsDir: string | readonly string[], options: { noCache?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(nunjucksSearchPaths(viewsDir), { noCache: options.noCache ?? false });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  return addConcordHelpers(env);
}

/**
 * Adds Concord's filters and globals to an environment (also usable as
 * @fastify/view's `options.onConfigure`).
 *
 * Filters: `date`, `dateTime`, `nhsNumber`, `errorFor(field)`, `errorSummaryList`.
 * Globals: `errorFor(errors, field)`, `errorSummaryList(errors)`,
 * `serviceNavigationItems(currentPath)`, `accountNavigationItems(currentPath)`.
 */
export function addConcordHelpers(env: nunjucks.Environment): nunjucks.Environment {
  env.addFilter('date', (value: unknown) => (isBlank(value) ? '' : formatDate(toDateInput(value))));
  env.addFilter('dateTime', (value: unknown) => (isBlank(value) ? '' : formatDateTime(toDateInput(value))));
  env.addFilter('nhsNumber', (value: unknown) => (isBlank(value) ? '' : formatNhsNumber(String(value))));
  env.addFilter('errorFor', (errors: unknown, field: string) => errorFor(errors, field));
  env.addFilter('errorSummaryList', (errors: unknown) => errorSummaryList(errors));
  env.addGlobal('errorFor', errorFor);
  env.addGlobal('errorSummaryList', errorSummaryList);
  env.addGlobal('serviceNavigationItems', serviceNavigationItems);
  env.addGlobal('accountNavigationItems', accountNavigationItems);
  // A page asset's address; the web app replaces it with the fingerprinted one (src/web/assets.ts).
  env.addGlobal('asset', (logical: string) => logical);
  return env;
}

// --- dates ------------------------------------------------------------------

/** The date formats live in the domain (use cases word messages with them too). */
export { formatDate, formatDateTime };

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function toDateInput(value: unknown): string | Date {
  if (value instanceof Date || typeof value === 'string') return value;
  throw new TypeError(`Expected a Date or an ISO 8601 string, got ${typeof value}`);
}

// --- NHS numbers ------------------------------------------------------------

/** "9990000018" (or with spaces) → "999 000 0018"; anything else is returned unchanged. */
export { formatNhsNumber };

// --- errors -----------------------------------------------------------------

function fieldErrors(errors: unknown): FieldError[] {
  if (!Array.isArray(errors)) return [];
  return errors.filter((e): e is FieldError => typeof e === 'object' && e !== null && typeof (e as FieldError).message === 'string' && 'path' in e);
}

/** The field id an error belongs to: a path array is joined with dots ("address.postcode"). */
export function errorPath(error: Pick<FieldError, 'path'>): string {
  return typeof error.path === 'string' ? error.path : error.path.map(String).join('.');
}

/** For a GOV.UK macro's `errorMessage`: the first error for `field`, or undefined. */
export function errorFor(errors: unknown, field: string): { text: string } | undefined {
  const found = fieldErrors(errors).find((e) => errorPath(e) === field);
  return found ? { text: found.message } : undefined;
}

/** For the GOV.UK error summary's `errorList`: each error linking to its field. */
export function errorSummaryList(errors: unknown): ErrorSummaryItem[] {
  return fieldErrors(errors).map((e) => ({ text: e.message, href: `#${errorPath(e)}` }));
}

// --- navigation -------------------------------------------------------------

const within = (currentPath: string, section: string): boolean => currentPath === section || currentPath.startsWith(`${section}/`);

/**
 * The service navigation for a signed-in user: the everyday work, marking where they are. It has
 * to fit on one line at 1,200 px (issue 15), so its labels are short and there are at most seven;
 * a decision is recorded from a child's page, so "Children" is the section of every …/decisions/…
 * page. The person's own and the administrative pages are in `accountNavigationItems`.
 */
export function serviceNavigationItems(currentPath: string | undefined, options: { unreadNotifications?: number } = {}): NavigationItem[] {
  const here = pathOf(currentPath);
  const deciding = /(^|\/)decisions(\/|$)/.test(here);
  const unread = Number.isSafeInteger(options.unreadNotifications) && options.unreadNotifications! > 0 ? options.unreadNotifications! : 0;
  return [
    mark(here, 'Children', '/children', within(here, '/children') || deciding),
    mark(here, 'Requests', '/requests', within(here, '/requests')),
    mark(here, 'Information', '/disclosures', within(here, '/disclosures')),
    mark(here, 'Disputes and complaints', '/disputes', within(here, '/disputes') || within(here, '/complaints') || within(here, '/registers')),
    // Anyone reports a breach; IG staff and the partnership manager keep the register.
    mark(here, 'Breaches', '/breaches', within(here, '/breaches')),
    unread
      ? mark(here, `Notifications (${unread})`, '/notifications', within(here, '/notifications'), `Notifications (${unread}<span class="govuk-visually-hidden"> unread</span>)`)
      : mark(here, 'Notifications', '/notifications', within(here, '/notifications')),
    mark(here, 'Protocol', '/protocol', within(here, '/protocol') || within(here, '/partnership/agreements')),
  ];
}

/**
 * The person's own pages and the administrative ones their roles open, in the header beside who
 * is signed in (with "Change password" and "Sign out").
 */
export function accountNavigationItems(
  currentPath: string | undefined,
  options: { audit?: boolean; outbox?: boolean; staff?: boolean; agencies?: boolean; disposals?: boolean; rights?: boolean; breakGlass?: boolean; accessAlerts?: boolean } = {},
): NavigationItem[] {
  const here = pathOf(currentPath);
  return [
    mark(here, 'API keys', '/account/api-keys', within(here, '/account/api-keys')),
    // Anyone who works with children: emergency (break-glass) access, asked for and reviewed (ADR 0050).
    ...(options.breakGlass ? [mark(here, 'Emergency access', '/break-glass', within(here, '/break-glass'))] : []),
    // The agency's reviewers: unusual-access alerts (ADR 0085).
    ...(options.accessAlerts ? [mark(here, 'Access alerts', '/access-alerts', within(here, '/access-alerts'))] : []),
    // Information-governance staff: their agency's access log (ADR 0007).
    ...(options.audit ? [mark(here, 'Audit log', '/audit/export', within(here, '/audit'))] : []),
    // Information-governance leads: the disposition review (retention schedules, legal holds).
    ...(options.disposals ? [mark(here, 'Disposal', '/disposals', within(here, '/disposals'))] : []),
    // Information-governance leads: rights requests and source-agency consultations (issue 14).
    ...(options.rights ? [mark(here, 'Rights requests', '/rights-requests', within(here, '/rights-requests'))] : []),
    // Administrators and the partnership manager: the e-mails Concord sends.
    ...(options.outbox ? [mark(here, 'E-mail outbox', '/outbox', within(here, '/outbox'))] : []),
    // Administrators, the partnership manager and agency leads: staff, roles, checks and training.
    ...(options.staff ? [mark(here, 'Staff', '/staff', within(here, '/staff'))] : []),
    // The partnership manager: the agencies of the partnership and their membership.
    ...(options.agencies ? [mark(here, 'Agencies', '/agencies', within(here, '/agencies'))] : []),
  ];
}

const pathOf = (currentPath: string | undefined): string => (currentPath ?? '').split(/[?#]/)[0] ?? '';

function mark(here: string, text: string, href: string, inSection: boolean, html?: string): NavigationItem {
  const item = html === undefined ? { text, href } : { text, html, href };
  if (!inSection) return item;
  return here === href ? { ...item, current: true } : { ...item, active: true };
}
