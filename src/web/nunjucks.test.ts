import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { accountNavigationItems, configureNunjucks, errorFor, errorSummaryList, formatDate, formatDateTime, formatNhsNumber, serviceNavigationItems } from './nunjucks.ts';

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');
const env = configureNunjucks(viewsDir);

const signedInUser = {
  displayName: 'Alex Example',
  agencyName: 'Northshire County Council',
  partnershipName: 'Northshire Safeguarding Children Partnership',
  roleLabels: ['Practitioner', 'Designated safeguarding lead'],
};

function render(template: string, context: Record<string, unknown> = {}): string {
  return env.render(template, { cspNonce: 'n0nce-123', csrfToken: 'csrf-abc', currentPath: '/', ...context });
}

const titleOf = (html: string): string => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
const scriptTags = (html: string): string[] => html.match(/<script\b[^>]*>/g) ?? [];

describe('formatDate', () => {
  it('shows a calendar date as written', () => {
    assert.equal(formatDate('2026-11-22'), '22 November 2026');
    assert.equal(formatDate('2026-01-01'), '1 January 2026');
  });

  it('shows an instant as the date in Europe/London', () => {
    assert.equal(formatDate(new Date('2026-11-22T14:05:00Z')), '22 November 2026');
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time
    assert.equal(formatDate('2026-06-30T23:30:00Z'), '1 July 2026');
    // …but in winter London is on UTC
    assert.equal(formatDate('2026-12-31T23:30:00Z'), '31 December 2026');
  });

  it('refuses something that is not a date', () => {
    assert.throws(() => formatDate('not a date'), RangeError);
  });
});

describe('formatDateTime', () => {
  it('uses the GOV.UK style, in Europe/London', () => {
    assert.equal(formatDateTime('2026-11-22T14:05:00Z'), '22 November 2026 at 2:05pm');
    assert.equal(formatDateTime(new Date('2026-07-01T13:05:00Z')), '1 July 2026 at 2:05pm');
    assert.equal(formatDateTime('2026-11-22T09:00:00Z'), '22 November 2026 at 9am');
    assert.equal(formatDateTime('2026-11-22T00:30:00Z'), '22 November 2026 at 12:30am');
    assert.equal(formatDateTime('2026-11-22T12:00:00Z'), '22 November 2026 at midday');
    assert.equal(formatDateTime('2026-11-22T00:00:00Z'), '22 November 2026 at midnight');
  });

  it('follows the clocks going forward', () => {
    // Clocks go forward at 01:00 UTC on 29 March 2026
    assert.equal(formatDateTime('2026-03-29T00:59:00Z'), '29 March 2026 at 12:59am');
    assert.equal(formatDateTime('2026-03-29T01:00:00Z'), '29 March 2026 at 2am');
  });
});

describe('formatNhsNumber', () => {
  it('groups 10 digits 3-3-4', () => {
    assert.equal(formatNhsNumber('9991234560'), '999 123 4560');
    assert.equal(formatNhsNumber('999 123 4560'), '999 123 4560');
  });

  it('leaves anything else alone', () => {
    assert.equal(formatNhsNumber('12345'), '12345');
    assert.equal(formatNhsNumber('999123456X'), '999123456X');
  });
});

describe('error helpers', () => {
  const errors = [
    { path: 'name', message: 'Enter the child’s name' },
    { path: 'name', message: 'Name must be 100 characters or fewer' },
    { path: ['address', 'postcode'], message: 'Enter a real postcode' },
  ];

  it('errorFor gives the first message for a field, for a macro’s errorMessage', () => {
    assert.deepEqual(errorFor(errors, 'name'), { text: 'Enter the child’s name' });
    assert.deepEqual(errorFor(errors, 'address.postcode'), { text: 'Enter a real postcode' });
    assert.equal(errorFor(errors, 'dateOfBirth'), undefined);
    assert.equal(errorFor(undefined, 'name'), undefined);
  });

  it('errorSummaryList links each error to its field', () => {
    assert.deepEqual(errorSummaryList(errors), [
      { text: 'Enter the child’s name', href: '#name' },
      { text: 'Name must be 100 characters or fewer', href: '#name' },
      { text: 'Enter a real postcode', href: '#address.postcode' },
    ]);
    assert.deepEqual(errorSummaryList(undefined), []);
  });
});

