// E-mail and notifications without a database: the outbox's rules, the configuration, the GOV.UK
// Notify adapter's mapping (no network), and the presenters.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { deliveryError, GOVUK_NOTIFY, personalisation, signInUrl } from '../adapters/govuk-notify.ts';
import { createNotifier } from '../adapters/notifier.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { localOutboxNotifier } from '../use-cases/kernel/notifier.ts';
import { notificationTitle, presentNotifications } from '../web/notifications/presenter.ts';
import { presentOutboxEmail } from '../web/outbox/presenter.ts';
import { afterFailedAttempt, canReadOutbox, deliveryErrorText, MAX_DELIVERY_ATTEMPTS, safeErrorCode } from './email-outbox.ts';
import { NOTIFICATION_KINDS, type NotificationKind, notificationEmail } from './notifications.ts';
import { ROLES } from './staff.ts';

const notifyKey = () => `concord_live-${randomUUID()}-${randomUUID()}`;

describe('the e-mail outbox rules', () => {
  it('retries a failure until the last attempt, and gives up at once on a permanent refusal', () => {
    for (let before = 0; before < MAX_DELIVERY_ATTEMPTS - 1; before += 1) assert.deepEqual(afterFailedAttempt(before), { status: 'pending', attempts: before + 1 });
    assert.deepEqual(afterFailedAttempt(MAX_DELIVERY_ATTEMPTS - 1), { status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
    assert.deepEqual(afterFailedAttempt(0, true), { status: 'failed', attempts: 1 });
  });

  it('stores an error code and status, never anything that could be a message', () => {
    assert.equal(deliveryErrorText('RateLimitError', 429), 'RateLimitError (HTTP 429)');
    assert.equal(deliveryErrorText('ECONNRESET'), 'ECONNRESET');
    assert.equal(deliveryErrorText(undefined, 500), 'Error (HTTP 500)');
    assert.equal(deliveryErrorText('x', 1234), 'x');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const code = safeErrorCode(s);
        if (code !== undefined) assert.match(code, /^[A-Za-z][A-Za-z0-9_.-]*$/);
        assert.ok(!deliveryErrorText(s).includes('@') && !deliveryErrorText(s).includes(' for '));
      }),
    );
    assert.equal(safeErrorCode('Can not send to ann@example.org'), undefined);
  });

  it('is for administrators and partnership managers only', () => {
    assert.deepEqual(
      ROLES.filter((r) => canReadOutbox({ roles: [r] })),
      ['partnership_manager', 'administrator'],
    );
  });
});

describe('e-mail configuration', () => {
  it('keeps e-mails in the local outbox by default, with a local sign-in address', () => {
    const c = loadConfig({ PORT: '4000' });
    assert.deepEqual(c.email, { notifier: 'outbox' });
    assert.equal(c.publicUrl, 'http://localhost:4000');
    assert.equal(createNotifier(c.email, c.publicUrl), localOutboxNotifier);
  });

  it('requires a Notify API key and template id with govuk-notify, and says so clearly', () => {
    assert.throws(
      () => loadConfig({ EMAIL_NOTIFIER: 'govuk-notify' }),
      (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith('NOTIFY_API_KEY is required')) && e.problems.some((p) => p.startsWith('NOTIFY_EMAIL_TEMPLATE_ID is required')),
    );
    assert.throws(() => loadConfig({ EMAIL_NOTIFIER: 'govuk-notify', NOTIFY_API_KEY: 'not-a-key', NOTIFY_EMAIL_TEMPLATE_ID: randomUUID() }), /NOTIFY_API_KEY must be a GOV\.UK Notify API key/);
    assert.throws(
      () => loadConfig({ EMAIL_NOTIFIER: 'govuk-notify', NOTIFY_API_KEY: notifyKey(), NOTIFY_EMAIL_TEMPLATE_ID: 'template' }),
      /NOTIFY_EMAIL_TEMPLATE_ID must be a GOV\.UK Notify template id/,
    );
    assert.throws(() => loadConfig({ EMAIL_NOTIFIER: 'smtp' }), /EMAIL_NOTIFIER must be "outbox" or "govuk-notify"/);
  });

  it('builds the GOV.UK Notify notifier from valid settings, and checks PUBLIC_URL', () => {
    const templateId = randomUUID();
    const c = loadConfig({ EMAIL_NOTIFIER: 'govuk-notify', NOTIFY_API_KEY: notifyKey(), NOTIFY_EMAIL_TEMPLATE_ID: templateId, PUBLIC_URL: 'https://concord.example.org/' });
    assert.equal(c.email.notifier, 'govuk-notify');
    assert.equal(c.publicUrl, 'https://concord.example.org');
    assert.equal(createNotifier(c.email, c.publicUrl).name, GOVUK_NOTIFY);
    assert.throws(() => loadConfig({ PUBLIC_URL: 'concord.example.org' }), /PUBLIC_URL must be an address/);
    assert.throws(() => loadConfig({ PUBLIC_URL: 'https://concord.example.org/?x=1' }), /without a query/);
    assert.throws(() => loadConfig({ PUBLIC_URL: 'ftp://concord.example.org' }), /http or https/);
  });

  it('requires PUBLIC_URL in production when e-mails are sent', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', EMAIL_NOTIFIER: 'govuk-notify', NOTIFY_API_KEY: notifyKey(), NOTIFY_EMAIL_TEMPLATE_ID: randomUUID() }),
      (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith('PUBLIC_URL is required in production')),
    );
  });
});

