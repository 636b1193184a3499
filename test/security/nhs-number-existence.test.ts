// Red-team finding (issue 11): adding a child answered differently when an NHS number was held with
// another date of birth — an existence check that could then be brute-forced on dates of birth, with
// no rate limit. Now a record is matched only on NHS number AND date of birth, every other case is
// answered exactly as a new number is, and adding is rate limited per person.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHILD_ADDING_LIMIT } from '../../src/domain/children.ts';
import { addChild } from '../../src/use-cases/children/add-child.ts';
import { viewChild } from '../../src/use-cases/children/view-child.ts';
import { Client, useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { auditOf, childInput, makeStaff, makeWorld } from '../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

describe('adding a child does not reveal whether an NHS number exists', () => {
  it('answers a held NHS number with another date of birth exactly as an unknown number, and reveals nothing of the other record', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    const held = await addChild(deps, w.council.actor, childInput({ nhsNumber: '999 023 7581', dateOfBirth: '2017-03-27' }));
    assert.equal(held.kind, 'ok');
    const guessed = await addChild(deps, w.school.actor, childInput({ nhsNumber: '999 023 7581', dateOfBirth: '2016-01-01' }));
    const unknown = await addChild(deps, w.school.actor, childInput({ nhsNumber: '999 000 0018', dateOfBirth: '2016-01-01' }));
    assert.equal(guessed.kind, 'ok');
    assert.equal(unknown.kind, 'ok');
    if (guessed.kind !== 'ok' || unknown.kind !== 'ok' || held.kind !== 'ok') return;
    assert.deepEqual(Object.keys(guessed.value).sort(), Object.keys(unknown.value).sort());
    assert.equal(guessed.value.linkedToExisting, false);
    assert.equal(unknown.value.linkedToExisting, false);
    // The school did not gain sight of the council's child.
    assert.equal((await viewChild(deps, w.school.actor, held.value.childId)).kind, 'not_found');
    // The conflict is audited for the partnership's IG staff.
    const created = (await auditOf(deps, w.partnershipId)).filter((e) => e.action === 'child.created' && e.subject_id === guessed.value.childId);
    assert.deepEqual(created[0]?.details, { nhsNumberAlsoHeldWithAnotherDateOfBirth: true });
  });

  it('the web page answers the same way (a redirect to the new record with the same message)', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    await addChild(deps, w.council.actor, childInput({ nhsNumber: '999 015 8398', dateOfBirth: '2017-03-27' }));
    const c = new Client(ctx.app);
    await c.signIn(w.school.email);
    await c.get('/children/new');
    const form = (nhs: string) => ({ givenName: 'Ann', familyName: 'Example', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2016', gender: 'female', nhsNumber: nhs });
    const guessed = await c.post('/children/new', form('999 015 8398'));
    await c.get('/children/new');
    const unknown = await c.post('/children/new', form('999 031 6775'));
    assert.equal(guessed.statusCode, unknown.statusCode);
    assert.equal(guessed.statusCode, 303);
  });

  it(`refuses a child beyond a person's ${CHILD_ADDING_LIMIT.max} within ${CHILD_ADDING_LIMIT.windowMinutes} minutes, audited; others are unaffected and the window passes`, async () => {
    const { deps, clock } = ctx.t;
    const w = await makeWorld(deps);
    clock.now = new Date('2026-11-20T09:00:00Z');
    for (let i = 0; i < CHILD_ADDING_LIMIT.max; i++) {
      const r = await addChild(deps, w.council.actor, childInput({ nhsNumber: null, givenName: `Child${String.fromCharCode(97 + i)}` }));
      assert.equal(r.kind, 'ok');
    }
    const refused = await addChild(deps, w.council.actor, childInput({ nhsNumber: null }));
    assert.equal(refused.kind, 'forbidden');
    const refusals = (await auditOf(deps, w.partnershipId)).filter((e) => e.action === 'child.create-refused');
    assert.equal(refusals.length, 1);
    assert.equal(refusals[0]!.outcome, 'denied');
    const colleague = await makeStaff(deps, w.partnershipId, w.councilId);
    assert.equal((await addChild(deps, colleague.actor, childInput({ nhsNumber: null }))).kind, 'ok');
    clock.now = new Date('2026-11-20T10:01:00Z');
    assert.equal((await addChild(deps, w.council.actor, childInput({ nhsNumber: null }))).kind, 'ok');
  });
});
