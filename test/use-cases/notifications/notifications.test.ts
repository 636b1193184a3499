// In-app notifications and the e-mails written with them: notify() in the caller's transaction,
// the signed-in person's list, "mark all as read", opening one, and the unread count.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { NOTIFICATION_KINDS, type NotificationKind, notificationEmail } from '../../../src/domain/notifications.ts';
import { notify } from '../../../src/use-cases/kernel/notify.ts';
import { countUnreadNotifications } from '../../../src/use-cases/notifications/count-unread-notifications.ts';
import { listNotifications } from '../../../src/use-cases/notifications/list-notifications.ts';
import { markNotificationsRead } from '../../../src/use-cases/notifications/mark-notifications-read.ts';
import { isInternalPath, openNotification } from '../../../src/use-cases/notifications/open-notification.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, makeStaff, makeWorld } from '../../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const KINDS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];
const EMAIL_KINDS = KINDS.filter((k) => NOTIFICATION_KINDS[k].email);
const IN_APP_ONLY = KINDS.filter((k) => !NOTIFICATION_KINDS[k].email);

const notificationsOf = (partnershipId: string) => t.deps.db.selectFrom('notification').selectAll().where('partnership_id', '=', partnershipId).execute();
const emailsOf = (partnershipId: string) => t.deps.db.selectFrom('email_outbox').selectAll().where('partnership_id', '=', partnershipId).execute();
const send = (partnershipId: string, kind: NotificationKind, link: string, to: Parameters<typeof notify>[5], except?: string) =>
  t.deps.db.transaction().execute((trx) => notify(trx, t.deps.now(), partnershipId, kind, link, to, except));

