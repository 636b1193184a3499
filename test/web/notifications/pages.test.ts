// /notifications (own only, mark read, open, CSRF) and /outbox (administrators and partnership
// managers only), through the real application in-process.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { NotificationKind } from '../../../src/domain/notifications.ts';
import { notify, type Recipients } from '../../../src/use-cases/kernel/notify.ts';
import { deliverEmails } from '../../../src/use-cases/notifications/deliver-emails.ts';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { auditOf, makeStaff, makeWorld } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

const send = (partnershipId: string, kind: NotificationKind, link: string, to: Recipients) =>
  ctx.t.deps.db.transaction().execute((trx) => notify(trx, ctx.t.deps.now(), partnershipId, kind, link, to));
const idsOf = async (userId: string) => await ctx.t.deps.db.selectFrom('notification').select(['id', 'link']).where('user_id', '=', userId).orderBy('created_at').execute();
const navCount = (html: string) => /href="\/notifications"[^>]*>\s*(?:<strong[^>]*>)?Notifications \((\d+)<span class="govuk-visually-hidden"> unread<\/span>\)/.exec(html)?.[1];

describe('notification pages', () => {
  it('shows the person’s own notifications, newest first, with the unread count in the navigation', async () => {
    const w = await makeWorld(ctx.t.deps);
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    await send(w.partnershipId, 'request.received', '/requests/1', { userIds: [w.council.id] });
    ctx.t.clock.now = new Date('2026-11-20T10:30:00Z');
    await send(w.partnershipId, 'disclosure.received', '/disclosures/2', { userIds: [w.council.id] });
    await send(w.partnershipId, 'correction.issued', '/disclosures/3', { userIds: [w.school.id] });

    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const children = await c.get('/children');
    assert.equal(navCount(children.body), '2', 'the count is on every page');
    assert.match(children.body, /href="\/requests"[^>]*>\s*Requests\s*</);
    assert.match(children.body, /href="\/disclosures"[^>]*>\s*Information\s*</);
    assert.doesNotMatch(children.body, /href="\/outbox"/, 'no outbox link for a practitioner');

    const page = await c.get('/notifications');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Notifications – Concord<\/title>/);
    const received = page.body.indexOf('You have received information from another agency');
    const request = page.body.indexOf('You have a new information request');
    assert.ok(received > 0 && request > received, 'newest first');
    assert.ok(!page.body.includes('Information your agency received has been corrected'), 'not someone else’s');
    assert.equal(page.body.match(/>New</g)?.length, 2);
    assert.match(page.body, /2 unread notifications, newest first/);
    assert.match(page.body, /<time datetime="2026-11-20T10:30:00.000Z">20 November 2026 at 10:30am<\/time>/);
    const [first] = await idsOf(w.council.id);
    assert.match(page.body, new RegExp(`href="/notifications/${first!.id}/open">View<span class="govuk-visually-hidden">`));
    assert.match(page.body, /action="\/notifications\/read"/);
  });

  it('opens one (marking it read) and 404s for anyone else’s or none', async () => {
    const w = await makeWorld(ctx.t.deps);
    await send(w.partnershipId, 'request.received', '/requests/abc', { userIds: [w.council.id] });
    await send(w.partnershipId, 'request.received', '/requests/def', { userIds: [w.school.id] });
    const [mine] = await idsOf(w.council.id);
    const [theirs] = await idsOf(w.school.id);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);

    for (const url of [`/notifications/${theirs!.id}/open`, `/notifications/${randomUUID()}/open`, '/notifications/nonsense/open']) {
      const res = await c.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page not found/);
    }
    assert.equal(
      await ctx.t.deps.db
        .selectFrom('notification')
        .select('read_at')
        .where('id', '=', theirs!.id)
        .executeTakeFirstOrThrow()
        .then((r) => r.read_at),
      null,
    );

    const opened = await c.get(`/notifications/${mine!.id}/open`);
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/requests/abc');
    assert.equal(navCount((await c.get('/notifications')).body), undefined, 'no unread left');
    assert.doesNotMatch((await c.get('/notifications')).body, />New</);
  });

  it('marks all as read with the form, and refuses the form without its CSRF token', async () => {
    const w = await makeWorld(ctx.t.deps);
    await send(w.partnershipId, 'request.received', '/requests/1', { userIds: [w.council.id, w.school.id] });
    await send(w.partnershipId, 'request.answered', '/requests/2', { userIds: [w.council.id] });
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    await c.get('/notifications');

    const forged = await c.post('/notifications/read', {}, { csrf: 'forged-token' });
    assert.equal(forged.statusCode, 403);
    assert.equal(navCount((await c.get('/notifications')).body), '2');

    const marked = await c.post('/notifications/read', {});
    assert.equal(marked.statusCode, 303);
    assert.equal(marked.headers.location, '/notifications');
    const page = await c.get('/notifications');
    assert.match(page.body, /All your notifications are marked as read\./);
    assert.match(page.body, /No unread notifications, newest first/);
    assert.doesNotMatch(page.body, /action="\/notifications\/read"/);
    assert.equal(navCount(page.body), undefined);

    const school = new Client(ctx.app);
    await school.signIn(w.school.email);
    assert.equal(navCount((await school.get('/notifications')).body), '1', 'another person’s notifications stay unread');
  });

  it('sends signed-out visitors to sign in', async () => {
    const c = new Client(ctx.app);
    for (const url of ['/notifications', '/outbox', `/notifications/${randomUUID()}/open`]) {
      const res = await c.get(url);
      assert.equal(res.statusCode, 302, url);
      assert.equal(res.headers.location, '/sign-in');
    }
  });
});

