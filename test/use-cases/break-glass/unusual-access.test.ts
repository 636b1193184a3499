// The unusual-access alert (ADR 0051, 0085): a person whose views today are above max(20, 5 × their
// 28-day daily median) is brought to their agency's reviewers, once a day, as an alert they open,
// acknowledge and close with a note.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { answerAccessAlert } from '../../../src/use-cases/access-alerts/answer-access-alert.ts';
import { listAgencyAccessAlerts } from '../../../src/use-cases/access-alerts/list-access-alerts.ts';
import { viewAccessAlert } from '../../../src/use-cases/access-alerts/view-access-alert.ts';
import { alertUnusualAccess } from '../../../src/use-cases/break-glass/alert-unusual-access.ts';
import { addChild } from '../../../src/use-cases/children/add-child.ts';
import { viewChild } from '../../../src/use-cases/children/view-child.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, childInput, makeStaff, makeWorld } from '../../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
  // Views are counted by the audit log's own timestamps, so the clock is the real time.
  t.clock.now = new Date();
});
after(async () => t.close());

/** Views recorded straight into the audit log `daysAgo` days ago (history the test cannot wait for). */
async function pastViews(partnershipId: string, userId: string, agencyId: string, daysAgo: number, n: number) {
  const at = new Date(t.clock.now.getTime() - daysAgo * 86_400_000);
  const rows = Array.from({ length: n }, () => ({
    partnership_id: partnershipId,
    occurred_at: at,
    actor_user_id: userId,
    actor_agency_id: agencyId,
    action: 'child.viewed',
    outcome: 'ok',
    correlation_id: 'history',
    via: 'web',
    details: '{}',
  }));
  await t.deps.db.insertInto('audit_event').values(rows).execute();
}

const alerts = (partnershipId: string) =>
  t.deps.db.selectFrom('notification').select(['user_id', 'link']).where('partnership_id', '=', partnershipId).where('kind', '=', 'access.unusual-rate').execute();

