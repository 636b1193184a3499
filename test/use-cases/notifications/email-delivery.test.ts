// Delivering the e-mail outbox: through the local outbox (nothing sent, kept for reading) and
// through the GOV.UK Notify adapter with a fake client injected at the network edge; failures are
// retried, recorded without personal data and given up after MAX_DELIVERY_ATTEMPTS; two runs at
// once never deliver the same e-mail twice.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { govukNotifyNotifier, type NotifyEmailClient } from '../../../src/adapters/govuk-notify.ts';
import { MAX_DELIVERY_ATTEMPTS } from '../../../src/domain/email-outbox.ts';
import { notificationEmail } from '../../../src/domain/notifications.ts';
import type { Notifier } from '../../../src/use-cases/kernel/notifier.ts';
import { notify } from '../../../src/use-cases/kernel/notify.ts';
import { deliverEmails } from '../../../src/use-cases/notifications/deliver-emails.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { makeStaff, makeWorld } from '../../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());
beforeEach(async () => {
  await t.deps.db.deleteFrom('email_outbox').execute();
});

const PUBLIC_URL = 'https://concord.example.org';
const TEMPLATE_ID = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

/** A partnership with `n` practitioners, each sent a request.received e-mail, a minute apart. */
async function pending(n: number) {
  const w = await makeWorld(t.deps);
  const people = [];
  for (let i = 0; i < n; i += 1) people.push(await makeStaff(t.deps, w.partnershipId, w.councilId));
  const start = t.clock.now.getTime();
  for (const [i, p] of people.entries()) {
    await t.deps.db.transaction().execute((trx) => notify(trx, new Date(start + i * 60_000), w.partnershipId, 'request.received', '/requests/x', { userIds: [p.id] }));
  }
  return { w, people };
}

const outbox = () => t.deps.db.selectFrom('email_outbox').selectAll().orderBy('created_at').execute();

/** A NotifyClient-like fake: records what it is asked to send; `fail` decides whether to throw instead. */
function fakeClient(fail?: (emailAddress: string, call: number) => unknown) {
  const calls: { templateId: string; emailAddress: string; options: { personalisation: Record<string, string>; reference: string } }[] = [];
  const client: NotifyEmailClient = {
    async sendEmail(templateId, emailAddress, options) {
      calls.push({ templateId, emailAddress, options });
      const error = fail?.(emailAddress, calls.length);
      if (error) throw error;
      return { data: { id: `notify-${calls.length}` } };
    },
  };
  return { client, calls };
}

/** What axios throws for an HTTP error from Notify: messages that quote the address. */
const httpError = (status: number, error: string, address: string) =>
  Object.assign(new Error(`Request failed with status code ${status} for ${address}`), {
    name: 'AxiosError',
    code: 'ERR_BAD_RESPONSE',
    response: { status, data: { status_code: status, errors: [{ error, message: `Can not send to ${address}` }] } },
  });

