// Staff administration on a real database: separation of duties (administration is not access),
// credentials ending with a role change or disabling, the agency administrator's view of its API
// keys, API keys expiring, and an agency leaving.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authenticateApiKey } from '../../../src/use-cases/accounts/authenticate-api-key.ts';
import { createApiKey } from '../../../src/use-cases/accounts/create-api-key.ts';
import { loadWebSession, saveWebSession } from '../../../src/use-cases/accounts/web-sessions.ts';
import { addChild } from '../../../src/use-cases/children/add-child.ts';
import { listChildren } from '../../../src/use-cases/children/list-children.ts';
import { searchChildren } from '../../../src/use-cases/children/search-children.ts';
import { viewChild } from '../../../src/use-cases/children/view-child.ts';
import { changeAgencyMembership } from '../../../src/use-cases/partnerships/change-agency-membership.ts';
import { addStaffMember } from '../../../src/use-cases/staff/add-staff-member.ts';
import { setStaffMemberEnabled } from '../../../src/use-cases/staff/disable-staff-member.ts';
import { listAgencyApiKeys } from '../../../src/use-cases/staff/list-agency-api-keys.ts';
import { listStaff } from '../../../src/use-cases/staff/list-staff.ts';
import { recordStaffCheck } from '../../../src/use-cases/staff/record-staff-check.ts';
import { revokeAgencyApiKey } from '../../../src/use-cases/staff/revoke-agency-api-key.ts';
import { updateStaffMember } from '../../../src/use-cases/staff/update-staff-member.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, childInput, makeStaff, makeWorld } from '../../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const token = async (actor: Parameters<typeof createApiKey>[1]) => {
  const k = await createApiKey(t.deps, actor, { name: 'Case system' });
  if (k.kind !== 'ok') assert.fail('no key');
  return k.value;
};

describe('separation of duties: administration is not access (ADR 0044)', () => {
  it('an administrator or partnership manager alone does not see, list, search or add children; the refusal is 404 and audited', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const added = await addChild(deps, w.council.actor, childInput({ nhsNumber: null }));
    if (added.kind !== 'ok') assert.fail('child not added');
    for (const roles of [['administrator'], ['partnership_manager'], ['administrator', 'partnership_manager']] as const) {
      const admin = await makeStaff(deps, w.partnershipId, w.councilId, [...roles]);
      assert.equal((await viewChild(deps, admin.actor, added.value.childId)).kind, 'not_found');
      assert.deepEqual(await listChildren(deps, admin.actor), []);
      const search = await searchChildren(deps, admin.actor, { query: 'Ann' });
      assert.deepEqual(search.kind === 'ok' && search.value, []);
      assert.equal((await addChild(deps, admin.actor, childInput({ nhsNumber: null }))).kind, 'forbidden');
      const events = (await auditOf(deps, w.partnershipId)).filter((e) => e.actor_user_id === admin.id);
      const viewed = events.find((e) => e.action === 'child.viewed');
      assert.equal(viewed?.outcome, 'denied');
      assert.equal(viewed?.child_id, added.value.childId, 'the lead agency sees the attempt');
      assert.equal(events.find((e) => e.action === 'child.searched')?.outcome, 'denied');
    }
    const both = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator', 'practitioner']);
    assert.equal((await viewChild(deps, both.actor, added.value.childId)).kind, 'ok', 'with a practitioner role as well, they do');
  });
});

