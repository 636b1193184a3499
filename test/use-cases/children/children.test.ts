import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addChild } from '../../../src/use-cases/children/add-child.ts';
import { addFamilyMember } from '../../../src/use-cases/children/add-family-member.ts';
import { listChildren } from '../../../src/use-cases/children/list-children.ts';
import { searchChildren } from '../../../src/use-cases/children/search-children.ts';
import { viewChild } from '../../../src/use-cases/children/view-child.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, childInput, makeWorld } from '../../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

describe(`children (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('adds a child held by the actor agency, audits it, and shows it only to that agency', async () => {
    const w = await makeWorld(t.deps);
    const added = await addChild(t.deps, w.council.actor, childInput());
    assert.equal(added.kind, 'ok');
    const childId = added.kind === 'ok' ? added.value.childId : '';

    const seen = await viewChild(t.deps, w.council.actor, childId);
    assert.equal(seen.kind, 'ok');
    if (seen.kind === 'ok') {
      assert.equal(seen.value.child.nhs_number, '9990000018');
      assert.equal(seen.value.child.postcode, 'ZZ99 1AA');
      assert.deepEqual(
        seen.value.agencies.map((a) => a.kind),
        ['holds_record'],
      );
    }
    // The school has no involvement: not found, and the denied attempt is audited.
    const denied = await viewChild(t.deps, w.school.actor, childId);
    assert.equal(denied.kind, 'not_found');

    const audit = await auditOf(t.deps, w.partnershipId);
    assert.deepEqual(
      audit.map((a) => [a.action, a.outcome, a.actor_agency_id]),
      [
        ['child.created', 'ok', w.councilId],
        ['child.viewed', 'ok', w.councilId],
        ['child.viewed', 'denied', w.schoolId],
      ],
    );
    assert.equal(audit[2]!.child_id, childId);
  });

  it('never shows a child of another partnership, even to an agency with the same role', async () => {
    const a = await makeWorld(t.deps);
    const b = await makeWorld(t.deps);
    const added = await addChild(t.deps, a.council.actor, childInput({ nhsNumber: '999 015 8398' }));
    assert.equal(added.kind, 'ok');
    const id = added.kind === 'ok' ? added.value.childId : '';
    assert.equal((await viewChild(t.deps, b.council.actor, id)).kind, 'not_found');
    const search = await searchChildren(t.deps, b.council.actor, { query: 'Example' });
    assert.deepEqual(search.kind === 'ok' && search.value, []);
    // Records of the wrong partnership are "not found", not "denied": nothing reveals they exist.
    const audit = await auditOf(t.deps, b.partnershipId);
    assert.equal(audit.find((e) => e.action === 'child.viewed')?.outcome, 'not_found');
  });

  it('rejects bad details with field errors and writes nothing', async () => {
    const w = await makeWorld(t.deps);
    const result = await addChild(t.deps, w.council.actor, childInput({ givenName: ' ', nhsNumber: '999 000 0019', dateOfBirth: '2017-02-30', postcode: 'not a postcode' }));
    assert.equal(result.kind, 'invalid');
    const paths = result.kind === 'invalid' ? result.errors.map((e) => e.path).sort() : [];
    assert.deepEqual(paths, ['dateOfBirth', 'givenName', 'nhsNumber', 'postcode']);
    const count = await t.deps.db
      .selectFrom('child')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('partnership_id', '=', w.partnershipId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it('refuses a young person over 18 unless a care leaver or with SEND (Southampton 2010 s.5)', async () => {
    const w = await makeWorld(t.deps);
    const over = await addChild(t.deps, w.council.actor, childInput({ nhsNumber: null, dateOfBirth: '2005-01-01' }));
    assert.equal(over.kind, 'invalid');
    const careLeaver = await addChild(t.deps, w.council.actor, childInput({ nhsNumber: null, dateOfBirth: '2005-01-01', careLeaver: true }));
    assert.equal(careLeaver.kind, 'ok');
  });

  it('links a second agency to an existing record when NHS number and date of birth match', async () => {
    const w = await makeWorld(t.deps);
    const first = await addChild(t.deps, w.council.actor, childInput({ nhsNumber: '999 023 7581' }));
    const second = await addChild(t.deps, w.school.actor, childInput({ nhsNumber: '9990237581' }));
    assert.equal(second.kind, 'ok');
    if (first.kind !== 'ok' || second.kind !== 'ok') return;
    assert.equal(second.value.childId, first.value.childId);
    assert.equal(second.value.linkedToExisting, true);
    assert.equal((await viewChild(t.deps, w.school.actor, first.value.childId)).kind, 'ok');
    // Same NHS number with another date of birth is not linked: it is a new record, answered as any
    // new record is (test/security/nhs-number-existence.test.ts).
    const mismatch = await addChild(t.deps, w.school.actor, childInput({ nhsNumber: '9990237581', dateOfBirth: '2016-01-01' }));
    assert.equal(mismatch.kind === 'ok' && mismatch.value.linkedToExisting, false);
    assert.notEqual(mismatch.kind === 'ok' && mismatch.value.childId, first.value.childId);
  });

  it('searches by name, alias, NHS number and date of birth within the agency, auditing each search', async () => {
    const w = await makeWorld(t.deps);
    await addChild(t.deps, w.council.actor, childInput({ givenName: 'Zed', familyName: 'Searchable', aliases: ['Zeddy Q'], nhsNumber: '999 031 6775' }));
    await addChild(t.deps, w.school.actor, childInput({ givenName: 'Zed', familyName: 'Elsewhere', nhsNumber: '999 039 5969' }));
    const byName = await searchChildren(t.deps, w.council.actor, { query: 'zed' });
    assert.deepEqual(byName.kind === 'ok' && byName.value.map((c) => c.family_name), ['Searchable']);
    const byAlias = await searchChildren(t.deps, w.council.actor, { query: 'zeddy' });
    assert.equal(byAlias.kind === 'ok' && byAlias.value.length, 1);
    const byNhs = await searchChildren(t.deps, w.council.actor, { query: '999 031 6775' });
    assert.equal(byNhs.kind === 'ok' && byNhs.value.length, 1);
    const wildcard = await searchChildren(t.deps, w.council.actor, { query: '%' });
    assert.equal(wildcard.kind === 'ok' && wildcard.value.length, 0);
    const empty = await searchChildren(t.deps, w.council.actor, {});
    assert.equal(empty.kind, 'invalid');
    const audit = await auditOf(t.deps, w.partnershipId);
    assert.equal(audit.filter((e) => e.action === 'child.searched').length, 4);
    const list = await listChildren(t.deps, w.council.actor);
    assert.deepEqual(
      list.map((c) => c.family_name),
      ['Searchable'],
    );
  });

  it('records family members with parental responsibility, and refuses them for an unseen child', async () => {
    const w = await makeWorld(t.deps);
    const added = await addChild(t.deps, w.council.actor, childInput({ nhsNumber: null }));
    if (added.kind !== 'ok') assert.fail('child not added');
    const childId = added.value.childId;
    const bad = await addFamilyMember(t.deps, w.council.actor, childId, { givenName: 'Alex', familyName: 'Example' });
    assert.equal(bad.kind, 'invalid');
    assert.deepEqual(bad.kind === 'invalid' && bad.errors.map((e) => e.path).sort(), ['parentalResponsibility', 'relationship']);
    const ok = await addFamilyMember(t.deps, w.council.actor, childId, { givenName: 'Alex', familyName: 'Example', relationship: 'mother', parentalResponsibility: true, isCarer: true });
    assert.equal(ok.kind, 'ok');
    const hidden = await addFamilyMember(t.deps, w.school.actor, childId, { givenName: 'X', familyName: 'Y', relationship: 'other', parentalResponsibility: false });
    assert.equal(hidden.kind, 'not_found');
    const view = await viewChild(t.deps, w.council.actor, childId);
    assert.deepEqual(view.kind === 'ok' && view.value.family.map((f) => [f.given_name, f.parental_responsibility]), [['Alex', true]]);
  });
});