describe('serviceNavigationItems', () => {
  it('marks the current page and the current section', () => {
    const onList = serviceNavigationItems('/children');
    assert.deepEqual(onList[0], { text: 'Children', href: '/children', current: true });
    assert.deepEqual(serviceNavigationItems('/children/abc')[0], { text: 'Children', href: '/children', active: true });
    assert.deepEqual(
      accountNavigationItems('/account/api-keys?created=1').find((i) => i.href === '/account/api-keys'),
      {
        text: 'API keys',
        href: '/account/api-keys',
        current: true,
      },
    );
  });

  it('marks "Children" on a decision page, and keeps to seven everyday items (one line at 1,200 px)', () => {
    const items = serviceNavigationItems('/children/abc/decisions/new');
    assert.deepEqual(
      items.map((i) => [i.text, Boolean(i.current || i.active)]),
      [
        ['Children', true],
        ['Requests', false],
        ['Information', false],
        ['Disputes and complaints', false],
        ['Breaches', false],
        ['Notifications', false],
        ['Protocol', false],
      ],
    );
    assert.deepEqual(
      accountNavigationItems('/children', { audit: true, outbox: true, staff: true, agencies: true, disposals: true, rights: true }).map((i) => i.text),
      ['API keys', 'Audit log', 'Disposal', 'Rights requests', 'E-mail outbox', 'Staff', 'Agencies'],
    );
    assert.equal(accountNavigationItems('/rights-requests/new', { rights: true }).find((i) => i.text === 'Rights requests')?.active, true);
    assert.deepEqual(
      accountNavigationItems('/access-alerts/abc', { breakGlass: true, accessAlerts: true }).map((i) => [i.text, Boolean(i.active)]),
      [
        ['API keys', false],
        ['Emergency access', false],
        ['Access alerts', true],
      ],
    );
  });

  it('counts unread notifications, with "unread" for screen readers, and shows the outbox only when allowed', () => {
    const items = serviceNavigationItems('/notifications', { unreadNotifications: 3 });
    assert.deepEqual(
      items.find((i) => i.href === '/notifications'),
      {
        text: 'Notifications (3)',
        html: 'Notifications (3<span class="govuk-visually-hidden"> unread</span>)',
        href: '/notifications',
        current: true,
      },
    );
    assert.deepEqual(
      serviceNavigationItems('/children', { unreadNotifications: 0 }).find((i) => i.href === '/notifications'),
      { text: 'Notifications', href: '/notifications' },
    );
    assert.ok(!accountNavigationItems('/children').some((i) => i.href === '/outbox'));
    assert.deepEqual(accountNavigationItems('/outbox', { outbox: true }).at(-1), { text: 'E-mail outbox', href: '/outbox', current: true });
    assert.deepEqual(
      serviceNavigationItems('/requests/abc').find((i) => i.href === '/requests'),
      { text: 'Requests', href: '/requests', active: true },
    );
  });

  it('marks nothing elsewhere', () => {
    assert.ok(serviceNavigationItems('/privacy').every((i) => !i.current && !i.active));
    assert.ok(serviceNavigationItems(undefined).every((i) => !i.current && !i.active));
  });
});

describe('filters in templates', () => {
  it('formats dates, times and NHS numbers, and leaves blanks blank', () => {
    assert.equal(
      env.renderString('{{ d | date }}|{{ t | dateTime }}|{{ n | nhsNumber }}|{{ missing | date }}', {
        d: '2026-11-22',
        t: new Date('2026-11-22T14:05:00Z'),
        n: '9991234560',
      }),
      '22 November 2026|22 November 2026 at 2:05pm|999 123 4560|',
    );
  });

  it('errorFor works as a global and as a filter', () => {
    const errors = [{ path: 'name', message: 'Enter a name' }];
    assert.equal(env.renderString('{{ errorFor(errors, "name").text }}', { errors }), 'Enter a name');
    assert.equal(env.renderString('{{ (errors | errorFor("name")).text }}', { errors }), 'Enter a name');
  });

  it('escapes output', () => {
    assert.equal(env.renderString('{{ x }}', { x: '<script>' }), '&lt;script&gt;');
  });
});

