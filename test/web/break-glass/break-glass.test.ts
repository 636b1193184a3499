// The break-glass pages (ADR 0050): asking (after a fresh second factor) with GOV.UK field errors,
// access given at once under the national baseline, the lead agency's list and review, and 404
// for anyone else.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addChild } from '../../../src/use-cases/children/add-child.ts';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { childInput, makeStaff, makeWorld } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

describe('the break-glass pages', () => {
  it('ask, open the child, and the lead agency reviews it', async () => {
    ctx.t.clock.now = new Date();
    const deps = ctx.t.deps;
    const w = await makeWorld(deps);
    const lead = await makeStaff(deps, w.partnershipId, w.councilId, ['designated_safeguarding_lead']);
    const added = await addChild(deps, w.council.actor, childInput());
    const childId = added.kind === 'ok' ? added.value.childId : '';

    const school = new Client(ctx.app);
    await school.signIn(w.school.email);
    assert.equal((await school.get(`/children/${childId}`)).statusCode, 404);
    assert.equal((await school.get('/break-glass/new')).statusCode, 200);
    const bad = await school.post('/break-glass/new', { nhsNumber: '9990000018', 'dateOfBirth-day': '27', 'dateOfBirth-month': '3', 'dateOfBirth-year': '2017', reason: 'urgent' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /href="#reason"/);
    const asked = await school.post('/break-glass/new', {
      nhsNumber: '999 000 0018',
      'dateOfBirth-day': '27',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '2017',
      reason: 'Seen at A&E tonight with an injury; need to know of any plan',
    });
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, `/children/${childId}`);
    assert.equal((await school.get(`/children/${childId}`)).statusCode, 200);

    const council = new Client(ctx.app);
    await council.signIn(lead.email);
    const list = await council.get('/break-glass');
    assert.match(list.body, /To review/);
    const id = /href="\/break-glass\/([0-9a-f-]{36})"/.exec(list.body)?.[1] ?? '';
    const page = await council.get(`/break-glass/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Seen at A&amp;E tonight/);
    const noNote = await council.post(`/break-glass/${id}/review`, { outcome: 'not_appropriate' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /href="#note"/);
    const reviewed = await council.post(`/break-glass/${id}/review`, { outcome: 'not_appropriate', note: 'No emergency', reportBreach: 'yes' });
    assert.equal(reviewed.statusCode, 303);
    assert.match(reviewed.headers.location as string, /^\/breaches\//);

    const outsider = new Client(ctx.app);
    await outsider.signIn((await makeStaff(deps, w.partnershipId, w.councilId)).email);
    assert.equal((await outsider.get(`/break-glass/${id}`)).statusCode, 404);
  });
});
