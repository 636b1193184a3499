// Break-glass access (ADR 0050): granted at once under the national baseline, by a designated
// manager under Haringey 2006 (s.4.6, s.8.3); honoured by the one visibility rule until it ends;
// shown to the child's lead agency at once (its "who has seen this" and a notification with no
// personal data) and reviewed by it afterwards, where "not appropriate" can open a breach report.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { decideBreakGlass } from '../../../src/use-cases/break-glass/decide-break-glass.ts';
import { endBreakGlassGrants } from '../../../src/use-cases/break-glass/end-break-glass-grants.ts';
import { listBreakGlass } from '../../../src/use-cases/break-glass/list-break-glass.ts';
import { requestBreakGlass } from '../../../src/use-cases/break-glass/request-break-glass.ts';
import { reviewBreakGlass } from '../../../src/use-cases/break-glass/review-break-glass.ts';
import { viewBreakGlass } from '../../../src/use-cases/break-glass/view-break-glass.ts';
import { addChild } from '../../../src/use-cases/children/add-child.ts';
import { viewChild } from '../../../src/use-cases/children/view-child.ts';
import { viewChildAccessLog } from '../../../src/use-cases/children/view-child-access-log.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, childInput, makeStaff, makeWorld } from '../../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());
// A grant ends on the database's clock (the visibility rule is SQL), so these tests run at the real time.
beforeEach(() => {
  t.clock.now = new Date();
});

const REASON = 'Brought to A&E overnight with an injury; need to know of any protection plan';

async function world(pack?: string) {
  const w = await makeWorld(t.deps);
  if (pack) await t.deps.db.updateTable('partnership').set({ pack }).where('id', '=', w.partnershipId).execute();
  const lead = await makeStaff(t.deps, w.partnershipId, w.councilId, ['designated_safeguarding_lead']);
  const added = await addChild(t.deps, w.council.actor, childInput());
  assert.equal(added.kind, 'ok');
  const childId = added.kind === 'ok' ? added.value.childId : '';
  return { ...w, lead, childId };
}

const ask = (w: Awaited<ReturnType<typeof world>>, over: Record<string, unknown> = {}) =>
  requestBreakGlass(t.deps, w.school.actor, { nhsNumber: '999 000 0018', dateOfBirth: '2017-03-27', reason: REASON, ...over });

describe('break-glass under the national baseline (granted at once)', () => {
  it('gives the requester’s agency the child for the pack’s hours, tells the lead agency, and shows it in who has seen this', async () => {
    const w = await world();
    assert.equal((await viewChild(t.deps, w.school.actor, w.childId)).kind, 'not_found', 'not involved: not visible');
    const r = await ask(w);
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    assert.equal(r.value.status, 'granted');
    assert.equal(r.value.expiresAt?.getTime(), t.clock.now.getTime() + 24 * 3_600_000);
    assert.equal((await viewChild(t.deps, w.school.actor, w.childId)).kind, 'ok', 'the grant is an involvement the reach check honours');

    const notes = await t.deps.db.selectFrom('notification').selectAll().where('partnership_id', '=', w.partnershipId).where('kind', '=', 'break-glass.used').execute();
    assert.deepEqual(
      notes.map((n) => [n.user_id, n.link]),
      [[w.lead.id, `/break-glass/${r.value.id}`]],
    );
    const mail = await t.deps.db.selectFrom('email_outbox').selectAll().where('partnership_id', '=', w.partnershipId).execute();
    assert.ok(mail.length > 0);
    for (const m of mail) assert.doesNotMatch(JSON.stringify(m), /Ann|Example|999|A&E/, 'no personal data in the e-mail');

    const log = await viewChildAccessLog(t.deps, w.council.actor, w.childId);
    assert.equal(log.kind, 'ok');
    const actions = log.kind === 'ok' ? JSON.stringify(log.value) : '';
    assert.match(actions, /break-glass\.granted/);
    assert.match(actions, /child\.viewed/);
  });

  it('ends by itself: the visibility rule stops at expiry, and the job removes the grant and audits it', async () => {
    const w = await world();
    t.clock.now = new Date(Date.now() - 25 * 3_600_000);
    const r = await ask(w);
    assert.equal(r.kind, 'ok');
    t.clock.now = new Date();
    assert.equal((await viewChild(t.deps, w.school.actor, w.childId)).kind, 'not_found', 'a grant made 25 hours ago has ended');
    assert.ok((await endBreakGlassGrants(t.deps, 'job')) >= 1);
    const expired = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.action === 'break-glass.expired');
    assert.equal(expired.length, 1);
    assert.equal(expired[0]!.child_id, w.childId);
  });

  it('refuses a missing reason, a wrong date of birth, and an agency that already works with the child', async () => {
    const w = await world();
    const short = await ask(w, { reason: 'because' });
    assert.deepEqual(short.kind === 'invalid' && short.errors.map((e) => e.path), ['reason']);
    const wrongDob = await ask(w, { dateOfBirth: '2017-03-28' });
    assert.deepEqual(wrongDob.kind === 'invalid' && wrongDob.errors.map((e) => e.path), ['nhsNumber']);
    const own = await requestBreakGlass(t.deps, w.council.actor, { nhsNumber: '9990000018', dateOfBirth: '2017-03-27', reason: REASON });
    assert.equal(own.kind, 'conflict');
  });

  it('the lead agency reviews it: not appropriate, with a note, opens a breach report; only once, and only by its leads', async () => {
    const w = await world();
    const r = await ask(w);
    const id = r.kind === 'ok' ? r.value.id : '';
    assert.equal((await reviewBreakGlass(t.deps, w.school.actor, id, { outcome: 'appropriate' })).kind, 'not_found', 'the requester does not review their own access');
    assert.equal((await reviewBreakGlass(t.deps, w.council.actor, id, { outcome: 'appropriate' })).kind, 'not_found', 'a practitioner of the lead agency is not its lead');
    const noNote = await reviewBreakGlass(t.deps, w.lead.actor, id, { outcome: 'not_appropriate' });
    assert.deepEqual(noNote.kind === 'invalid' && noNote.errors.map((e) => e.path), ['note']);
    const list = await listBreakGlass(t.deps, w.lead.actor);
    assert.deepEqual(list.kind === 'ok' && list.value.map((i) => [i.id, i.awaitingOurReview]), [[id, true]]);
    const view = await viewBreakGlass(t.deps, w.lead.actor, id);
    assert.equal(view.kind === 'ok' && view.value.reason, REASON);
    assert.equal(view.kind === 'ok' && view.value.mayReview, true);
    const reviewed = await reviewBreakGlass(t.deps, w.lead.actor, id, { outcome: 'not_appropriate', note: 'No emergency: the school already had a referral route', reportBreach: true });
    assert.equal(reviewed.kind, 'ok');
    const breachId = reviewed.kind === 'ok' ? reviewed.value.breachId : null;
    assert.ok(breachId);
    const breach = await t.deps.db.selectFrom('breach').selectAll().where('id', '=', breachId!).executeTakeFirstOrThrow();
    assert.equal(breach.reporting_agency_id, w.councilId);
    assert.equal((await reviewBreakGlass(t.deps, w.lead.actor, id, { outcome: 'appropriate' })).kind, 'conflict');
    const after = await viewBreakGlass(t.deps, w.lead.actor, id);
    assert.equal(after.kind === 'ok' && after.value.reviewNote, 'No emergency: the school already had a referral route');
  });
});