describe(`notifications (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('writes a notification per person and an outbox e-mail for e-mail kinds, in the caller’s transaction', async () => {
    const w = await makeWorld(t.deps);
    const spoc = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['spoc', 'practitioner']);
    const sent = await send(w.partnershipId, 'request.received', '/requests/abc', { agency: { agencyId: w.schoolId, roles: ['spoc'] }, userIds: [w.council.id] });
    assert.equal(sent, 2);
    const notes = await notificationsOf(w.partnershipId);
    assert.deepEqual(notes.map((n) => n.user_id).sort(), [spoc.id, w.council.id].sort());
    assert.ok(notes.every((n) => n.kind === 'request.received' && n.link === '/requests/abc' && n.read_at === null));
    const emails = await emailsOf(w.partnershipId);
    assert.deepEqual(emails.map((e) => e.to_address).sort(), [spoc.email, w.council.email].sort());
    assert.ok(emails.every((e) => e.status === 'pending' && e.attempts === 0 && e.template === 'request.received'));

    // Rolled back with the change it announces: nothing is left behind.
    await assert.rejects(
      t.deps.db.transaction().execute(async (trx) => {
        await notify(trx, t.deps.now(), w.partnershipId, 'request.answered', '/requests/abc', { userIds: [w.council.id] });
        throw new Error('the change failed');
      }),
    );
    assert.equal((await notificationsOf(w.partnershipId)).length, 2);
    assert.equal((await emailsOf(w.partnershipId)).length, 2);
  });

  it('writes no e-mail for in-app-only kinds', async () => {
    assert.ok(IN_APP_ONLY.length > 0);
    for (const kind of IN_APP_ONLY) {
      const w = await makeWorld(t.deps);
      assert.equal(await send(w.partnershipId, kind, '/disclosures/x', { userIds: [w.council.id] }), 1);
      assert.equal((await notificationsOf(w.partnershipId)).length, 1);
      assert.deepEqual(await emailsOf(w.partnershipId), [], kind);
    }
  });

  it('never notifies inactive staff, the person acting, or staff without the roles asked for', async () => {
    const w = await makeWorld(t.deps);
    const gone = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['spoc']);
    await t.deps.db.updateTable('staff_user').set({ active: false }).where('id', '=', gone.id).execute();
    const acting = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['spoc']);
    const sent = await send(w.partnershipId, 'request.received', '/requests/r', { agency: { agencyId: w.schoolId, roles: ['spoc'] }, userIds: [gone.id, acting.id] }, acting.id);
    assert.equal(sent, 0, 'the practitioner has no spoc role; the other spoc is inactive; the actor is excluded');
    assert.deepEqual(await notificationsOf(w.partnershipId), []);
    assert.deepEqual(await emailsOf(w.partnershipId), []);
  });

  it('puts nothing in an e-mail but the fixed text for its kind (every kind)', async () => {
    const w = await makeWorld(t.deps);
    const fixed = new Set<string>(KINDS.map((k) => NOTIFICATION_KINDS[k].title));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EMAIL_KINDS), fc.uuid(), async (kind, id) => {
        const local = `person.${randomUUID().slice(0, 8)}`;
        const person = await makeStaff(t.deps, w.partnershipId, w.councilId, ['practitioner'], `${local}@example.test`);
        await send(w.partnershipId, kind, `/requests/${id}`, { userIds: [person.id] });
        const email = await t.deps.db.selectFrom('email_outbox').selectAll().where('partnership_id', '=', w.partnershipId).where('to_address', '=', person.email).executeTakeFirstOrThrow();
        const expected = notificationEmail(kind);
        assert.equal(email.subject, expected.subject);
        assert.equal(email.body, expected.body);
        // The fixed text is the kind's title, and nothing of the person, the link or the record.
        assert.ok(fixed.has(email.body.replace(/\. Sign in to Concord to view it\.$/, '')), email.body);
        for (const text of [email.subject, email.body]) {
          assert.ok(!text.includes(id) && !text.includes(local) && !text.includes('Staff') && !text.includes('@'), text);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('lists only the person’s own notifications, newest first, counts and marks them read', async () => {
    const w = await makeWorld(t.deps);
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    await send(w.partnershipId, 'request.received', '/requests/1', { userIds: [w.council.id, w.school.id] });
    t.clock.now = new Date('2026-11-20T11:00:00Z');
    await send(w.partnershipId, 'disclosure.received', '/disclosures/2', { userIds: [w.council.id] });
    const mine = await listNotifications(t.deps, w.council.actor);
    assert.deepEqual(
      mine.entries.map((e) => e.kind),
      ['disclosure.received', 'request.received'],
    );
    assert.equal(mine.unread, 2);
    assert.equal(await countUnreadNotifications(t.deps, w.council.actor), 2);
    assert.equal(await countUnreadNotifications(t.deps, w.school.actor), 1);

    const marked = await markNotificationsRead(t.deps, w.council.actor);
    assert.deepEqual(marked, { kind: 'ok', value: { marked: 2 } });
    assert.equal(await countUnreadNotifications(t.deps, w.council.actor), 0);
    assert.equal(await countUnreadNotifications(t.deps, w.school.actor), 1, 'someone else’s are untouched');
    assert.ok((await listNotifications(t.deps, w.council.actor)).entries.every((e) => e.readAt?.getTime() === t.clock.now.getTime()));
  });

  it('opens the person’s own notification (marking it read once), and no one else’s', async () => {
    const w = await makeWorld(t.deps);
    t.clock.now = new Date('2026-11-20T12:00:00Z');
    await send(w.partnershipId, 'request.allocated', '/requests/9', { userIds: [w.council.id] });
    const [note] = (await listNotifications(t.deps, w.council.actor)).entries;
    assert.deepEqual(await openNotification(t.deps, w.school.actor, note!.id), { kind: 'not_found' });
    assert.deepEqual(await openNotification(t.deps, w.council.actor, 'not-a-uuid'), { kind: 'not_found' });
    assert.deepEqual(await openNotification(t.deps, w.council.actor, randomUUID()), { kind: 'not_found' });
    assert.equal(await countUnreadNotifications(t.deps, w.council.actor), 1);

    assert.deepEqual(await openNotification(t.deps, w.council.actor, note!.id), { kind: 'ok', value: { link: '/requests/9' } });
    t.clock.now = new Date('2026-11-20T13:00:00Z');
    await openNotification(t.deps, w.council.actor, note!.id);
    const [again] = (await listNotifications(t.deps, w.council.actor)).entries;
    assert.equal(again!.readAt?.toISOString(), '2026-11-20T12:00:00.000Z', 'first read time kept');
  });

  it('audits an attempt to open someone else’s notification as denied, and a missing one as not found', async () => {
    const w = await makeWorld(t.deps);
    await send(w.partnershipId, 'request.allocated', '/requests/9', { userIds: [w.council.id] });
    const [note] = (await listNotifications(t.deps, w.council.actor)).entries;
    const missing = randomUUID();
    assert.deepEqual(await openNotification(t.deps, w.school.actor, note!.id), { kind: 'not_found' });
    assert.deepEqual(await openNotification(t.deps, w.school.actor, missing), { kind: 'not_found' });
    const refused = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.action === 'notification.opened');
    assert.deepEqual(
      refused.map((e) => ({ outcome: e.outcome, by: e.actor_user_id, subject: [e.subject_type, e.subject_id] })),
      [
        { outcome: 'denied', by: w.school.id, subject: ['notification', note!.id] },
        { outcome: 'not_found', by: w.school.id, subject: ['notification', missing] },
      ],
    );
    assert.equal(await countUnreadNotifications(t.deps, w.council.actor), 1, 'still unread');
  });

  it('follows only links inside Concord', async () => {
    for (const good of ['/requests/1', '/disclosures/abc?tab=items', '/notifications']) assert.ok(isInternalPath(good), good);
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', 'requests/1', '/a b']) assert.ok(!isInternalPath(bad), bad);
    const w = await makeWorld(t.deps);
    await send(w.partnershipId, 'request.received', '//evil.example/phish', { userIds: [w.council.id] });
    const [note] = (await listNotifications(t.deps, w.council.actor)).entries;
    assert.deepEqual(await openNotification(t.deps, w.council.actor, note!.id), { kind: 'ok', value: { link: '/notifications' } });
  });
});
