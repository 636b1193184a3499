// /access-alerts through the real application (ADR 0085): the agency's IG lead finds "Access
// alerts" in the header, opens the alert, acknowledges it and closes it with a note (a missing note
// is a field error); a practitioner has no such link, sees "Emergency access" instead, and gets
// "Page not found" for the alert; the child search points to emergency access when nothing is found.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { insertAccessAlert } from '../../../src/db/queries/access-alerts.ts';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { makeStaff, makeWorld } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

describe('access alerts and emergency access in the pages', () => {
  it('an IG lead reviews an alert; a practitioner cannot see it but finds emergency access', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    const ig = await makeStaff(deps, w.partnershipId, w.councilId, ['ig_lead']);
    const id = randomUUID();
    await insertAccessAlert(deps.db, { partnershipId: w.partnershipId, id, agencyId: w.councilId, userId: w.council.id, day: '2026-12-03', views: 64, threshold: 20, at: deps.now() });

    const c = new Client(ctx.app);
    await c.signIn(ig.email);
    const home = await c.get('/children');
    assert.match(home.body, /href="\/access-alerts"/);
    const list = await c.get('/access-alerts');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /64 views on 3 December 2026 \(usual limit 20\)/);
    assert.match(list.body, new RegExp(`href="/access-alerts/${id}"`));
    const page = await c.get(`/access-alerts/${id}`);
    assert.match(page.body, /Access alert/);
    assert.match(page.body, new RegExp(w.council.email));
    assert.equal((await c.post(`/access-alerts/${id}/acknowledge`, {})).statusCode, 303);
    assert.match((await c.get(`/access-alerts/${id}`)).body, /Being looked into/);
    const noNote = await c.post(`/access-alerts/${id}/close`, { note: '' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /<title>Error: Access alert/);
    assert.match(noNote.body, /Enter what you found and what was done before closing the alert/);
    const closed = await c.post(`/access-alerts/${id}/close`, { note: 'A planned audit of case files.' });
    assert.equal(closed.headers.location, `/access-alerts/${id}`);
    const after = await c.get(`/access-alerts/${id}`);
    assert.match(after.body, /The alert is closed/);
    assert.match(after.body, /A planned audit of case files\./);
    assert.doesNotMatch(after.body, /Close the alert<\/button>|name="note"/);
    assert.match((await c.get('/access-alerts')).body, /There are no open alerts/);
    assert.match((await c.get('/access-alerts?show=all')).body, /Closed/);

    const p = new Client(ctx.app);
    await p.signIn(w.council.email);
    const children = await p.get('/children');
    assert.doesNotMatch(children.body, /href="\/access-alerts"/);
    assert.match(children.body, /href="\/break-glass">[\s\S]*?Emergency access/);
    assert.equal((await p.get('/access-alerts')).statusCode, 404);
    assert.equal((await p.get(`/access-alerts/${id}`)).statusCode, 404, 'not even the person it is about');
    const searched = await p.post('/children/search', { query: 'Nobody Atall' });
    assert.equal(searched.statusCode, 303);
    const search = await p.get(searched.headers.location as string);
    assert.match(search.body, /No children found/);
    assert.match(search.body, /href="\/break-glass\/new">ask for emergency access<\/a>/);
  });
});