describe('layout.njk', () => {
  it('signed out: Concord generic header, skip link, phase banner, footer; no crown', () => {
    const html = render('layout.njk', { pageTitle: 'Sign in' });

    assert.equal(titleOf(html), 'Sign in – Concord');
    assert.match(html, /<div class="govuk-generic-header app-header">/);
    assert.match(html, /<a href="\/" class="govuk-generic-header__homepage-link">\s*Concord\s*<\/a>/);
    assert.match(html, /<a href="#main-content" class="govuk-skip-link"[^>]*>Skip to main content<\/a>/);
    assert.match(html, /<main class="govuk-main-wrapper" id="main-content">/);
    assert.match(html, /govuk-phase-banner__content__tag">\s*Alpha\s*</);
    assert.match(html, /This is a new service\./);
    assert.match(html, /<link rel="stylesheet" href="\/stylesheets\/application.css">/);
    assert.match(html, /<meta name="theme-color" content="#0b5563">/);

    // Footer: our links and description, none of the Crown's marks
    assert.match(html, /<a class="govuk-footer__link" href="\/accessibility">Accessibility<\/a>/);
    assert.match(html, /<a class="govuk-footer__link" href="\/privacy">Privacy<\/a>/);
    assert.match(html, /Concord — multi-agency information sharing to safeguard children/);
    assert.doesNotMatch(html, /<svg/);
    assert.doesNotMatch(html, /govuk-logo|govuk-header__logotype|govuk-footer__crown|govuk-crest/);
    assert.doesNotMatch(html, /Crown copyright|Open Government Licence|GOV\.UK/);
    assert.doesNotMatch(html, /favicon\.ico|govuk-icon/);

    // Signed out: no navigation and no sign-out form
    assert.doesNotMatch(html, /govuk-service-navigation/);
    assert.doesNotMatch(html, /Sign out/);
  });

  it('puts the CSP nonce on every script tag', () => {
    for (const user of [undefined, signedInUser]) {
      const tags = scriptTags(render('layout.njk', { user }));
      assert.equal(tags.length, 4, tags.join('\n'));
      for (const tag of tags) assert.match(tag, /\snonce="n0nce-123"/, tag);
    }
    const html = render('layout.njk');
    assert.match(html, /<script type="module" src="\/javascripts\/govuk-frontend.min.js" nonce="n0nce-123"><\/script>/);
    assert.match(html, /<script type="module" src="\/javascripts\/moj-frontend.min.js" nonce="n0nce-123"><\/script>/);
    assert.match(html, /import \{ initAll as initGovukFrontend \} from "\/javascripts\/govuk-frontend.min.js";/);
    assert.match(html, /initMojFrontend\(\);/);
  });

  it('leaves out the nonce attribute when there is no nonce', () => {
    const html = env.render('layout.njk', {});
    assert.equal(scriptTags(html).length, 4);
    assert.doesNotMatch(html, /nonce=/);
  });

  it('signed in: navigation marking where you are, who you are, a sign-out POST form', () => {
    const html = render('layout.njk', { user: signedInUser, currentPath: '/children', pageTitle: 'Children' });

    assert.match(html, /<a class="govuk-service-navigation__link" href="\/children" aria-current="page">\s*<strong class="govuk-service-navigation__active-fallback">Children<\/strong>/);
    assert.match(html, /href="\/account\/api-keys">API keys<\/a>/);
    assert.match(html, /Partnership: <\/span>Northshire Safeguarding Children Partnership/);
    assert.doesNotMatch(html, /Switch partnership/, 'only for a person in several partnerships');
    assert.match(render('layout.njk', { user: { ...signedInUser, canSwitchPartnership: true } }), /<a class="app-header__link" href="\/account\/partnership">Switch partnership<\/a>/);
    assert.equal(html.match(/aria-current=/g)?.length, 1);

    assert.match(html, /<span class="govuk-visually-hidden">Signed in as <\/span>\s*<strong>Alex Example<\/strong>, Northshire County Council/);
    assert.match(html, /\(Practitioner, Designated safeguarding lead\)/);

    const form = /<form[^>]*>[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    assert.match(form, /method="post"/);
    assert.match(form, /action="\/sign-out"/);
    assert.match(form, /<input type="hidden" name="_csrf" value="csrf-abc">/);
    assert.match(form, /<button type="submit" class="app-button-link">Sign out<\/button>/);
  });

  it('escapes what users typed', () => {
    const html = render('layout.njk', {
      user: { ...signedInUser, displayName: '<img src=x onerror=alert(1)>' },
      pageTitle: '</title><script>',
    });
    assert.doesNotMatch(html, /<img src=x/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.equal(titleOf(html), '&lt;/title&gt;&lt;script&gt; – Concord');
  });

  it('with errors: "Error: " title and an error summary linking to the fields', () => {
    const errors = [
      { path: 'name', message: 'Enter the child’s name' },
      { path: 'dateOfBirth', message: 'Date of birth must be in the past' },
    ];
    const html = render('layout.njk', { user: signedInUser, pageTitle: 'Child’s details', errors });

    assert.equal(titleOf(html), 'Error: Child’s details – Concord');
    assert.match(html, /<div class="govuk-error-summary" data-module="govuk-error-summary">/);
    assert.match(html, /There is a problem/);
    assert.match(html, /<a href="#name">Enter the child’s name<\/a>/);
    assert.match(html, /<a href="#dateOfBirth">Date of birth must be in the past<\/a>/);
    // The summary comes first in the main content
    assert.ok(html.indexOf('govuk-error-summary') > html.indexOf('id="main-content"'));
  });

  it('no error summary and no "Error: " when errors is empty', () => {
    const html = render('layout.njk', { pageTitle: 'Children', errors: [] });
    assert.equal(titleOf(html), 'Children – Concord');
    assert.doesNotMatch(html, /govuk-error-summary/);
  });
});

describe('error.njk', () => {
  it('404', () => {
    const html = render('error.njk', { statusCode: 404 });
    assert.equal(titleOf(html), 'Page not found – Concord');
    assert.match(html, /<h1 class="govuk-heading-l">Page not found<\/h1>/);
  });

  it('403 (form expired)', () => {
    const html = render('error.njk', { statusCode: 403 });
    assert.match(html, /<h1 class="govuk-heading-l">Your form expired — go back and try again<\/h1>/);
  });

  it('500', () => {
    const html = render('error.njk', { statusCode: 500 });
    assert.equal(titleOf(html), 'Sorry, there is a problem with the service – Concord');
    assert.match(html, /Try again later\./);
  });

  it('takes a heading and body', () => {
    const html = render('error.njk', { statusCode: 503, heading: 'Concord is closed', body: 'Back at <9am>.' });
    assert.match(html, /<h1 class="govuk-heading-l">Concord is closed<\/h1>/);
    assert.match(html, /<p class="govuk-body">Back at &lt;9am&gt;\.<\/p>/);
  });
});

describe('static pages', () => {
  it('accessibility statement', () => {
    const html = render('pages/accessibility.njk');
    assert.equal(titleOf(html), 'Accessibility statement – Concord');
    assert.match(html, /WCAG\) version 2\.2 at level AA/);
    assert.match(html, /axe-core/);
    assert.match(html, /partnership’s business manager|partnership's business manager/);
  });

  it('privacy notice', () => {
    const html = render('pages/privacy.njk');
    assert.equal(titleOf(html), 'Privacy notice – Concord');
    assert.match(html, /data protection officer/);
    assert.match(html, /information sharing protocol/);
  });
});