describe('the GOV.UK Notify adapter (no network)', () => {
  it('fills the generic template with the fixed text and where to sign in', () => {
    assert.equal(signInUrl('https://concord.example.org/'), 'https://concord.example.org/sign-in');
    assert.equal(signInUrl('https://example.org/concord'), 'https://example.org/concord/sign-in');
    for (const kind of Object.keys(NOTIFICATION_KINDS) as NotificationKind[]) {
      const email = notificationEmail(kind);
      assert.deepEqual(personalisation(email, 'https://concord.example.org'), { subject: email.subject, body: `${email.body}\n\nSign in at https://concord.example.org/sign-in` });
    }
  });

  it("reduces Notify's errors to their class and status; 400 is permanent", () => {
    const http = (status: number, error: string) => ({ message: 'for ann@example.org', response: { status, data: { errors: [{ error, message: 'ann@example.org' }] } } });
    assert.deepEqual([deliveryError(http(400, 'ValidationError')).message, deliveryError(http(400, 'ValidationError')).permanent], ['govuk-notify ValidationError (HTTP 400)', true]);
    assert.deepEqual([deliveryError(http(429, 'RateLimitError')).message, deliveryError(http(429, 'RateLimitError')).permanent], ['govuk-notify RateLimitError (HTTP 429)', false]);
    assert.equal(deliveryError(http(403, 'AuthError')).permanent, false);
    assert.equal(deliveryError({ code: 'ETIMEDOUT', message: 'timeout of 10000ms exceeded' }).message, 'govuk-notify ETIMEDOUT');
    assert.equal(deliveryError('ann@example.org').message, 'govuk-notify Error');
    assert.equal(deliveryError(http(500, 'ann@example.org')).message, 'govuk-notify Error (HTTP 500)');
  });
});

describe('presenters', () => {
  it('titles a notification by its kind only, and marks unread ones new', () => {
    assert.equal(notificationTitle('request.received'), 'You have a new information request');
    assert.equal(notificationTitle('constructor'), 'Something in Concord needs your attention');
    const at = new Date('2026-11-20T10:00:00Z');
    const v = presentNotifications({
      unread: 1,
      truncated: false,
      entries: [
        { id: 'n1', kind: 'disclosure.received', link: '/disclosures/1', createdAt: at, readAt: null },
        { id: 'n2', kind: 'request.received', link: '/requests/2', createdAt: at, readAt: at },
      ],
    });
    assert.deepEqual(
      v.rows.map((r) => [r.title, r.isNew, r.href]),
      [
        ['You have received information from another agency', true, '/notifications/n1/open'],
        ['You have a new information request', false, '/notifications/n2/open'],
      ],
    );
  });

  it('shows an e-mail’s status, and why a pending or failed one is not sent', () => {
    const base = {
      id: 'e1',
      partnershipId: 'p',
      partnershipSlug: 'p',
      createdAt: new Date('2026-11-20T10:00:00Z'),
      to: 'a@example.test',
      subject: 's',
      body: 'b',
      template: 'request.received',
      deliveredAt: null,
      provider: null,
      providerReference: null,
    };
    assert.deepEqual(presentOutboxEmail({ ...base, status: 'kept_locally', attempts: 1, lastError: null }).status, { text: 'Kept in the outbox, not sent', colour: 'grey' });
    assert.equal(presentOutboxEmail({ ...base, status: 'pending', attempts: 2, lastError: 'govuk-notify Error (HTTP 500)' }).problem, '2 attempts; last error: govuk-notify Error (HTTP 500)');
    assert.equal(presentOutboxEmail({ ...base, status: 'sent', attempts: 2, lastError: null }).problem, null);
  });
});