describe('staff administration', () => {
  it('a change of roles ends the person’s sessions and API keys in the same transaction; a change of name does not', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const key = await token(w.council.actor);
    await saveWebSession(deps, 'session-of-worker', {
      data: { auth: { userId: w.council.id } },
      expiresAt: new Date(deps.now().getTime() + 3_600_000),
      userId: w.council.id,
      partnershipId: w.partnershipId,
    });
    const email = w.council.email;
    const renamed = await updateStaffMember(deps, admin.actor, w.council.id, { email, displayName: 'New name', roles: ['practitioner'] });
    assert.deepEqual(renamed.kind === 'ok' && renamed.value.revoked, false);
    assert.ok(await authenticateApiKey(deps, key.token));
    assert.ok(await loadWebSession(deps, 'session-of-worker'));
    const promoted = await updateStaffMember(deps, admin.actor, w.council.id, { email, displayName: 'New name', roles: ['practitioner', 'spoc'] });
    assert.deepEqual(promoted.kind === 'ok' && promoted.value.revoked, true);
    assert.equal(await authenticateApiKey(deps, key.token), undefined, 'the key stops at once');
    assert.equal(await loadWebSession(deps, 'session-of-worker'), undefined, 'the session ends at once');
    const updated = (await auditOf(deps, w.partnershipId)).filter((e) => e.action === 'staff.updated');
    assert.deepEqual((updated[1]!.details as { revoked?: unknown }).revoked, { sessions: 1, apiKeys: 1 });
  });

  it('an administrator cannot give or take away the partnership manager role, remove their own administration or disable themselves', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const pm = await makeStaff(deps, w.partnershipId, w.councilId, ['partnership_manager']);
    const give = await addStaffMember(deps, admin.actor, { email: 'x@council.test', displayName: 'X', roles: ['partnership_manager'] });
    assert.deepEqual(give.kind === 'invalid' && give.errors.map((e) => e.path), ['roles']);
    const take = await updateStaffMember(deps, admin.actor, pm.id, { email: pm.email, displayName: 'PM', roles: ['practitioner'] });
    assert.match(take.kind === 'invalid' ? take.errors[0]!.message : '', /cannot take away the role Partnership manager/);
    const self = await updateStaffMember(deps, admin.actor, admin.id, { email: admin.email, displayName: 'Me', roles: ['practitioner'] });
    assert.match(self.kind === 'invalid' ? self.errors[0]!.message : '', /own administration role/);
    assert.equal((await setStaffMemberEnabled(deps, admin.actor, admin.id, false)).kind, 'conflict');
    const dup = await addStaffMember(deps, admin.actor, { email: w.council.email.toUpperCase(), displayName: 'Dup', roles: ['practitioner'] });
    assert.deepEqual(dup.kind === 'invalid' && dup.errors.map((e) => e.path), ['email']);
    // The partnership manager may add staff to any agency, with any role.
    const other = await addStaffMember(deps, pm.actor, { agencyId: w.schoolId, email: 'head@school.test', displayName: 'Head', roles: ['manager', 'partnership_manager'] });
    assert.equal(other.kind, 'ok');
  });

  it('lists an agency’s staff with who is untrained or unchecked, and the expiry report only those needing attention', async () => {
    const { deps, clock } = t;
    clock.now = new Date('2026-12-03T10:00:00Z');
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const trained = await makeStaff(deps, w.partnershipId, w.councilId, ['practitioner']);
    for (const kind of ['pre_employment_check', 'information_sharing_training']) {
      const r = await recordStaffCheck(deps, admin.actor, trained.id, { kind, completedOn: '2026-09-01', expiresOn: '2028-09-01' });
      assert.equal(r.kind, 'ok');
    }
    assert.equal((await recordStaffCheck(deps, admin.actor, w.school.id, { kind: 'pre_employment_check', completedOn: '2026-09-01' })).kind, 'not_found');
    await recordStaffCheck(deps, admin.actor, w.council.id, { kind: 'information_sharing_training', completedOn: '2025-01-01', expiresOn: '2026-12-20' });
    const all = await listStaff(deps, admin.actor);
    if (all.kind !== 'ok') assert.fail('not listed');
    assert.deepEqual(
      all.value.staff.map((s) => s.agencyName).filter((n) => n !== 'Council'),
      [],
      'only their own agency',
    );
    const byId = new Map(all.value.staff.map((s) => [s.id, s]));
    assert.equal(byId.get(trained.id)!.checks.information_sharing_training.status, 'current');
    assert.equal(byId.get(w.council.id)!.checks.information_sharing_training.status, 'due');
    assert.equal(byId.get(w.council.id)!.checks.pre_employment_check.status, 'missing');
    const report = await listStaff(deps, admin.actor, { attention: true });
    assert.ok(report.kind === 'ok' && !report.value.staff.some((s) => s.id === trained.id));
    assert.ok(report.kind === 'ok' && report.value.staff.some((s) => s.id === w.council.id));
    // An agency lead sees the list; a practitioner does not.
    const lead = await makeStaff(deps, w.partnershipId, w.councilId, ['spoc', 'practitioner']);
    assert.equal((await listStaff(deps, lead.actor)).kind, 'ok');
    assert.equal((await listStaff(deps, w.council.actor)).kind, 'forbidden');
  });
});