describe('unusual view rates', () => {
  it('alerts the person’s agency leads above the floor of 20 views, once a day', async () => {
    const w = await makeWorld(t.deps);
    const ig = await makeStaff(t.deps, w.partnershipId, w.councilId, ['ig_lead']);
    const added = await addChild(t.deps, w.council.actor, childInput());
    const childId = added.kind === 'ok' ? added.value.childId : '';
    for (let i = 0; i < 20; i++) assert.equal((await viewChild(t.deps, w.council.actor, childId)).kind, 'ok');
    assert.equal(await alertUnusualAccess(t.deps, 'job'), 0, '20 views is not unusual');
    await viewChild(t.deps, w.council.actor, childId);
    assert.equal(await alertUnusualAccess(t.deps, 'job'), 1);
    const alertRow = await t.deps.db.selectFrom('access_alert').selectAll().where('partnership_id', '=', w.partnershipId).executeTakeFirstOrThrow();
    assert.deepEqual(await alerts(w.partnershipId), [{ user_id: ig.id, link: `/access-alerts/${alertRow.id}` }]);
    assert.equal(alertRow.user_id, w.council.id);
    assert.equal(alertRow.views, 21);
    assert.equal(alertRow.status, 'open');
    assert.equal(await alertUnusualAccess(t.deps, 'job'), 0, 'once a day');
    const audited = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.action === 'access.unusual-rate-alerted');
    assert.equal(audited.length, 1);
    assert.equal((audited[0]!.details as { views: number }).views, 21);
  });

  it('a person who usually views many records is alerted only above five times their median day', async () => {
    const w = await makeWorld(t.deps);
    const lead = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['designated_safeguarding_lead']);
    for (let d = 1; d <= 28; d++) await pastViews(w.partnershipId, w.school.id, w.schoolId, d, 10);
    await pastViews(w.partnershipId, w.school.id, w.schoolId, 0, 50);
    assert.equal(await alertUnusualAccess(t.deps, 'job'), 0, '50 views against a usual 10 a day is not above 5 × 10');
    await pastViews(w.partnershipId, w.school.id, w.schoolId, 0, 1);
    assert.equal(await alertUnusualAccess(t.deps, 'job'), 1);
    assert.deepEqual(
      (await alerts(w.partnershipId)).map((a) => a.user_id),
      [lead.id],
    );
  });

  it('the agency’s reviewers open, acknowledge and close an alert with a note; the person it is about and other agencies cannot see it', async () => {
    const w = await makeWorld(t.deps);
    const ig = await makeStaff(t.deps, w.partnershipId, w.councilId, ['ig_lead']);
    const caldicott = await makeStaff(t.deps, w.partnershipId, w.councilId, ['caldicott_guardian']);
    const practitioner = await makeStaff(t.deps, w.partnershipId, w.councilId, ['practitioner']);
    const schoolIg = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['ig_lead']);
    await pastViews(w.partnershipId, w.council.id, w.councilId, 0, 25);
    assert.equal(await alertUnusualAccess(t.deps, 'job'), 1);
    const list = await listAgencyAccessAlerts(t.deps, ig.actor);
    if (list.kind !== 'ok') assert.fail('no list');
    assert.equal(list.value.length, 1);
    const id = list.value[0]!.id;
    assert.equal(list.value[0]!.person_name, `Staff ${w.council.email}`);
    assert.equal((await listAgencyAccessAlerts(t.deps, practitioner.actor)).kind, 'forbidden');
    const own = await listAgencyAccessAlerts(t.deps, { ...w.council.actor, roles: ['practitioner', 'ig_lead'] });
    assert.deepEqual(own.kind === 'ok' && own.value, [], 'nobody sees the alerts about themselves');
    for (const who of [practitioner, schoolIg, w.council]) assert.equal((await viewAccessAlert(t.deps, who.actor, id)).kind, 'not_found');
    const seen = await viewAccessAlert(t.deps, caldicott.actor, id);
    assert.equal(seen.kind === 'ok' && seen.value.views, 25);

    assert.equal((await answerAccessAlert(t.deps, schoolIg.actor, id, 'acknowledge', {})).kind, 'not_found');
    assert.equal((await answerAccessAlert(t.deps, ig.actor, id, 'acknowledge', {})).kind, 'ok');
    assert.deepEqual(await answerAccessAlert(t.deps, ig.actor, id, 'acknowledge', {}), { kind: 'conflict', reason: 'This alert has already been acknowledged.' });
    const noNote = await answerAccessAlert(t.deps, ig.actor, id, 'close', { note: '  ' });
    assert.deepEqual(noNote.kind === 'invalid' && noNote.errors, [{ path: 'note', message: 'Enter what you found and what was done before closing the alert' }]);
    const nul = await answerAccessAlert(t.deps, ig.actor, id, 'close', { note: 'bad\u0000note' });
    assert.equal(nul.kind, 'invalid');
    assert.equal((await answerAccessAlert(t.deps, ig.actor, id, 'close', { note: 'Audit of a week of case reviews: expected.' })).kind, 'ok');
    assert.equal((await answerAccessAlert(t.deps, caldicott.actor, id, 'close', { note: 'again' })).kind, 'conflict');
    const row = await t.deps.db.selectFrom('access_alert').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'closed');
    assert.equal(row.note, 'Audit of a week of case reviews: expected.');
    assert.equal(row.closed_by, ig.id);
    const open = await listAgencyAccessAlerts(t.deps, ig.actor);
    assert.deepEqual(open.kind === 'ok' && open.value, [], 'closed alerts leave the open list');
    const all = await listAgencyAccessAlerts(t.deps, ig.actor, { all: true });
    assert.equal(all.kind === 'ok' && all.value.length, 1);
    const events = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.subject_id === id).map((e) => `${e.action}:${e.outcome}`);
    assert.deepEqual(events, [
      'access-alert.viewed:denied',
      'access-alert.viewed:denied',
      'access-alert.viewed:denied',
      'access-alert.viewed:ok',
      'access-alert.acknowledged:denied',
      'access-alert.acknowledged:ok',
      'access-alert.closed:ok',
    ]);
  });
});