describe(`e-mail delivery (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('keeps e-mails in the local outbox when no notifier is configured, oldest first, once', async () => {
    await pending(3);
    const run = await deliverEmails(t.deps);
    assert.deepEqual(run, { sent: 0, keptLocally: 3, retrying: 0, failed: 0 });
    const rows = await outbox();
    for (const r of rows) {
      assert.equal(r.status, 'kept_locally');
      assert.equal(r.provider, 'local-outbox');
      assert.equal(r.provider_reference, null);
      assert.equal(r.attempts, 1);
      assert.equal(r.delivered_at?.getTime(), t.clock.now.getTime());
      assert.equal(r.last_error, null);
    }
    assert.deepEqual(await deliverEmails(t.deps), { sent: 0, keptLocally: 0, retrying: 0, failed: 0 });
  });

  it('delivers oldest first, at most a batch per run', async () => {
    const { people } = await pending(4);
    const order: string[] = [];
    const recording: Notifier = {
      name: 'recording',
      deliver: async (e) => {
        order.push(e.to);
        return { provider: 'recording', reference: null, sent: true };
      },
    };
    assert.equal((await deliverEmails({ ...t.deps, notifier: recording }, { batchSize: 3 })).sent, 3);
    assert.equal((await deliverEmails({ ...t.deps, notifier: recording }, { batchSize: 3 })).sent, 1);
    assert.deepEqual(
      order,
      people.map((p) => p.email),
    );
  });

  it('sends through GOV.UK Notify with the generic template, the fixed text, the sign-in address and our id as reference', async () => {
    const { people } = await pending(2);
    const fake = fakeClient();
    const run = await deliverEmails({ ...t.deps, notifier: govukNotifyNotifier({ client: fake.client, templateId: TEMPLATE_ID, publicUrl: `${PUBLIC_URL}/` }) });
    assert.deepEqual(run, { sent: 2, keptLocally: 0, retrying: 0, failed: 0 });
    const rows = await outbox();
    const fixed = notificationEmail('request.received');
    assert.deepEqual(
      fake.calls,
      rows.map((r, i) => ({
        templateId: TEMPLATE_ID,
        emailAddress: people[i]!.email,
        options: { personalisation: { subject: fixed.subject, body: `${fixed.body}\n\nSign in at ${PUBLIC_URL}/sign-in` }, reference: r.id },
      })),
    );
    assert.deepEqual(
      rows.map((r) => [r.status, r.provider, r.provider_reference, r.attempts]),
      [
        ['sent', 'govuk-notify', 'notify-1', 1],
        ['sent', 'govuk-notify', 'notify-2', 1],
      ],
    );
  });

  it('retries a failure once per run, records it without personal data, and gives up after the last attempt', async () => {
    const { people } = await pending(2);
    const broken = people[0]!.email;
    const fake = fakeClient((address) => (address === broken ? httpError(500, 'Exception', address) : undefined));
    const deps = { ...t.deps, notifier: govukNotifyNotifier({ client: fake.client, templateId: TEMPLATE_ID, publicUrl: PUBLIC_URL }) };

    assert.deepEqual(await deliverEmails(deps), { sent: 1, keptLocally: 0, retrying: 1, failed: 0 }, 'one failure does not hold back the other e-mail');
    let [first, second] = await outbox();
    assert.deepEqual([first!.status, first!.attempts, first!.last_error, first!.delivered_at], ['pending', 1, 'govuk-notify Exception (HTTP 500)', null]);
    assert.equal(second!.status, 'sent');

    for (let attempt = 2; attempt < MAX_DELIVERY_ATTEMPTS; attempt += 1) assert.deepEqual(await deliverEmails(deps), { sent: 0, keptLocally: 0, retrying: 1, failed: 0 });
    assert.deepEqual(await deliverEmails(deps), { sent: 0, keptLocally: 0, retrying: 0, failed: 1 });
    [first] = await outbox();
    assert.deepEqual([first!.status, first!.attempts], ['failed', MAX_DELIVERY_ATTEMPTS]);
    assert.ok(!first!.last_error!.includes('@'));

    const calls = fake.calls.length;
    await deliverEmails(deps);
    assert.equal(fake.calls.length, calls, 'a failed e-mail is not tried again');
    assert.equal(fake.calls.filter((c) => c.emailAddress === broken).length, MAX_DELIVERY_ATTEMPTS);
  });

  it('gives up at once when Notify refuses the message itself (400), and records network errors by code', async () => {
    const { people } = await pending(2);
    const fake = fakeClient((address) =>
      address === people[0]!.email ? httpError(400, 'BadRequestError', address) : Object.assign(new Error(`connect ECONNREFUSED for ${address}`), { code: 'ECONNREFUSED' }),
    );
    const run = await deliverEmails({ ...t.deps, notifier: govukNotifyNotifier({ client: fake.client, templateId: TEMPLATE_ID, publicUrl: PUBLIC_URL }) });
    assert.deepEqual(run, { sent: 0, keptLocally: 0, retrying: 1, failed: 1 });
    assert.deepEqual(
      (await outbox()).map((r) => [r.status, r.attempts, r.last_error]),
      [
        ['failed', 1, 'govuk-notify BadRequestError (HTTP 400)'],
        ['pending', 1, 'govuk-notify ECONNREFUSED'],
      ],
    );
  });

  it('stores only the class of an unexpected error, never its message', async () => {
    const { people } = await pending(1);
    const leaky: Notifier = {
      name: 'leaky',
      deliver: async (e) => {
        throw new TypeError(`cannot send to ${e.to}: ${people[0]!.email}`);
      },
    };
    await deliverEmails({ ...t.deps, notifier: leaky });
    const [row] = await outbox();
    assert.deepEqual([row!.status, row!.last_error, row!.provider], ['pending', 'TypeError', 'leaky']);
  });

  it('never delivers an e-mail twice when two runs overlap', { timeout: 60_000 }, async () => {
    await pending(12);
    const delivered = new Map<string, number>();
    const slow: Notifier = {
      name: 'slow',
      async deliver(e) {
        delivered.set(e.id, (delivered.get(e.id) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 15));
        return { provider: 'slow', reference: e.id, sent: true };
      },
    };
    const deps = { ...t.deps, notifier: slow };
    const [a, b] = await Promise.all([deliverEmails(deps), deliverEmails(deps)]);
    assert.equal(a.sent + b.sent, 12);
    assert.equal(delivered.size, 12);
    assert.ok(
      [...delivered.values()].every((n) => n === 1),
      'each e-mail once',
    );
    if (t.label === 'PostgreSQL') assert.ok(a.sent > 0 && b.sent > 0, `both runs delivered some (${a.sent} and ${b.sent})`);
    assert.ok((await outbox()).every((r) => r.status === 'sent' && r.attempts === 1));
  });
});