describe('API keys: expiry, and the agency administrator’s view', () => {
  it('a key expires after 90 days', async () => {
    const { deps, clock } = t;
    clock.now = new Date('2026-12-03T10:00:00Z');
    const w = await makeWorld(deps);
    const key = await token(w.council.actor);
    assert.equal(key.expiresAt.toISOString(), '2027-03-03T10:00:00.000Z');
    clock.now = new Date('2027-03-03T09:59:00Z');
    assert.ok(await authenticateApiKey(deps, key.token));
    clock.now = new Date('2027-03-03T10:00:00Z');
    assert.equal(await authenticateApiKey(deps, key.token), undefined);
  });

  it('the agency administrator sees and revokes its staff’s keys, and no other agency’s', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const mine = await token(w.council.actor);
    const theirs = await token(w.school.actor);
    const listed = await listAgencyApiKeys(deps, admin.actor);
    assert.deepEqual(listed.kind === 'ok' && listed.value.map((k) => k.id), [mine.id]);
    assert.equal((await revokeAgencyApiKey(deps, admin.actor, theirs.id)).kind, 'not_found');
    assert.ok(await authenticateApiKey(deps, theirs.token));
    assert.equal((await revokeAgencyApiKey(deps, admin.actor, mine.id)).kind, 'ok');
    assert.equal(await authenticateApiKey(deps, mine.token), undefined);
    assert.equal((await listAgencyApiKeys(deps, w.council.actor)).kind, 'forbidden');
    const refused = (await auditOf(deps, w.partnershipId)).filter((e) => e.action === 'api-key.revoked' && e.outcome === 'not_found');
    assert.equal(refused.length, 1);
  });
});

describe('an agency’s membership', () => {
  it('leaving disables its staff and ends their keys; a left agency cannot be reinstated; only the partnership manager changes membership', async () => {
    const { deps } = t;
    const w = await makeWorld(deps);
    const pm = await makeStaff(deps, w.partnershipId, w.councilId, ['partnership_manager']);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const key = await token(w.school.actor);
    assert.equal((await changeAgencyMembership(deps, admin.actor, w.schoolId, 'suspend', { reason: 'x' })).kind, 'not_found');
    assert.equal((await changeAgencyMembership(deps, pm.actor, w.schoolId, 'suspend', { reason: '' })).kind, 'invalid');
    assert.deepEqual(await changeAgencyMembership(deps, pm.actor, w.schoolId, 'suspend', { reason: 'Board decision' }), { kind: 'ok', value: { membership: 'suspended' } });
    assert.ok(await authenticateApiKey(deps, key.token), 'suspension alone does not sign anyone out');
    assert.deepEqual(await changeAgencyMembership(deps, pm.actor, w.schoolId, 'leave', { reason: 'Withdrew from the agreement' }), { kind: 'ok', value: { membership: 'left' } });
    assert.equal(await authenticateApiKey(deps, key.token), undefined);
    const staff = await deps.db.selectFrom('staff_user').select('active').where('id', '=', w.school.id).executeTakeFirstOrThrow();
    assert.equal(staff.active, false);
    assert.equal((await changeAgencyMembership(deps, pm.actor, w.schoolId, 'reinstate', {})).kind, 'conflict');
  });
});

describe('a suspended or departed agency cannot be sent information', () => {
  it('sending is refused with the reason: suspended, then left', async () => {
    const { deps } = t;
    const { sharingPartnership, shareAnswers, must } = await import('../../support/sharing.ts');
    const { recordDecision } = await import('../../../src/use-cases/decisions/record-decision.ts');
    const { sendDisclosure } = await import('../../../src/use-cases/disclosures/send-disclosure.ts');
    const { prepareDisclosure } = await import('../../../src/use-cases/disclosures/prepare-disclosure.ts');
    const p = await sharingPartnership(deps);
    const pm = await makeStaff(deps, p.partnershipId, p.councilId, ['partnership_manager']);
    const decision = must(
      await recordDecision(deps, p.social.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'Plan', informationShared: 'x', reasons: 'Risk' },
      }),
    );
    must(await changeAgencyMembership(deps, pm.actor, p.schoolId, 'suspend', { reason: 'Board decision' }));
    const suspended = await sendDisclosure(deps, p.social.actor, { decisionId: decision.decisionId, freeText: 'Plan' });
    assert.equal(suspended.kind, 'invalid');
    assert.match(JSON.stringify(suspended), /membership of the partnership is suspended/);
    const prepared = must(await prepareDisclosure(deps, p.social.actor, decision.decisionId));
    assert.match(String(prepared.blocked), /suspended/);
    must(await changeAgencyMembership(deps, pm.actor, p.schoolId, 'leave', { reason: 'Left' }));
    const left = await sendDisclosure(deps, p.social.actor, { decisionId: decision.decisionId, freeText: 'Plan' });
    assert.match(JSON.stringify(left), /has left the partnership/);
  });
});
