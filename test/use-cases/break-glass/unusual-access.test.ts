// The unusual-access alert (ADR 0051): a person whose views today are above max(20, 5 × their
// 28-day daily median) is brought to their agency's safeguarding and IG leads, once a day.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
    assert.deepEqual(await alerts(w.partnershipId), [{ user_id: ig.id, link: `/staff/${w.council.id}` }]);
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
});