describe('the e-mail outbox page', () => {
  it('is "Page not found" for a practitioner, and the attempt is audited', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const res = await c.get('/outbox');
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Page not found/);
    const audit = (await auditOf(ctx.t.deps, w.partnershipId)).filter((a) => a.action === 'outbox.viewed');
    assert.deepEqual(
      audit.map((a) => [a.outcome, a.actor_user_id]),
      [['denied', w.council.id]],
    );
  });

  it('shows administrators and partnership managers their partnership’s e-mails, audited', async () => {
    const w = await makeWorld(ctx.t.deps);
    const admin = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId, ['administrator']);
    const manager = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId, ['partnership_manager']);
    const elsewhere = await makeWorld(ctx.t.deps);
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    await send(w.partnershipId, 'request.received', '/requests/1', { userIds: [w.school.id] });
    await deliverEmails(ctx.t.deps);
    await send(w.partnershipId, 'agreement.requested', '/requests/2', { userIds: [w.council.id] });
    await send(elsewhere.partnershipId, 'request.received', '/requests/3', { userIds: [elsewhere.council.id] });

    for (const person of [admin, manager]) {
      const c = new Client(ctx.app);
      await c.signIn(person.email);
      const children = await c.get('/children');
      assert.match(children.body, /href="\/outbox"[^>]*>\s*E-mail outbox\s*</);
      const page = await c.get('/outbox');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="govuk-heading-l">E-mail outbox<\/h1>/);
      assert.match(page.body, /2 e-mails, newest first/);
      assert.ok(page.body.includes(w.school.email) && page.body.includes(w.council.email));
      assert.ok(!page.body.includes(elsewhere.council.email), 'not another partnership’s');
      assert.match(page.body, /Kept in the outbox, not sent/);
      assert.match(page.body, /Waiting to be sent/);
      assert.match(page.body, /Concord: you are asked to agree to information being shared onward/);
      assert.match(page.body, /You have a new information request\. Sign in to Concord to view it\./);
    }
    const audit = (await auditOf(ctx.t.deps, w.partnershipId)).filter((a) => a.action === 'outbox.viewed');
    assert.deepEqual(
      audit.map((a) => [a.outcome, a.actor_user_id]),
      [
        ['ok', admin.id],
        ['ok', manager.id],
      ],
    );
  });
});