describe('break-glass under Haringey 2006 (a designated manager approves, s.4.6, s.8.3)', () => {
  it('waits for the manager of the requester’s agency; nobody sees the child until then; refusal grants nothing', async () => {
    const w = await world('haringey-2006@2006.4');
    const manager = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['manager']);
    const otherManager = await makeStaff(t.deps, w.partnershipId, w.councilId, ['manager']);
    const r = await ask(w);
    assert.equal(r.kind === 'ok' && r.value.status, 'requested');
    const id = r.kind === 'ok' ? r.value.id : '';
    assert.equal((await viewChild(t.deps, w.school.actor, w.childId)).kind, 'not_found');
    const asked = await t.deps.db.selectFrom('notification').select('user_id').where('kind', '=', 'break-glass.approval-requested').where('partnership_id', '=', w.partnershipId).execute();
    assert.deepEqual(
      asked.map((n) => n.user_id),
      [manager.id],
    );

    assert.equal((await decideBreakGlass(t.deps, w.school.actor, id, 'approve')).kind, 'not_found', 'not one’s own');
    assert.equal((await decideBreakGlass(t.deps, otherManager.actor, id, 'approve')).kind, 'not_found', 'another agency’s manager');
    const approved = await decideBreakGlass(t.deps, manager.actor, id, 'approve');
    assert.equal(approved.kind === 'ok' && approved.value.expiresAt?.getTime(), t.clock.now.getTime() + 12 * 3_600_000);
    assert.equal((await viewChild(t.deps, w.school.actor, w.childId)).kind, 'ok');
    assert.equal((await decideBreakGlass(t.deps, manager.actor, id, 'refuse')).kind, 'conflict');

    const second = await requestBreakGlass(t.deps, (await makeStaff(t.deps, w.partnershipId, w.schoolId)).actor, { nhsNumber: '9990000018', dateOfBirth: '2017-03-27', reason: REASON });
    assert.equal(second.kind === 'ok' && second.value.status, 'requested');
  });

  it('a refused request grants nothing', async () => {
    const w = await world('haringey-2006@2006.4');
    const manager = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['designated_safeguarding_lead']);
    const r = await ask(w);
    const refused = await decideBreakGlass(t.deps, manager.actor, r.kind === 'ok' ? r.value.id : '', 'refuse');
    assert.equal(refused.kind === 'ok' && refused.value.status, 'refused');
    assert.equal((await viewChild(t.deps, w.school.actor, w.childId)).kind, 'not_found');
  });
});
